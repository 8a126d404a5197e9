/**
 * Backoff for GitHub secret calls. Every call here is idempotent (GETs, and a secret PUT that
 * replaces the whole value), so a repeat after a 5xx, a dropped connection or a rate limit is safe.
 */
import type { Logger } from '../log.js';
import { httpStatus, responseHeader } from './github-errors.js';

export interface GitHubRetryOptions {
  /** Total attempts including the first; default 3. */
  readonly attempts?: number;
  /** Delay before the first retry, doubled each time; default 1 s. */
  readonly baseDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Longest wait a `retry-after` may ask for before we give up instead. */
const MAX_RETRY_AFTER_MS = 60_000;

export class AttemptsExhausted extends Error {
  constructor(
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super('attempts exhausted', { cause });
  }
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds to wait before repeating, or undefined when the failure is not transient. */
function retryDelay(err: unknown, retry: number, baseDelayMs: number): number | undefined {
  const status = httpStatus(err);
  const retryAfter = Number(responseHeader(err, 'retry-after'));
  // GitHub's secondary rate limit answers 403 or 429 with retry-after; a plain 403 is a permission problem.
  if ((status === 429 || status === 403) && Number.isFinite(retryAfter) && retryAfter > 0) {
    const ms = retryAfter * 1000;
    return ms <= MAX_RETRY_AFTER_MS ? ms : undefined;
  }
  if (status === 429 || (status !== undefined && status >= 500)) return baseDelayMs * 2 ** retry;
  return undefined;
}

/** Runs `call`, repeating transient failures; rethrows the last error as AttemptsExhausted when it retried. */
export async function withGitHubRetries<T>(
  label: string,
  options: GitHubRetryOptions,
  logger: Logger,
  call: () => Promise<T>,
): Promise<T> {
  const attempts = options.attempts ?? 3;
  const sleep = options.sleep ?? realSleep;
  for (let n = 1; ; n++) {
    try {
      return await call();
    } catch (err) {
      const delay = n < attempts ? retryDelay(err, n - 1, options.baseDelayMs ?? 1_000) : undefined;
      if (delay === undefined) throw n > 1 ? new AttemptsExhausted(n, err) : err;
      logger.info(`${label}: GitHub answered ${httpStatus(err) ?? 'with an error'}; retrying in ${delay} ms (attempt ${n + 1} of ${attempts})`);
      await sleep(delay);
    }
  }
}
