/**
 * Actions secrets for delivery: public keys per scope (cached), sealed PUTs, existence checks,
 * each GitHub call retried and its failure worded as a SecretDeliveryError that names the fix.
 * The value only ever leaves this module sealed to GitHub's public key.
 */
import {
  getPublicKey,
  getRepositoryId,
  hasSecret,
  missingPartOf,
  putSealedSecret,
  type OrgAccess,
  type PublicKey,
  type SecretScope,
} from '../github/actions-secrets.js';
import { httpStatus } from '../github/http-error.js';
import type { Octokit, Repo } from '../github/octokit.js';
import { retryIdempotent, type GitHubRetryOptions } from '../github/retry.js';
import type { Logger } from '../log.js';
import { nullLogger } from '../log.js';
import { toDeliveryError, type SecretOperation } from './github-errors.js';
import { sealForGitHub } from './seal.js';
import { DEFAULT_ORG_VISIBILITY, describeTarget, type GitHubSecretTarget } from '../spec/deliver-target-label.js';
import { scopeKey, scopeOf, selectedRepository } from './targets.js';

export interface GitHubSecretsClient {
  /** The sink wording for logs and errors, e.g. `github-secret acme/infra:production/PM_API_TOKEN`. */
  describe(target: GitHubSecretTarget): string;
  /** The public key of the target's scope; fetched once per scope. */
  publicKeyFor(target: GitHubSecretTarget): Promise<PublicKey>;
  /** Everything a PUT will need, without writing: the public key and, for `selected`, the repository ids. */
  check(target: GitHubSecretTarget): Promise<void>;
  /** Seals `value` and writes it; `created` on 201, `updated` on 204. */
  putSecret(target: GitHubSecretTarget, value: string): Promise<'created' | 'updated'>;
  /** Whether the secret is there (metadata only; GitHub never returns values). */
  secretExists(target: GitHubSecretTarget): Promise<boolean>;
}

export interface GitHubSecretsOptions {
  /** Authenticated with the `secrets-token`. */
  readonly octokit: Octokit;
  /**
   * The repository the workflow runs in: where a target without `repository` goes. A command line
   * run may know none; such targets then fail preflight saying so, and all others still work.
   */
  readonly repository?: Repo | undefined;
  readonly logger?: Logger;
  readonly retry?: GitHubRetryOptions;
}

/** What the calls of one client share; the caches live as long as the client. */
interface Client {
  readonly octokit: Octokit;
  readonly repository: Repo | undefined;
  readonly logger: Logger;
  readonly retry: GitHubRetryOptions;
  /** Public keys by `scopeKey`. */
  readonly keys: Map<string, Promise<PublicKey>>;
  /** Repository ids by lower-case `owner/repo`. */
  readonly repoIds: Map<string, Promise<number>>;
}

export function createGitHubSecretsClient(options: GitHubSecretsOptions): GitHubSecretsClient {
  const client: Client = {
    octokit: options.octokit,
    repository: options.repository,
    logger: options.logger ?? nullLogger,
    retry: options.retry ?? {},
    keys: new Map(),
    repoIds: new Map(),
  };
  // Own properties, not methods of a prototype: callers wrap a client by spreading it.
  return {
    describe: (target) => describe(client, target),
    publicKeyFor: (target) => publicKeyFor(client, target),
    check: (target) => check(client, target),
    putSecret: (target, value) => putSecret(client, target, value),
    secretExists: (target) => secretExists(client, target),
  };
}

const describe = (client: Client, target: GitHubSecretTarget): string => describeTarget(target, client.repository);

interface CallSite {
  readonly target: GitHubSecretTarget;
  readonly scope: SecretScope;
  readonly operation: SecretOperation;
  /** For `repository` lookups: the `owner/repo` looked up. */
  readonly repository?: string;
}

/** One call with retries, its failure turned into a SecretDeliveryError that names the fix. */
async function call<T>(client: Client, site: CallSite, fn: () => Promise<T>): Promise<T> {
  const { target, scope, operation, repository } = site;
  const sink = describe(client, target);
  const { outcome, tries } = await retryIdempotent(`${sink} (${operation})`, client.retry, client.logger, fn);
  if (outcome.ok) return outcome.value;
  const err = outcome.error;
  const notFound = httpStatus(err) === 404 && operation !== 'repository' ? await missingPartOf(client.octokit, scope) : undefined;
  throw toDeliveryError(err, {
    sink,
    scope,
    operation,
    attempts: tries,
    ...(notFound ? { notFound } : {}),
    ...(repository ? { repository } : {}),
  });
}

/** A cached promise of `key`, fetched once; a failed fetch is not cached, so the next caller asks again. */
function cached<T>(cache: Map<string, Promise<T>>, key: string, fetch: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = fetch();
    value.catch(() => cache.delete(key));
    cache.set(key, value);
  }
  return value;
}

function publicKeyFor(client: Client, target: GitHubSecretTarget): Promise<PublicKey> {
  const scope = scopeOf(target, client.repository);
  return cached(client.keys, scopeKey(scope), async () => {
    const key = await call(client, { target, scope, operation: 'public-key' }, () => getPublicKey(client.octokit, scope));
    client.logger.debug(`${describe(client, target)}: public key ${key.keyId}`);
    return key;
  });
}

function repositoryId(client: Client, target: GitHubSecretTarget, scope: SecretScope, name: string): Promise<number> {
  const repo = selectedRepository(name, target.org ?? '', describe(client, target));
  const fullName = `${repo.owner}/${repo.repo}`;
  return cached(client.repoIds, fullName.toLowerCase(), () =>
    call(client, { target, scope, operation: 'repository', repository: fullName }, () => getRepositoryId(client.octokit, repo)),
  );
}

/** Who may read the secret; for `selected`, the repository ids are looked up one by one, in order. */
async function orgAccess(client: Client, target: GitHubSecretTarget, scope: SecretScope): Promise<OrgAccess> {
  const visibility = target.visibility ?? DEFAULT_ORG_VISIBILITY;
  if (scope.kind !== 'organization' || visibility !== 'selected') return { visibility };
  const ids: number[] = [];
  for (const name of target.selectedRepositories ?? []) ids.push(await repositoryId(client, target, scope, name));
  return { visibility, selectedRepositoryIds: ids };
}

async function check(client: Client, target: GitHubSecretTarget): Promise<void> {
  await publicKeyFor(client, target);
  await orgAccess(client, target, scopeOf(target, client.repository));
}

async function putSecret(client: Client, target: GitHubSecretTarget, value: string): Promise<'created' | 'updated'> {
  const scope = scopeOf(target, client.repository);
  const org = await orgAccess(client, target, scope);
  const send = async (): Promise<'created' | 'updated'> => {
    const { keyId, key } = await publicKeyFor(client, target);
    const sealed = { encrypted_value: await sealForGitHub(value, key), key_id: keyId };
    return call(client, { target, scope, operation: 'put' }, () => putSealedSecret(client.octokit, scope, target.name, sealed, org));
  };
  try {
    return await send();
  } catch (err) {
    if (!(await keyWasRotated(client, target, scope, err))) throw err;
    return send();
  }
}

/**
 * GitHub can rotate a scope's key; a value sealed to the old one is refused with 422. The cached
 * key is dropped and, when a fresh fetch brings a different key, the caller seals again.
 */
async function keyWasRotated(client: Client, target: GitHubSecretTarget, scope: SecretScope, err: unknown): Promise<boolean> {
  if (!(err instanceof Error) || httpStatus(err.cause) !== 422) return false;
  const cacheKey = scopeKey(scope);
  const old = await client.keys.get(cacheKey)?.catch(() => undefined);
  client.keys.delete(cacheKey);
  const fresh = await publicKeyFor(client, target);
  if (fresh.keyId === old?.keyId) return false;
  client.logger.info(`${describe(client, target)}: GitHub rotated the public key (${old?.keyId ?? '?'} → ${fresh.keyId}); sealing again`);
  return true;
}

function secretExists(client: Client, target: GitHubSecretTarget): Promise<boolean> {
  const scope = scopeOf(target, client.repository);
  return call(client, { target, scope, operation: 'get' }, () => hasSecret(client.octokit, scope, target.name));
}
