/**
 * GitHub's Actions secrets endpoints, one function per call, for the three levels a secret lives
 * at. No retries and no error wording here: callers decide both. Values arrive already sealed.
 */
import { httpStatus } from './http-error.js';
import type { Octokit, Repo } from './octokit.js';

/** The level a secret lives at; each has its own public key. */
export type SecretScope =
  | { readonly kind: 'repository'; readonly owner: string; readonly repo: string }
  | { readonly kind: 'environment'; readonly owner: string; readonly repo: string; readonly environment: string }
  | { readonly kind: 'organization'; readonly org: string };

export type OrgVisibility = 'all' | 'private' | 'selected';

export interface PublicKey {
  readonly keyId: string;
  /** Base64 X25519 public key. */
  readonly key: string;
}

/** A value sealed to a scope's public key, as the PUT endpoints take it. */
export interface SealedValue {
  readonly encrypted_value: string;
  readonly key_id: string;
}

/** Who may read an organization secret; only org scopes use it. */
export interface OrgAccess {
  readonly visibility: OrgVisibility;
  /** For `selected`: the repository ids. */
  readonly selectedRepositoryIds?: readonly number[] | undefined;
}

/** Why GitHub answered 404 for a scope. */
export type NotFoundReason = 'repository' | 'environment' | 'organization' | 'unknown';

export async function getPublicKey(octokit: Octokit, scope: SecretScope): Promise<PublicKey> {
  const { data } = await requestPublicKey(octokit, scope);
  return { keyId: data.key_id, key: data.key };
}

function requestPublicKey(octokit: Octokit, scope: SecretScope) {
  switch (scope.kind) {
    case 'repository':
      return octokit.rest.actions.getRepoPublicKey({ owner: scope.owner, repo: scope.repo });
    case 'environment':
      return octokit.rest.actions.getEnvironmentPublicKey({ owner: scope.owner, repo: scope.repo, environment_name: scope.environment });
    case 'organization':
      return octokit.rest.actions.getOrgPublicKey({ org: scope.org });
  }
}

/** Creates or replaces secret `name`; `created` on 201, `updated` on 204. */
export async function putSealedSecret(
  octokit: Octokit,
  scope: SecretScope,
  name: string,
  sealed: SealedValue,
  org: OrgAccess,
): Promise<'created' | 'updated'> {
  const { status } = await requestPut(octokit, scope, name, sealed, org);
  return status === 201 ? 'created' : 'updated';
}

function requestPut(octokit: Octokit, scope: SecretScope, secret_name: string, sealed: SealedValue, org: OrgAccess) {
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
      const selected = org.selectedRepositoryIds ? { selected_repository_ids: [...org.selectedRepositoryIds] } : {};
      return octokit.rest.actions.createOrUpdateOrgSecret({
        org: scope.org,
        secret_name,
        visibility: org.visibility,
        ...selected,
        ...sealed,
      });
    }
  }
}

/**
 * Whether secret `name` is there (metadata only; GitHub never returns values). A missing
 * environment or repository holds no secret either, so its 404 is a `false` too.
 */
export async function hasSecret(octokit: Octokit, scope: SecretScope, secret_name: string): Promise<boolean> {
  try {
    await requestSecret(octokit, scope, secret_name);
    return true;
  } catch (err) {
    if (httpStatus(err) === 404) return false;
    throw err;
  }
}

function requestSecret(octokit: Octokit, scope: SecretScope, secret_name: string): Promise<unknown> {
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
}

/** The numeric id organization secrets name their selected repositories by. */
export async function getRepositoryId(octokit: Octokit, repo: Repo): Promise<number> {
  const { data } = await octokit.rest.repos.get({ owner: repo.owner, repo: repo.repo });
  return data.id;
}

/** GitHub's 404 does not say which part of a scope is missing; one more GET tells which to create. */
export async function missingPartOf(octokit: Octokit, scope: SecretScope): Promise<NotFoundReason> {
  if (scope.kind === 'organization') return 'organization';
  try {
    await octokit.rest.repos.get({ owner: scope.owner, repo: scope.repo });
    return scope.kind === 'environment' ? 'environment' : 'unknown';
  } catch (err) {
    return httpStatus(err) === 404 ? 'repository' : 'unknown';
  }
}
