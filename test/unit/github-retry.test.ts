import { describe, expect, it } from 'vitest';
import { httpStatus, isTransient, isUnreachable, rateLimitWaitMs, unreachableReason } from '../../src/github/http-error.js';
import { idempotentRetryDelay, retry, retryIdempotent, valueOf, type Outcome } from '../../src/github/retry.js';
import { recordingLogger } from '../../src/log.js';

/** What Octokit throws for an HTTP answer; `response` is absent when GitHub never answered. */
function requestError(status: number, headers?: Record<string, string>): Error {
  return Object.assign(new Error(`status ${status}`), {
    status,
    ...(headers ? { response: { headers, data: { message: `GitHub says ${status}` } } } : {}),
  });
}

const answered = (status: number, headers: Record<string, string> = {}) => requestError(status, headers);

function recordingSleep(): { sleeps: number[]; sleep: (ms: number) => Promise<void> } {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms) => void sleeps.push(ms) };
}

/** A call that fails with `errors` in turn, then answers `value`. */
function failingThen<T>(errors: unknown[], value: T): { calls: () => number; call: () => Promise<T> } {
  let calls = 0;
  return {
    calls: () => calls,
    call: async () => {
      calls += 1;
      if (calls <= errors.length) throw errors[calls - 1];
      return value;
    },
  };
}

const failures = <T>(outcome: Outcome<T>, attempt: number): number | undefined => (outcome.ok ? undefined : attempt * 10);

describe('retry', () => {
  it('lets the first answer stand without sleeping', async () => {
    const { sleeps, sleep } = recordingSleep();
    const settled = await retry(async () => 'ok', { attempts: 3, sleep, delay: failures });
    expect(settled).toEqual({ outcome: { ok: true, value: 'ok' }, tries: 1 });
    expect(sleeps).toEqual([]);
  });

  it('repeats what the policy asks to, telling each repeat before its wait', async () => {
    const { sleeps, sleep } = recordingSleep();
    const retried: string[] = [];
    const flaky = failingThen([new Error('one'), new Error('two')], 'third time');
    const settled = await retry(flaky.call, {
      attempts: 5,
      sleep,
      delay: failures,
      onRetry: (outcome, attempt, delay) => retried.push(`${attempt}:${delay}:${(outcome as { error: Error }).error.message}`),
    });
    expect(valueOf(settled.outcome)).toBe('third time');
    expect(settled.tries).toBe(3);
    expect(sleeps).toEqual([10, 20]);
    expect(retried).toEqual(['1:10:one', '2:20:two']);
  });

  it('stops at the attempts and hands back the last failure', async () => {
    const { sleeps, sleep } = recordingSleep();
    const down = failingThen([new Error('a'), new Error('b'), new Error('c'), new Error('d')], 'never');
    const settled = await retry(down.call, { attempts: 3, sleep, delay: failures });
    expect(settled.tries).toBe(3);
    expect(down.calls()).toBe(3);
    expect(sleeps).toEqual([10, 20]);
    expect(() => valueOf(settled.outcome)).toThrow('c');
  });

  it('polls while the answer is not there yet, and lets an error the policy does not repeat stand', async () => {
    const { sleeps, sleep } = recordingSleep();
    const answers = [undefined, undefined, 7];
    let polls = 0;
    const settled = await retry(async () => answers[polls++], {
      attempts: 6,
      sleep,
      delay: (outcome) => (outcome.ok && outcome.value === undefined ? 100 : undefined),
    });
    expect(settled).toEqual({ outcome: { ok: true, value: 7 }, tries: 3 });
    expect(sleeps).toEqual([100, 100]);

    const broken = await retry(async () => Promise.reject(new Error('no')), { attempts: 6, sleep, delay: () => undefined });
    expect(broken.tries).toBe(1);
    expect(broken.outcome.ok).toBe(false);
  });

  it('tries at least once, whatever the attempts say', async () => {
    const { sleep } = recordingSleep();
    expect((await retry(async () => 1, { attempts: 0, sleep, delay: () => 5 })).tries).toBe(1);
  });
});

describe('idempotentRetryDelay', () => {
  it.each([
    ['a 502', answered(502), 0, 1_000],
    ['a 503 on the second repeat', answered(503), 1, 2_000],
    ['a 429 without retry-after', answered(429), 0, 1_000],
    ['a 429 asking for 3 s', answered(429, { 'retry-after': '3' }), 0, 3_000],
    ['a secondary rate limit (403 asking for 60 s)', answered(403, { 'retry-after': '60' }), 2, 60_000],
    ['a rate limit asking for more than a minute', answered(429, { 'retry-after': '61' }), 0, undefined],
    ['a plain 403', answered(403), 0, undefined],
    ['a 403 with retry-after 0', answered(403, { 'retry-after': '0' }), 0, undefined],
    ['a 404', answered(404), 0, undefined],
    ['a 422', answered(422), 0, undefined],
    ['an error without a status', new Error('boom'), 0, undefined],
  ])('%s → %s ms', (_what, err, retryIndex, expected) => {
    expect(idempotentRetryDelay(err, retryIndex, 1_000)).toBe(expected);
  });

  it('logs each repeat with the status and what comes next, and counts the tries', async () => {
    const { sleeps, sleep } = recordingSleep();
    const logger = recordingLogger();
    const flaky = failingThen([answered(502), answered(429, { 'retry-after': '2' })], 'done');
    const settled = await retryIdempotent('github-secret acme/app/A (put)', { baseDelayMs: 5, sleep }, logger, flaky.call);
    expect(settled).toEqual({ outcome: { ok: true, value: 'done' }, tries: 3 });
    expect(sleeps).toEqual([5, 2_000]);
    expect(logger.lines).toEqual([
      'github-secret acme/app/A (put): GitHub answered 502; retrying in 5 ms (attempt 2 of 3)',
      'github-secret acme/app/A (put): GitHub answered 429; retrying in 2000 ms (attempt 3 of 3)',
    ]);
  });
});

describe('the GitHub error classifier', () => {
  it('tells a request GitHub never answered from a 500 it sent', () => {
    const refused = requestError(500);
    const answered500 = answered(500);
    const aborted = Object.assign(new Error('timed out'), { name: 'AbortError' });
    expect([isUnreachable(refused), isUnreachable(answered500), isUnreachable(aborted)]).toEqual([true, false, true]);
    expect([isTransient(refused), isTransient(answered500), isTransient(aborted), isTransient(answered(404))]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect([httpStatus(refused), httpStatus(aborted), httpStatus('text')]).toEqual([500, undefined, undefined]);
  });

  it('says in plain words why GitHub was not reached, from the socket error under fetch and Octokit', () => {
    // Octokit: a RequestError with status 500 and no response, its cause fetch's TypeError, whose cause has the code.
    const socket = (code: string, text: string) => Object.assign(new Error(text), { code });
    const wrapped = (cause: Error) =>
      Object.assign(new Error(cause.message), { status: 500, cause: Object.assign(new TypeError('fetch failed'), { cause }) });
    expect(unreachableReason(wrapped(socket('ENOTFOUND', 'getaddrinfo ENOTFOUND api.github.com')))).toBe(
      'DNS lookup found no such host (getaddrinfo ENOTFOUND api.github.com)',
    );
    expect(unreachableReason(wrapped(socket('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:443')))).toBe(
      'connection refused (connect ECONNREFUSED 10.0.0.1:443)',
    );
    expect(unreachableReason(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }))).toBe('the request timed out');
    expect(unreachableReason(requestError(500))).toBe('status 500');
  });

  it('logs a repeat of a request GitHub never answered as unreachable, not as its 500', async () => {
    const { sleep } = recordingSleep();
    const logger = recordingLogger();
    const dns = Object.assign(new Error('getaddrinfo EAI_AGAIN api.github.com'), {
      status: 500,
      cause: Object.assign(new Error('getaddrinfo EAI_AGAIN api.github.com'), { code: 'EAI_AGAIN' }),
    });
    await retryIdempotent(
      'github-secret acme/app/A (public-key)',
      { baseDelayMs: 5, sleep, attempts: 2 },
      logger,
      failingThen([dns], 'ok').call,
    );
    expect(logger.lines).toEqual([
      'github-secret acme/app/A (public-key): could not reach GitHub: DNS lookup failed for now (getaddrinfo EAI_AGAIN api.github.com); retrying in 5 ms (attempt 2 of 2)',
    ]);
  });

  it('reads a rate limit only from a 403 or 429 that says how long to wait', () => {
    expect(rateLimitWaitMs(answered(403, { 'retry-after': '1.5' }))).toBe(1_500);
    expect(rateLimitWaitMs(answered(503, { 'retry-after': '1' }))).toBeUndefined();
    expect(rateLimitWaitMs(answered(429, { 'retry-after': 'soon' }))).toBeUndefined();
    expect(rateLimitWaitMs(answered(429))).toBeUndefined();
  });
});
