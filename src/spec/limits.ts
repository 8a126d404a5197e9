/**
 * What PVE rejects, or silently changes, in the values a spec writes: one table, listed for users
 * in the README ("Limits the spec enforces"). A value past one of these would pass review and
 * then fail half-way through an apply, or show as drift on every run. Pure; the version and the
 * clock come from the caller (nothing offline, the connected server at plan time).
 */

/** A PVE release as far as these limits care; `since` fields below compare against it. */
export interface PveRelease {
  readonly major: number;
  readonly minor: number;
}

export const ROLE_OR_GROUP_ID_PATTERN = /^[A-Za-z0-9.\-_]+$/;
/**
 * PVE's `email-opt` format. Its `\w` is Perl's, which takes any Unicode letter, digit, mark or
 * connector (so `jürgen@example.com` is fine); the domain part is ASCII only.
 */
export const EMAIL_PATTERN =
  /^[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}+\-~]+(\.[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}+\-~]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/u;

/**
 * The last moment a JavaScript Date can name (275760-09-13), in epoch seconds. PVE stores an
 * expiry as a plain integer with no upper bound, but this action, the PVE web UI and every
 * browser show it as a Date; a later expiry cannot be represented, and must not quietly become
 * "never expires".
 */
export const MAX_EXPIRE_EPOCH = 8_640_000_000_000;
export const LAST_REPRESENTABLE_DATE = '275760-09-13';

export interface LengthLimit {
  /** Where the value lives, as the spec writes it. */
  readonly field: string;
  readonly max: number;
  /** First release that enforces it; absent when every supported release does. */
  readonly since?: PveRelease;
}

/** Lengths in characters (code points, as PVE counts them). */
export const LENGTH_LIMITS = {
  userid: { field: 'user id', max: 64 },
  realm: { field: 'realm', max: 32 },
  firstname: { field: 'firstname', max: 1024, since: { major: 8, minor: 1 } },
  lastname: { field: 'lastname', max: 1024, since: { major: 8, minor: 1 } },
  email: { field: 'email', max: 254, since: { major: 8, minor: 1 } },
  userComment: { field: 'comment', max: 2048, since: { major: 8, minor: 1 } },
} as const satisfies Record<string, LengthLimit>;

/** The shortest user id PVE takes (`a@` is "too short" before its realm is even looked at). */
export const USERID_MIN_LENGTH = 3;

/** Whether a limit applies to `release`; offline (no release) the newest rules apply. */
export function enforcedBy(limit: LengthLimit, release: PveRelease | undefined): boolean {
  if (!limit.since || !release) return true;
  return release.major > limit.since.major || (release.major === limit.since.major && release.minor >= limit.since.minor);
}

export const charLength = (text: string): number => [...text].length;

export const sinceText = (limit: LengthLimit): string => (limit.since ? ` (PVE ${limit.since.major}.${limit.since.minor} and later)` : '');
