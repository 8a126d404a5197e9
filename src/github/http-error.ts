/**
 * Turns Octokit's request errors into `ActionError`s that say what was attempted and, for a 403,
 * which permission is missing: a bare "Resource not accessible by integration" helps nobody.
 */
import { ActionError } from '../errors.js';

/** The HTTP status of an Octokit `RequestError` (duck-typed: the class is a transitive dependency). */
export function httpStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('status' in err)) return undefined;
  const status = (err as { status: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * True when the request got no HTTP answer at all (refused, reset, DNS, timeout): Octokit reports
 * those with status 500 too, but without a response, and they must not read as GitHub's 500.
 */
export function isUnreachable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  if ((err as { name?: unknown }).name === 'AbortError') return true;
  return httpStatus(err) === 500 && (err as { response?: unknown }).response === undefined;
}

/** GitHub names the permission an endpoint needs in this header; worth repeating on a 403. */
function acceptedPermissions(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('response' in err)) return undefined;
  const headers = (err as { response?: { headers?: Record<string, unknown> } }).response?.headers;
  const value = headers?.['x-accepted-github-permissions'];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Wraps `err` from the attempt described by `what` (e.g. `update the plan comment on #12`);
 * `forbiddenHint` explains a 403 in the terms of that call.
 */
export function gitHubError(err: unknown, what: string, forbiddenHint: string): ActionError {
  const status = httpStatus(err);
  const message = err instanceof Error ? err.message : String(err);
  if (status === 403) {
    const needs = acceptedPermissions(err);
    return new ActionError(
      `GitHub refused to ${what} (403: ${message}). ${forbiddenHint}${needs ? ` GitHub says the call needs: ${needs}.` : ''}`,
      { cause: err },
    );
  }
  if (isUnreachable(err)) return new ActionError(`could not reach GitHub to ${what}: ${message}`, { cause: err });
  return new ActionError(`could not ${what}${status === undefined ? '' : ` (${status})`}: ${message}`, { cause: err });
}
