/**
 * Retries with exponential backoff and jitter, decided per request by what a repeat could do:
 *
 * | policy       | used for                          | retried on                                          |
 * |--------------|-----------------------------------|-----------------------------------------------------|
 * | `idempotent` | GET, PUT, DELETE, login           | transient network errors, 502/503/504, cfs lock and cluster hiccups |
 * | `lock-only`  | POST (creates)                    | `cfs-lock … got lock request timeout` only: the lock was never taken, so nothing was written |
 * | `never`      | token create, token regenerate    | nothing: the secret exists only in that one answer; the caller checks and recovers |
 *
 * A server that has not answered a single request yet and refuses the connection (or whose name
 * does not resolve) is not retried under any policy: the address is wrong or the network is in
 * the way, and a run would otherwise print a retry line per parallel read before saying so.
 */
import { ProxmoxApiError, TransportError } from '../errors.js';
import type { Logger } from '../log.js';
import { isTransientTransportError, ProxmoxUnreachableError } from './transport.js';

export type RetryPolicy = 'idempotent' | 'lock-only' | 'never';

export interface RetryOptions {
  /** Total attempts including the first; default 4. */
  readonly attempts?: number;
  /** Delay before the first retry, doubled each time; default 500 ms. */
  readonly baseDelayMs?: number;
  /** Upper bound of one delay; default 8 s. */
  readonly maxDelayMs?: number;
}

export interface RetryContext {
  readonly options: Required<RetryOptions>;
  readonly sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1), for jitter. */
  readonly random: () => number;
  readonly logger: Logger;
}

export const DEFAULT_RETRY: Required<RetryOptions> = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

/** Whether `err` may be retried under `policy`. */
export function shouldRetry(policy: RetryPolicy, err: unknown): boolean {
  if (policy === 'never') return false;
  if (err instanceof ProxmoxApiError) return policy === 'idempotent' ? err.retryable : err.lockTimeout;
  if (err instanceof ProxmoxUnreachableError) return false;
  if (err instanceof TransportError) return policy === 'idempotent' && isTransientTransportError(err);
  return false;
}

/** "Equal jitter": half the exponential step is fixed, half random, so parallel callers spread out. */
export function backoffDelay(retry: number, options: Required<RetryOptions>, random: () => number): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.round(step / 2 + (step / 2) * random());
}

/** Runs `attempt` until it succeeds, fails for good, or runs out of attempts. */
export async function withRetries<T>(label: string, policy: RetryPolicy, context: RetryContext, attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (n >= context.options.attempts || !shouldRetry(policy, err)) throw err;
      const delay = backoffDelay(n - 1, context.options, context.random);
      context.logger.info(`${label} failed (${describe(err)}); retrying in ${delay} ms (attempt ${n + 1} of ${context.options.attempts})`);
      await context.sleep(delay);
    }
  }
}

const describe = (err: unknown): string =>
  err instanceof ProxmoxApiError ? `${err.status} ${err.reason}` : err instanceof Error ? err.message : String(err);
