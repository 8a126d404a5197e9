/**
 * Where a `github-secret` deliver target points: a repository, one of its environments, or an
 * organization. Also the one wording of every target in logs, errors and dead-secret notices.
 */
import { SecretDeliveryError } from '../errors.js';
import type { SecretScope } from '../github/actions-secrets.js';
import { secretNameProblem as secretNameRule } from '../model/github-names.js';
import type { Repo } from '../github/octokit.js';
import { oneLine } from '../log-line.js';
import { OUTPUT_NAME_PATTERN } from '../model/action-outputs.js';
import { describeTarget, type GitHubSecretTarget } from '../spec/deliver-target-label.js';

/** Reads `owner/repo`; throws a SecretDeliveryError naming `sink` for anything else. */
export function parseRepository(fullName: string, sink: string): Repo {
  const parts = fullName.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    throw new SecretDeliveryError(sink, `repository "${fullName}" is not of the form owner/repo`);
  }
  return { owner: parts[0], repo: parts[1] };
}

/** Only a command line run knows no repository of its own; the action always runs in one. */
const NO_REPOSITORY =
  'no repository is known for a target without `repository`: give the target `repository: owner/name`, or pass --repository owner/repo (or set GITHUB_REPOSITORY)';

/** The scope a target writes to; `current` is the repository the workflow runs in. */
export function scopeOf(target: GitHubSecretTarget, current: Repo | undefined): SecretScope {
  const sink = describeTarget(target, current);
  if (target.org !== undefined) {
    if (target.repository !== undefined || target.environment !== undefined) {
      throw new SecretDeliveryError(sink, 'an organization secret takes no repository or environment');
    }
    return { kind: 'organization', org: target.org };
  }
  const repo = target.repository !== undefined ? parseRepository(target.repository, sink) : current;
  if (!repo) throw new SecretDeliveryError(sink, NO_REPOSITORY);
  return target.environment !== undefined
    ? { kind: 'environment', owner: repo.owner, repo: repo.repo, environment: target.environment }
    : { kind: 'repository', owner: repo.owner, repo: repo.repo };
}

/** Owner and repository names are case-insensitive on GitHub, so the key folds them. */
export function scopeKey(scope: SecretScope): string {
  switch (scope.kind) {
    case 'repository':
      return `${scope.owner}/${scope.repo}`.toLowerCase();
    case 'environment':
      return `${`${scope.owner}/${scope.repo}`.toLowerCase()}:${scope.environment}`;
    case 'organization':
      return `org:${scope.org.toLowerCase()}`;
  }
}

/** `acme/infra`, `acme/infra:production`, `org acme`. */
export function describeScope(scope: SecretScope): string {
  switch (scope.kind) {
    case 'repository':
      return `${scope.owner}/${scope.repo}`;
    case 'environment':
      return `${scope.owner}/${scope.repo}:${scope.environment}`;
    case 'organization':
      return `org ${scope.org}`;
  }
}

/** GitHub's naming rules for Actions secrets; undefined when `name` is acceptable. */
export function secretNameProblem(name: string): string | undefined {
  const problem = secretNameRule(name);
  return problem === undefined ? undefined : `secret name "${oneLine(name)}" ${problem}`;
}

/** Step output ids (`OUTPUT_NAME_PATTERN`). */
export function outputNameProblem(name: string): string | undefined {
  return OUTPUT_NAME_PATTERN.test(name)
    ? undefined
    : `output name "${name}" must start with a letter or _ and contain only letters, digits, - and _`;
}

/** A selected repository written without an owner belongs to the secret's organization. */
export function selectedRepository(name: string, org: string, sink: string): Repo {
  return parseRepository(name.includes('/') ? name : `${org}/${name}`, sink);
}
