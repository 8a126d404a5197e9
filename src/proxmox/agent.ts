/**
 * The connection pool behind a client: an undici Agent whose every connection goes through the
 * client's TLS trust (pinned fingerprint, CA or, when asked, none). A run's one-off clients (one
 * per new secret it tries) share one such pool, so they reuse kept-alive connections instead of
 * each paying a TLS handshake; credentials still travel per request, never with the pool.
 */
import { Agent } from 'undici';
import { buildTlsConnector, type TlsOptions } from './tls.js';
import type { Timeouts } from './transport.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

export function resolveTimeouts(timeouts: Partial<Timeouts> | undefined): Timeouts {
  return {
    connectMs: timeouts?.connectMs ?? DEFAULT_TIMEOUT_MS,
    headersMs: timeouts?.headersMs ?? DEFAULT_TIMEOUT_MS,
    bodyMs: timeouts?.bodyMs ?? DEFAULT_TIMEOUT_MS,
  };
}

/**
 * A pool whose connections all pass `tls`; the caller closes it. `connections` bounds the open
 * connections (requests beyond wait for one): undici may otherwise open a new one while the
 * connection that just answered is not yet marked free again.
 */
export async function createConnectionPool(
  tls: TlsOptions,
  timeouts: Timeouts = resolveTimeouts(undefined),
  connections?: number,
): Promise<Agent> {
  const connect = await buildTlsConnector(tls, timeouts.connectMs);
  return new Agent({ connect, headersTimeout: timeouts.headersMs, bodyTimeout: timeouts.bodyMs, ...(connections && { connections }) });
}
