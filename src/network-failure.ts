/**
 * A request that got no answer because the server could not be reached at all: the name did not
 * resolve, the port refused, no route, no handshake in time. Such a failure is about the address
 * or the network between, not about the server, and is said so in plain words, with the system's
 * own text (one line) for whoever has to debug it.
 */
import { oneLine } from './log-line.js';

const PLAIN_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'DNS lookup found no such host',
  EAI_AGAIN: 'DNS lookup failed for now',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
};

export interface NetworkFailure {
  /** `ECONNREFUSED`, `ENOTFOUND`, … */
  readonly code: string;
  /** `connection refused`, … */
  readonly words: string;
  /** The system's text, e.g. `connect ECONNREFUSED 127.0.0.1:1`, on one line. */
  readonly detail: string;
}

/** Errors wrap their cause (fetch wraps the socket's error); the code sits a few levels down. */
function* causes(err: unknown): Generator<object> {
  let current = err;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

/** Every address of a host was tried and failed: the messages are in `errors`, not in `message`. */
function textOf(err: object): string {
  const message = err instanceof Error ? err.message : '';
  const inner = (err as { errors?: unknown }).errors;
  if (message === '' && Array.isArray(inner)) return inner.map((e) => (e instanceof Error ? e.message : String(e))).join(', ');
  return message;
}

/** The reason `err` never reached the server, or undefined when it did or the reason is another one. */
export function networkFailure(err: unknown): NetworkFailure | undefined {
  for (const cause of causes(err)) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && code in PLAIN_WORDS) {
      return { code, words: PLAIN_WORDS[code]!, detail: oneLine(textOf(cause) || code) };
    }
  }
  return undefined;
}

/** `connection refused (connect ECONNREFUSED 127.0.0.1:1)` */
export const describeNetworkFailure = (failure: NetworkFailure): string => `${failure.words} (${failure.detail})`;

/** The error code of a network failure (`ECONNRESET`, `UND_ERR_HEADERS_TIMEOUT`, …), or `unknown`. */
export function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown';
}

/** Failures where a server may simply have been busy or restarting; TLS and pin failures are not. */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** Whether a request that failed with this error is worth another attempt (idempotent requests only). */
export const isTransientNetworkError = (err: unknown): boolean => TRANSIENT_CODES.has(errorCode(err));
