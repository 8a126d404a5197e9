/**
 * GitHub's rules for the names a `github-secret` target holds, in one place, as listed in the
 * README ("GitHub names in delivery targets"). The spec is checked against them offline, so a
 * typo, or a line break smuggled into a name, is an error at its line instead of a failed or
 * misdirected request half-way through an apply. Pure: no I/O.
 *
 * Each check returns a problem that completes "… <problem>" after the caller's own words, or
 * undefined when the name is acceptable.
 */

/** Organization logins: letters, digits and single hyphens, not at either end; 1 to 39 characters. */
const ORG_LOGIN = /^[A-Za-z0-9](?:-?[A-Za-z0-9])*$/;
/** User logins follow the same rule; a managed user of an enterprise adds `_shortcode`. */
const USER_LOGIN = /^[A-Za-z0-9](?:-?[A-Za-z0-9])*(?:_[A-Za-z0-9]+)?$/;
const LOGIN_MAX = 39;
/** Repository names: letters, digits, `.`, `-` and `_`, up to 100 characters, and not `.` or `..`. */
const REPOSITORY_NAME = /^[A-Za-z0-9._-]+$/;
const REPOSITORY_MAX = 100;
/** Environment names: up to 255 characters. */
const ENVIRONMENT_MAX = 255;
/** Control and invisible format characters (line breaks among them). */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
/** Actions secret names: letters, digits and `_`, not starting with a digit, and not with `GITHUB_`. */
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The organization secret visibilities GitHub knows. */
export const ORG_VISIBILITIES = ['all', 'private', 'selected'] as const;

export function secretNameProblem(name: string): string | undefined {
  if (!SECRET_NAME.test(name)) return "must contain only letters, digits and '_' and not start with a digit";
  if (/^GITHUB_/i.test(name)) return 'must not start with GITHUB_';
  return undefined;
}

export function orgLoginProblem(login: string): string | undefined {
  return loginProblem(login, ORG_LOGIN, "letters, digits and single '-'");
}

export function ownerLoginProblem(login: string): string | undefined {
  return loginProblem(login, USER_LOGIN, "letters, digits and single '-' (and a managed user's '_shortcode')");
}

function loginProblem(login: string, rule: RegExp, allowed: string): string | undefined {
  if (!rule.test(login)) return `must be a GitHub login: ${allowed}, not starting or ending with '-'`;
  if (login.length > LOGIN_MAX) return `is longer than ${LOGIN_MAX} characters`;
  return undefined;
}

export function repositoryNameProblem(name: string): string | undefined {
  if (!REPOSITORY_NAME.test(name) || name === '.' || name === '..') {
    return "must be a repository name: letters, digits, '.', '-' and '_' (and not . or ..)";
  }
  if (name.length > REPOSITORY_MAX) return `is longer than ${REPOSITORY_MAX} characters`;
  return undefined;
}

/** `owner/name`, each part by its own rule. */
export function fullRepositoryProblem(fullName: string): string | undefined {
  const parts = fullName.split('/');
  if (parts.length !== 2) return 'must be owner/name';
  const [owner = '', name = ''] = parts;
  const ownerProblem = ownerLoginProblem(owner);
  if (ownerProblem !== undefined) return `has an owner that ${ownerProblem}`;
  const nameProblem = repositoryNameProblem(name);
  return nameProblem === undefined ? undefined : `has a name that ${nameProblem}`;
}

export function environmentNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'must not be empty';
  if (INVISIBLE.test(name)) return 'must not contain line breaks or other control characters';
  if (name.length > ENVIRONMENT_MAX) return `is longer than ${ENVIRONMENT_MAX} characters`;
  return undefined;
}

/**
 * An entry of `selected-repositories`: a repository of the organization, by name or as
 * `org/name`. GitHub lets an organization secret be read only by the organization's own repositories.
 */
export function selectedRepositoryProblem(entry: string, org: string): string | undefined {
  if (!entry.includes('/')) return repositoryNameProblem(entry);
  const problem = fullRepositoryProblem(entry);
  if (problem !== undefined) return problem;
  const owner = entry.split('/')[0] ?? '';
  return owner.toLowerCase() === org.toLowerCase()
    ? undefined
    : "belongs to another owner: only the organization's own repositories can read its secrets";
}
