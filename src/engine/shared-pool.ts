/**
 * One connection pool made on first use and closed once: the run's one-off clients (each new
 * secret tried as its token) send through it, so a run with many new secrets pays one TLS
 * handshake per pooled connection rather than one per secret. Every connection passes the same
 * trust as the run's own client (pinned fingerprint, CA), since the pool is built from its options,
 * and it holds no more connections than checks run at once.
 */
import type { Agent } from 'undici';
import { CHECKS_AT_ONCE } from '../apply/verify-secret.js';
import { createConnectionPool } from '../proxmox/agent.js';
import type { TlsOptions } from '../proxmox/tls.js';

export interface SharedPool {
  get(): Promise<Agent>;
  close(): Promise<void>;
}

export function sharedPool(tls: () => TlsOptions): SharedPool {
  let pool: Promise<Agent> | undefined;
  return {
    get: () => (pool ??= Promise.resolve().then(() => createConnectionPool(tls(), undefined, CHECKS_AT_ONCE))),
    async close() {
      const opened = pool;
      pool = undefined;
      // A pool that could not be made has nothing to close; the check that asked for it reported why.
      await (await opened?.catch(() => undefined))?.close();
    },
  };
}
