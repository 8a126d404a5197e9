/**
 * Retries for Vault requests that only read (lookups, capability checks, KV reads). Writes and
 * logins are sent once: a repeated login leaves a second live token behind, and a repeated KV
 * write after a lost answer would meet its own version as a check-and-set conflict.
 *
 * | failure                                 | retried |
 * |-----------------------------------------|---------|
 * | connection refused or reset, timeout    | yes     |
 * | 429, 502, 504                           | yes     |
 * | 503 sealed                              | no: it stays sealed until someone unseals it |
 * | TLS or pin failure, 4xx, other 5xx      | no      |
 */
import type { Logger } from '../log.js';
import { VaultApiError, VaultTransportError } from './errors.js';

export interface VaultRetryOptions {
  /** Total attempts including the first; default 3. */
  readonly attempts: number;
  /** Delay before the first retry, doubled each time; default 250 ms. */
  readonly baseDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly logger: Logger;
}

export const DEFAULT_ATTEMPTS = 3;
export const DEFAULT_BASE_DELAY_MS = 250;

export function isRetryable(err: unknown): boolean {
  if (err instanceof VaultTransportError) return err.transient;
  return err instanceof VaultApiError && err.retryable;
}

/** Runs a read until it succeeds, fails for good, or runs out of attempts. */
export async function withReadRetries<T>(label: string, options: VaultRetryOptions, attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (n >= options.attempts || !isRetryable(err)) throw err;
      const delay = options.baseDelayMs * 2 ** (n - 1);
      options.logger.info(`${label} failed (${(err as Error).message}); retrying in ${delay} ms (attempt ${n + 1} of ${options.attempts})`);
      await options.sleep(delay);
    }
  }
}
