/**
 * The one retry loop of the GitHub edge, and the one real `sleep`. A policy looks at each try's
 * outcome and says how long to wait before the next one, or that the outcome stands: so the same
 * loop repeats calls that failed transiently and polls for an answer GitHub does not have yet.
 */
import type { Logger } from '../log.js';
import { httpStatus, isUnreachable, rateLimitWaitMs, unreachableReason } from './http-error.js';

export type Sleep = (ms: number) => Promise<void>;

/** Waits `ms` milliseconds; callers take a `Sleep` so tests can record the waits instead. */
export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/** The outcome that stood, and how many tries it took (1 when the first one stood). */
export interface Settled<T> {
  readonly outcome: Outcome<T>;
  readonly tries: number;
}

export interface RetryPolicy<T> {
  /** Tries in all, the first included; at least 1. */
  readonly attempts: number;
  readonly sleep: Sleep;
  /** Milliseconds to wait before trying again after `outcome` of try number `attempt`, or undefined to stop. */
  readonly delay: (outcome: Outcome<T>, attempt: number) => number | undefined;
  /** Says in the log what is retried, before the wait. */
  readonly onRetry?: (outcome: Outcome<T>, attempt: number, delay: number) => void;
}

/** Runs `call` until the policy lets an outcome stand or the attempts are used up. Never throws. */
export async function retry<T>(call: () => Promise<T>, policy: RetryPolicy<T>): Promise<Settled<T>> {
  const attempts = Math.max(1, policy.attempts);
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await settle(call);
    const delay = attempt < attempts ? policy.delay(outcome, attempt) : undefined;
    if (delay === undefined) return { outcome, tries: attempt };
    policy.onRetry?.(outcome, attempt, delay);
    await policy.sleep(delay);
  }
}

async function settle<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The error of a failed outcome; undefined for a value. */
export const failureOf = <T>(outcome: Outcome<T>): unknown => (outcome.ok ? undefined : outcome.error);

/** The value of a settled outcome, or its error thrown again. */
export function valueOf<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw outcome.error;
}

export interface GitHubRetryOptions {
  /** Total attempts including the first; default 3. */
  readonly attempts?: number;
  /** Delay before the first retry, doubled each time; default 1 s. */
  readonly baseDelayMs?: number;
  readonly sleep?: Sleep;
}

/** Longest wait a `retry-after` may ask for before we give up instead. */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * The wait before repeating an idempotent call (a GET, or a PUT that replaces the whole value)
 * after it failed with `err`, or undefined when the failure is not worth repeating: a rate limit
 * is waited out as GitHub asks (up to a minute), a 429 or 5xx backs off from `baseDelayMs`.
 * `retryIndex` counts from 0 for the first repeat.
 */
export function idempotentRetryDelay(err: unknown, retryIndex: number, baseDelayMs: number): number | undefined {
  const wait = rateLimitWaitMs(err);
  if (wait !== undefined) return wait <= MAX_RETRY_AFTER_MS ? wait : undefined;
  const status = httpStatus(err);
  if (status === 429 || (status !== undefined && status >= 500)) return baseDelayMs * 2 ** retryIndex;
  return undefined;
}

/** Runs an idempotent GitHub call with `idempotentRetryDelay`, logging each repeat under `label`. */
export function retryIdempotent<T>(
  label: string,
  options: GitHubRetryOptions,
  logger: Logger,
  call: () => Promise<T>,
): Promise<Settled<T>> {
  const attempts = options.attempts ?? 3;
  return retry(call, {
    attempts,
    sleep: options.sleep ?? sleep,
    delay: (outcome, attempt) => (outcome.ok ? undefined : idempotentRetryDelay(outcome.error, attempt - 1, options.baseDelayMs ?? 1_000)),
    onRetry: (outcome, attempt, delay) =>
      logger.info(`${label}: ${failureWords(failureOf(outcome))}; retrying in ${delay} ms (attempt ${attempt + 1} of ${attempts})`),
  });
}

/** Octokit reports a request that got no answer as a 500: say that GitHub was not reached, and why. */
const failureWords = (err: unknown): string =>
  isUnreachable(err) ? `could not reach GitHub: ${unreachableReason(err)}` : `GitHub answered ${httpStatus(err) ?? 'with an error'}`;
