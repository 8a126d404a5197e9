/**
 * Actions secrets over Octokit: public keys per scope (cached), sealed PUTs, existence checks.
 * The value only ever leaves this module sealed to GitHub's public key.
 */
import type { Octokit, Repo } from '../github/octokit.js';
import type { Logger } from '../log.js';
import { nullLogger } from '../log.js';
import type { NotFoundReason, SecretOperation } from './github-errors.js';
import { httpStatus, toDeliveryError } from './github-errors.js';
import type { GitHubRetryOptions } from './github-retry.js';
import { AttemptsExhausted, withGitHubRetries } from './github-retry.js';
import { sealForGitHub } from './seal.js';
import type { GitHubSecretTarget, OrgVisibility, SecretScope } from './targets.js';
import { DEFAULT_ORG_VISIBILITY, describeTarget, scopeKey, scopeOf, selectedRepository } from './targets.js';

export interface PublicKey {
  readonly keyId: string;
  /** Base64 X25519 public key. */
  readonly key: string;
}

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
  /** The repository the workflow runs in: where a target without `repository` goes. */
  readonly repository: Repo;
  readonly logger?: Logger;
  readonly retry?: GitHubRetryOptions;
}

export function createGitHubSecretsClient(options: GitHubSecretsOptions): GitHubSecretsClient {
  const { octokit, repository } = options;
  const logger = options.logger ?? nullLogger;
  const retry = options.retry ?? {};
  const keys = new Map<string, Promise<PublicKey>>();
  const repoIds = new Map<string, Promise<number>>();
  const describe = (target: GitHubSecretTarget): string => describeTarget(target, repository);

  /** One call with retries, its failure turned into a SecretDeliveryError that names the fix. */
  async function call<T>(
    target: GitHubSecretTarget,
    scope: SecretScope,
    operation: SecretOperation,
    fn: () => Promise<T>,
    repositoryName?: string,
  ): Promise<T> {
    const sink = describe(target);
    try {
      return await withGitHubRetries(`${sink} (${operation})`, retry, logger, fn);
    } catch (caught) {
      const attempts = caught instanceof AttemptsExhausted ? caught.attempts : 1;
      const err = caught instanceof AttemptsExhausted ? caught.cause : caught;
      const notFound = httpStatus(err) === 404 && operation !== 'repository' ? await whyNotFound(scope) : undefined;
      throw toDeliveryError(err, {
        sink,
        scope,
        operation,
        attempts,
        ...(notFound ? { notFound } : {}),
        ...(repositoryName ? { repository: repositoryName } : {}),
      });
    }
  }

  /** GitHub's 404 does not say which part is missing; one more GET tells the user what to create. */
  async function whyNotFound(scope: SecretScope): Promise<NotFoundReason> {
    if (scope.kind === 'organization') return 'organization';
    try {
      await octokit.rest.repos.get({ owner: scope.owner, repo: scope.repo });
      return scope.kind === 'environment' ? 'environment' : 'unknown';
    } catch (err) {
      return httpStatus(err) === 404 ? 'repository' : 'unknown';
    }
  }

  async function fetchKey(target: GitHubSecretTarget, scope: SecretScope): Promise<PublicKey> {
    const { data } = await call(target, scope, 'public-key', () => {
      switch (scope.kind) {
        case 'repository':
          return octokit.rest.actions.getRepoPublicKey({ owner: scope.owner, repo: scope.repo });
        case 'environment':
          return octokit.rest.actions.getEnvironmentPublicKey({
            owner: scope.owner,
            repo: scope.repo,
            environment_name: scope.environment,
          });
        case 'organization':
          return octokit.rest.actions.getOrgPublicKey({ org: scope.org });
      }
    });
    logger.debug(`${describe(target)}: public key ${data.key_id}`);
    return { keyId: data.key_id, key: data.key };
  }

  function publicKeyFor(target: GitHubSecretTarget): Promise<PublicKey> {
    const scope = scopeOf(target, repository);
    const cacheKey = scopeKey(scope);
    let key = keys.get(cacheKey);
    if (!key) {
      key = fetchKey(target, scope);
      // A failed fetch is not cached: the next preflight or delivery asks again.
      key.catch(() => keys.delete(cacheKey));
      keys.set(cacheKey, key);
    }
    return key;
  }

  function repositoryId(target: GitHubSecretTarget, scope: SecretScope, name: string): Promise<number> {
    const repo = selectedRepository(name, target.org ?? '', describe(target));
    const cacheKey = `${repo.owner}/${repo.repo}`.toLowerCase();
    let id = repoIds.get(cacheKey);
    if (!id) {
      const get = () => octokit.rest.repos.get({ owner: repo.owner, repo: repo.repo });
      id = call(target, scope, 'repository', get, `${repo.owner}/${repo.repo}`).then(({ data }) => data.id);
      id.catch(() => repoIds.delete(cacheKey));
      repoIds.set(cacheKey, id);
    }
    return id;
  }

  async function selectedIds(target: GitHubSecretTarget, scope: SecretScope): Promise<number[]> {
    const ids: number[] = [];
    for (const name of target.selectedRepositories ?? []) ids.push(await repositoryId(target, scope, name));
    return ids;
  }

  interface SealedBody {
    readonly encrypted_value: string;
    readonly key_id: string;
  }

  function write(target: GitHubSecretTarget, scope: SecretScope, sealed: SealedBody, selectedIds?: number[]) {
    const secret_name = target.name;
    switch (scope.kind) {
      case 'repository':
        return octokit.rest.actions.createOrUpdateRepoSecret({ owner: scope.owner, repo: scope.repo, secret_name, ...sealed });
      case 'environment':
        return octokit.rest.actions.createOrUpdateEnvironmentSecret({
          owner: scope.owner,
          repo: scope.repo,
          environment_name: scope.environment,
          secret_name,
          ...sealed,
        });
      case 'organization': {
        const visibility: OrgVisibility = target.visibility ?? DEFAULT_ORG_VISIBILITY;
        const selected = selectedIds ? { selected_repository_ids: selectedIds } : {};
        return octokit.rest.actions.createOrUpdateOrgSecret({ org: scope.org, secret_name, visibility, ...selected, ...sealed });
      }
    }
  }

  async function putSecret(target: GitHubSecretTarget, value: string): Promise<'created' | 'updated'> {
    const scope = scopeOf(target, repository);
    const selected =
      scope.kind === 'organization' && (target.visibility ?? DEFAULT_ORG_VISIBILITY) === 'selected'
        ? await selectedIds(target, scope)
        : undefined;
    const send = async (): Promise<{ status: number; keyId: string }> => {
      const { keyId, key } = await publicKeyFor(target);
      const sealed = { encrypted_value: await sealForGitHub(value, key), key_id: keyId };
      const { status } = await call(target, scope, 'put', () => write(target, scope, sealed, selected));
      return { status, keyId };
    };
    let status: number;
    try {
      ({ status } = await send());
    } catch (err) {
      if (!(await keyWasRotated(target, scope, err))) throw err;
      ({ status } = await send());
    }
    return status === 201 ? 'created' : 'updated';
  }

  /**
   * GitHub can rotate a scope's key; a value sealed to the old one is refused with 422. The cached
   * key is dropped and, when a fresh fetch brings a different key, the caller seals again.
   */
  async function keyWasRotated(target: GitHubSecretTarget, scope: SecretScope, err: unknown): Promise<boolean> {
    if (!(err instanceof Error) || httpStatus(err.cause) !== 422) return false;
    const cacheKey = scopeKey(scope);
    const old = await keys.get(cacheKey)?.catch(() => undefined);
    keys.delete(cacheKey);
    const fresh = await publicKeyFor(target);
    if (fresh.keyId === old?.keyId) return false;
    logger.info(`${describe(target)}: GitHub rotated the public key (${old?.keyId ?? '?'} → ${fresh.keyId}); sealing again`);
    return true;
  }

  async function secretExists(target: GitHubSecretTarget): Promise<boolean> {
    const scope = scopeOf(target, repository);
    const secret_name = target.name;
    const get = (): Promise<unknown> => {
      switch (scope.kind) {
        case 'repository':
          return octokit.rest.actions.getRepoSecret({ owner: scope.owner, repo: scope.repo, secret_name });
        case 'environment':
          return octokit.rest.actions.getEnvironmentSecret({
            owner: scope.owner,
            repo: scope.repo,
            environment_name: scope.environment,
            secret_name,
          });
        case 'organization':
          return octokit.rest.actions.getOrgSecret({ org: scope.org, secret_name });
      }
    };
    return call(target, scope, 'get', async () => {
      try {
        await get();
        return true;
      } catch (err) {
        // A missing environment or repository holds no secret either: for drift that is `secret-missing`.
        if (httpStatus(err) === 404) return false;
        throw err;
      }
    });
  }

  async function check(target: GitHubSecretTarget): Promise<void> {
    const scope = scopeOf(target, repository);
    await publicKeyFor(target);
    if (scope.kind === 'organization' && (target.visibility ?? DEFAULT_ORG_VISIBILITY) === 'selected') {
      await selectedIds(target, scope);
    }
  }

  return { describe, publicKeyFor, check, putSecret, secretExists };
}
