/**
 * An OIDC issuer for tests: an RSA key pair whose public half is served as a JWKS, signing
 * RS256 JWTs. It plays GitHub Actions' token service (the runner's ID tokens) and is what the
 * Vault fake's JWT auth method trusts. `githubClaims` builds the claims GitHub puts in a
 * workflow's ID token.
 */
import { createHash, generateKeyPair, randomUUID, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

export interface PublicJwk {
  readonly kty: string;
  readonly n: string;
  readonly e: string;
  readonly kid: string;
  readonly alg: string;
  readonly use: string;
}

export interface JsonWebKeySet {
  readonly keys: readonly PublicJwk[];
}

interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly jwk: PublicJwk;
}

const generate = promisify(generateKeyPair);

export const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

async function newKey(): Promise<SigningKey> {
  const { publicKey, privateKey } = await generate('rsa', { modulusLength: 2048 });
  const exported = publicKey.export({ format: 'jwk' });
  const kid = createHash('sha256').update(String(exported.n)).digest('hex').slice(0, 40).toUpperCase();
  return { kid, privateKey, jwk: { kty: 'RSA', n: String(exported.n), e: String(exported.e), kid, alg: 'RS256', use: 'sig' } };
}

/** Signs JWTs with a key made on first use; `rotate` replaces it, so older tokens stop verifying. */
export class OidcIssuer {
  #key: Promise<SigningKey> | undefined;

  constructor(readonly issuer: string = GITHUB_ISSUER) {}

  #current(): Promise<SigningKey> {
    this.#key ??= newKey();
    return this.#key;
  }

  async jwks(): Promise<JsonWebKeySet> {
    return { keys: [(await this.#current()).jwk] };
  }

  /** A compact RS256 JWT of `claims` (`iss` is added when missing). */
  async sign(claims: Record<string, unknown>): Promise<string> {
    const key = await this.#current();
    const header = { typ: 'JWT', alg: 'RS256', kid: key.kid, x5t: key.kid.slice(0, 27) };
    const body = { iss: this.issuer, ...claims };
    const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(body))}`;
    return `${input}.${base64url(sign('sha256', Buffer.from(input), key.privateKey))}`;
  }

  rotate(): void {
    this.#key = newKey();
  }
}

/** What a workflow run looks like to GitHub's token service. */
export interface WorkflowIdentity {
  /** `owner/repo` */
  readonly repository: string;
  /** e.g. `refs/heads/main`, `refs/pull/7/merge` */
  readonly ref: string;
  readonly sha?: string;
  readonly eventName?: string;
  /** The job's deployment environment, if it has one (it then decides `sub`). */
  readonly environment?: string;
  readonly actor?: string;
  readonly runId?: number;
  readonly workflow?: string;
}

/** The claims of a GitHub Actions ID token for `audience`, issued at `nowSeconds`. */
export function githubClaims(identity: WorkflowIdentity, audience: string, nowSeconds: number): Record<string, unknown> {
  const [owner = '', name = ''] = identity.repository.split('/');
  const eventName = identity.eventName ?? 'push';
  const workflow = identity.workflow ?? 'proxmox-access';
  const sub = identity.environment
    ? `repo:${identity.repository}:environment:${identity.environment}`
    : eventName === 'pull_request'
      ? `repo:${identity.repository}:pull_request`
      : `repo:${identity.repository}:ref:${identity.ref}`;
  const workflowRef = `${identity.repository}/.github/workflows/${name || 'workflow'}.yml@${identity.ref}`;
  return {
    jti: randomUUID(),
    sub,
    aud: audience,
    ref: identity.ref,
    sha: identity.sha ?? '0000000000000000000000000000000000000000',
    repository: identity.repository,
    repository_owner: owner,
    repository_visibility: 'private',
    run_id: String(identity.runId ?? 1001),
    run_number: '1',
    run_attempt: '1',
    actor: identity.actor ?? 'octocat',
    workflow,
    event_name: eventName,
    ref_type: identity.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    workflow_ref: workflowRef,
    job_workflow_ref: workflowRef,
    runner_environment: 'github-hosted',
    ...(identity.environment ? { environment: identity.environment } : {}),
    iss: GITHUB_ISSUER,
    // GitHub back-dates nbf and gives the token five minutes.
    nbf: nowSeconds - 600,
    exp: nowSeconds + 300,
    iat: nowSeconds,
  };
}

/** Mints a GitHub-like ID token for `audience` (default `https://github.com/<owner>`, GitHub's own default). */
export function mintGitHubToken(
  issuer: OidcIssuer,
  identity: WorkflowIdentity,
  options: { audience?: string; nowSeconds?: number; claims?: Record<string, unknown> } = {},
): Promise<string> {
  const audience = options.audience ?? `https://github.com/${identity.repository.split('/')[0]}`;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  return issuer.sign({ ...githubClaims(identity, audience, now), ...options.claims });
}
