/**
 * Actions secrets on the GitHub fake: repository, environment and organization scopes, each with
 * a real libsodium keypair, so a PUT is opened with `crypto_box_seal_open` and tests can read the
 * plaintext the action sealed. Bodies are checked against the rules of GitHub's API description.
 */
import sodium from 'libsodium-wrappers';
import type { FakeGitHub, FakeRequest, FakeResponse, TokenGrant } from './server.js';
import { error, forbidden } from './server.js';

export interface FakeSecretsOptions {
  /** Repositories that exist, `owner/repo` → numeric id. */
  readonly repositories?: Readonly<Record<string, number>>;
  /** Environments that exist, per `owner/repo`. */
  readonly environments?: Readonly<Record<string, readonly string[]>>;
  /** Organizations that exist; default: the owners of `repositories`. */
  readonly orgs?: readonly string[];
  /** Largest plaintext accepted in bytes; GitHub documents 48 KB. */
  readonly maxValueBytes?: number;
}

export interface StoredSecret {
  readonly name: string;
  readonly value: string;
  readonly keyId: string;
  readonly visibility?: string;
  readonly selectedRepositoryIds?: readonly number[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface FakeSecrets {
  /**
   * The plaintext of a secret. `scope` is `owner/repo`, `owner/repo:environment` or `org:name`;
   * owner, repo and org are case-insensitive, secret names too (GitHub stores them upper-case).
   */
  secretValue(scope: string, name: string): string | undefined;
  secret(scope: string, name: string): StoredSecret | undefined;
  /** Stores a secret directly, as if set earlier through the UI. */
  seed(scope: string, name: string, value: string): void;
  deleteSecret(scope: string, name: string): boolean;
  addEnvironment(repository: string, environment: string): void;
  /** GitHub may rotate a scope's key; PUTs sealed to the old one then fail. */
  rotateKey(scope: string): void;
  /** The key_id currently served for a scope, if its key was generated yet. */
  keyId(scope: string): string | undefined;
}

type Kind = 'repository' | 'environment' | 'organization';

interface Keypair {
  readonly keyId: string;
  readonly publicKey: Uint8Array;
  readonly privateKey: Uint8Array;
}

/** The schema pattern of `encrypted_value`: standard base64 with padding. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
const VISIBILITIES = ['all', 'private', 'selected'];

const normalizeScope = (scope: string): string => {
  const colon = scope.indexOf(':');
  if (scope.startsWith('org:')) return scope.toLowerCase();
  return colon < 0 ? scope.toLowerCase() : `${scope.slice(0, colon).toLowerCase()}${scope.slice(colon)}`;
};

function allowed(grant: TokenGrant | undefined, kind: Kind): boolean {
  if (kind === 'repository') return grant?.secrets === true;
  if (kind === 'environment') return grant?.secrets === true && grant.environments === true;
  return grant?.orgSecrets === true;
}

const PERMISSION_HEADER: Record<Kind, string> = {
  repository: 'secrets',
  environment: 'environments,secrets',
  organization: 'organization_secrets',
};

function denied(kind: Kind, access: 'read' | 'write'): FakeResponse {
  const permission = PERMISSION_HEADER[kind]
    .split(',')
    .map((p) => `${p}=${access}`)
    .join(',');
  return { ...forbidden(), headers: { 'x-accepted-github-permissions': permission } };
}

export function installSecretsRoutes(fake: FakeGitHub, options: FakeSecretsOptions = {}): FakeSecrets {
  const repositories = new Map(Object.entries(options.repositories ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const environments = new Map<string, Set<string>>();
  for (const [repo, envs] of Object.entries(options.environments ?? {})) environments.set(repo.toLowerCase(), new Set(envs));
  const orgs = new Set((options.orgs ?? [...repositories.keys()].map((r) => r.split('/')[0]!)).map((o) => o.toLowerCase()));
  const maxValueBytes = options.maxValueBytes ?? 48 * 1024;
  const keys = new Map<string, Keypair>();
  const store = new Map<string, Map<string, StoredSecret>>();
  let keyCounter = 0;

  async function keypair(scope: string): Promise<Keypair> {
    await sodium.ready;
    let pair = keys.get(scope);
    if (!pair) {
      const { publicKey, privateKey } = sodium.crypto_box_keypair();
      pair = { keyId: `56825016724254${String(++keyCounter).padStart(4, '0')}`, publicKey, privateKey };
      keys.set(scope, pair);
    }
    return pair;
  }

  const secretsOf = (scope: string): Map<string, StoredSecret> => {
    let secrets = store.get(scope);
    if (!secrets) store.set(scope, (secrets = new Map()));
    return secrets;
  };

  /** Resolves the scope of a request, or the 404/403 GitHub would answer first. */
  function resolve(
    req: FakeRequest,
    params: Record<string, string>,
    access: 'read' | 'write',
  ): { scope: string; kind: Kind } | FakeResponse {
    if (params.org !== undefined) {
      if (!orgs.has(params.org.toLowerCase())) return error(404, 'Not Found');
      if (!allowed(req.grant, 'organization')) return denied('organization', access);
      return { scope: `org:${params.org.toLowerCase()}`, kind: 'organization' };
    }
    const repo = `${params.owner}/${params.repo}`.toLowerCase();
    if (!repositories.has(repo)) return error(404, 'Not Found');
    const kind: Kind = params.environment_name !== undefined ? 'environment' : 'repository';
    if (!allowed(req.grant, kind)) return denied(kind, access);
    if (kind === 'repository') return { scope: repo, kind };
    if (!environments.get(repo)?.has(params.environment_name!)) return error(404, 'Not Found');
    return { scope: `${repo}:${params.environment_name}`, kind };
  }

  const isResponse = (x: { scope: string; kind: Kind } | FakeResponse): x is FakeResponse => 'status' in x;

  async function getPublicKey(req: FakeRequest, params: Record<string, string>): Promise<FakeResponse> {
    const target = resolve(req, params, 'read');
    if (isResponse(target)) return target;
    const pair = await keypair(target.scope);
    return { status: 200, body: { key_id: pair.keyId, key: sodium.to_base64(pair.publicKey, sodium.base64_variants.ORIGINAL) } };
  }

  function getSecret(req: FakeRequest, params: Record<string, string>): FakeResponse {
    const target = resolve(req, params, 'read');
    if (isResponse(target)) return target;
    const secret = secretsOf(target.scope).get(params.secret_name!.toUpperCase());
    if (!secret) return error(404, 'Not Found');
    return { status: 200, body: metadata(secret, params.org) };
  }

  function metadata(secret: StoredSecret, org: string | undefined): Record<string, unknown> {
    const body: Record<string, unknown> = { name: secret.name, created_at: secret.createdAt, updated_at: secret.updatedAt };
    if (org !== undefined) body.visibility = secret.visibility;
    if (secret.visibility === 'selected') {
      body.selected_repositories_url = `${fake.origin}/orgs/${org}/actions/secrets/${secret.name}/repositories`;
    }
    return body;
  }

  async function putSecret(req: FakeRequest, params: Record<string, string>): Promise<FakeResponse> {
    const target = resolve(req, params, 'write');
    if (isResponse(target)) return target;
    const name = params.secret_name!;
    const nameProblem = secretNameProblem(name);
    if (nameProblem) return error(422, nameProblem);
    const body = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalid('the request body must be an object');
    const fields = body as Record<string, unknown>;
    const existing = secretsOf(target.scope).get(name.toUpperCase());
    const org = target.kind === 'organization' ? orgFields(fields, params.org!) : undefined;
    if (org && 'status' in org) return org;
    const needsValue = target.kind !== 'organization' || fields.encrypted_value !== undefined || !existing;
    let value = existing?.value ?? '';
    let keyId = existing?.keyId ?? '';
    if (needsValue) {
      const opened = await openValue(target.scope, fields);
      if (typeof opened !== 'string' && 'status' in opened) return opened;
      ({ value, keyId } = opened);
    }
    const now = new Date().toISOString();
    secretsOf(target.scope).set(name.toUpperCase(), {
      name: name.toUpperCase(),
      value,
      keyId,
      ...(org ? { visibility: org.visibility, ...(org.ids ? { selectedRepositoryIds: org.ids } : {}) } : {}),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    return existing ? { status: 204 } : { status: 201, body: {} };
  }

  async function openValue(scope: string, fields: Record<string, unknown>): Promise<{ value: string; keyId: string } | FakeResponse> {
    const { encrypted_value: sealed, key_id: keyId } = fields;
    if (sealed === undefined) return invalid('"encrypted_value" wasn\'t supplied.');
    if (keyId === undefined) return invalid('"key_id" wasn\'t supplied.');
    if (typeof sealed !== 'string' || !BASE64.test(sealed)) {
      return invalid(`Invalid property /encrypted_value: \`${String(sealed).slice(0, 12)}…\` does not match the base64 pattern.`);
    }
    if (typeof keyId !== 'string') return invalid('Invalid property /key_id: must be a string.');
    const pair = await keypair(scope);
    if (keyId !== pair.keyId) return invalid(`key_id ${keyId} is not the current key of this scope; fetch the public key again`);
    let value: string;
    try {
      value = sodium.to_string(
        sodium.crypto_box_seal_open(sodium.from_base64(sealed, sodium.base64_variants.ORIGINAL), pair.publicKey, pair.privateKey),
      );
    } catch {
      return invalid('encrypted_value could not be decrypted with the key of key_id');
    }
    if (Buffer.byteLength(value, 'utf8') > maxValueBytes) return invalid('Value is too large.');
    return { value, keyId };
  }

  function orgFields(fields: Record<string, unknown>, org: string): { visibility: string; ids?: number[] } | FakeResponse {
    const { visibility, selected_repository_ids: ids } = fields;
    if (visibility === undefined) return invalid('"visibility" wasn\'t supplied.');
    if (typeof visibility !== 'string' || !VISIBILITIES.includes(visibility)) {
      return invalid(`Invalid property /visibility: \`${String(visibility)}\` is not one of ${VISIBILITIES.join(', ')}.`);
    }
    if (ids === undefined) return { visibility };
    if (visibility !== 'selected') return invalid('selected_repository_ids can only be given when visibility is selected.');
    if (!Array.isArray(ids) || !ids.every((id) => Number.isInteger(Number(id)))) {
      return invalid('Invalid property /selected_repository_ids: must be an array of repository ids.');
    }
    const orgRepos = new Set([...repositories].filter(([full]) => full.startsWith(`${org.toLowerCase()}/`)).map(([, id]) => id));
    const unknown = ids.map(Number).filter((id) => !orgRepos.has(id));
    if (unknown.length > 0) return invalid(`repository ids ${unknown.join(', ')} are not repositories of ${org}`);
    return { visibility, ids: ids.map(Number) };
  }

  function deleteRoute(req: FakeRequest, params: Record<string, string>): FakeResponse {
    const target = resolve(req, params, 'write');
    if (isResponse(target)) return target;
    return secretsOf(target.scope).delete(params.secret_name!.toUpperCase()) ? { status: 204 } : error(404, 'Not Found');
  }

  function getRepository(req: FakeRequest, params: Record<string, string>): FakeResponse {
    const full = `${params.owner}/${params.repo}`;
    const id = repositories.get(full.toLowerCase());
    if (id === undefined || !req.grant) return error(404, 'Not Found');
    return { status: 200, body: { id, name: params.repo, full_name: full, owner: { login: params.owner } } };
  }

  // public-key first: the `{secret_name}` routes would match it too.
  for (const base of [
    '/repos/{owner}/{repo}/actions/secrets',
    '/repos/{owner}/{repo}/environments/{environment_name}/secrets',
    '/orgs/{org}/actions/secrets',
  ]) {
    fake.route('GET', `${base}/public-key`, getPublicKey);
    fake.route('GET', `${base}/{secret_name}`, getSecret);
    fake.route('PUT', `${base}/{secret_name}`, putSecret);
    fake.route('DELETE', `${base}/{secret_name}`, deleteRoute);
  }
  fake.route('GET', '/repos/{owner}/{repo}', getRepository);

  const find = (scope: string, name: string): StoredSecret | undefined => store.get(normalizeScope(scope))?.get(name.toUpperCase());
  return {
    secretValue: (scope, name) => find(scope, name)?.value,
    secret: find,
    seed(scope, name, value) {
      const now = new Date().toISOString();
      secretsOf(normalizeScope(scope)).set(name.toUpperCase(), {
        name: name.toUpperCase(),
        value,
        keyId: '',
        createdAt: now,
        updatedAt: now,
      });
    },
    deleteSecret: (scope, name) => store.get(normalizeScope(scope))?.delete(name.toUpperCase()) ?? false,
    addEnvironment(repository, environment) {
      const repo = repository.toLowerCase();
      environments.set(repo, new Set([...(environments.get(repo) ?? []), environment]));
    },
    rotateKey: (scope) => void keys.delete(normalizeScope(scope)),
    keyId: (scope) => keys.get(normalizeScope(scope))?.keyId,
  };
}

const invalid = (detail: string): FakeResponse => error(422, `Invalid request.\n\n${detail}`);

function secretNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    return 'Secret names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_).';
  if (/^GITHUB_/i.test(name)) return 'Secret names must not start with GITHUB_.';
  return undefined;
}
