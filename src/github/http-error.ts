/**
 * The one place that reads Octokit's request errors: the HTTP status, whether GitHub answered at
 * all, its own message and headers. Also turns them into `ActionError`s that say what was
 * attempted and, for a 403, which permission is missing: a bare "Resource not accessible by
 * integration" helps nobody.
 */
import { ActionError } from '../errors.js';
import { oneLine } from '../log-line.js';
import { describeNetworkFailure, networkFailure } from '../network-failure.js';

/** The HTTP status of an Octokit `RequestError` (duck-typed: the class is a transitive dependency). */
export function httpStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('status' in err)) return undefined;
  const status = err.status;
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

/**
 * Why an unreachable GitHub gave no answer, in one line: `the host name was not found (DNS)
 * (getaddrinfo ENOTFOUND api.github.com)`, `connection refused (…)`, or the error's own text.
 */
export function unreachableReason(err: unknown): string {
  const failure = networkFailure(err);
  if (failure) return describeNetworkFailure(failure);
  if ((err as { name?: unknown } | null)?.name === 'AbortError') return 'the request timed out';
  return oneLine(errorText(err));
}

/** GitHub could not be reached or answered 5xx: the same request may well work a moment later. */
export function isTransient(err: unknown): boolean {
  const status = httpStatus(err);
  return isUnreachable(err) || (status !== undefined && status >= 500);
}

/** A response header of the failed request, when it is a string. */
export function responseHeader(err: unknown, name: string): string | undefined {
  if (typeof err !== 'object' || err === null || !('response' in err)) return undefined;
  const headers = (err as { response?: { headers?: unknown } }).response?.headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** GitHub names the permission an endpoint needs in this header; worth repeating on a 403. */
export function acceptedPermissions(err: unknown): string | undefined {
  return responseHeader(err, 'x-accepted-github-permissions') || undefined;
}

/**
 * How long GitHub asks to wait, in ms, when it rate-limits: its secondary rate limit answers 403
 * or 429 with `retry-after`. Undefined for anything else; a plain 403 is a permission problem.
 */
export function rateLimitWaitMs(err: unknown): number | undefined {
  const status = httpStatus(err);
  const seconds = Number(responseHeader(err, 'retry-after'));
  if ((status !== 429 && status !== 403) || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  return seconds * 1000;
}

/** GitHub's own `message`, without the documentation URL Octokit appends. */
export function githubMessage(err: unknown): string {
  const data = typeof err === 'object' && err !== null ? (err as { response?: { data?: unknown } }).response?.data : undefined;
  if (typeof data === 'object' && data !== null && typeof (data as { message?: unknown }).message === 'string') {
    return (data as { message: string }).message;
  }
  return errorText(err);
}

/** The error's own text, whatever was thrown. */
export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Wraps `err` from the attempt described by `what` (e.g. `update the plan comment on #12`);
 * `forbiddenHint` explains a 403 in the terms of that call.
 */
export function gitHubError(err: unknown, what: string, forbiddenHint: string): ActionError {
  const status = httpStatus(err);
  const message = errorText(err);
  if (status === 403) {
    const needs = acceptedPermissions(err);
    return new ActionError(
      `GitHub refused to ${what} (403: ${message}). ${forbiddenHint}${needs ? ` GitHub says the call needs: ${needs}.` : ''}`,
      { cause: err },
    );
  }
  if (isUnreachable(err)) return new ActionError(`could not reach GitHub to ${what}: ${unreachableReason(err)}`, { cause: err });
  return new ActionError(`could not ${what}${status === undefined ? '' : ` (${status})`}: ${message}`, { cause: err });
}
