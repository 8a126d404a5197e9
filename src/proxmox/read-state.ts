/**
 * Reads the whole live access configuration in a number of requests that does not grow with the
 * number of users, groups, tokens and ACL entries: seven list endpoints, in parallel.
 * `GET /access/users?full=1` carries every user's groups and token metadata, which is what makes
 * per-object reads unnecessary. Realms and pools are the exceptions: the realm list carries no
 * options and the pool list no members, so each realm beyond pam and pve and each pool costs one
 * more request (read-realms.ts, read-pools.ts).
 */
import type { ProxmoxApi } from './api.js';
import type { LiveState } from '../model/live-state.js';
import { normalizeLiveState } from './normalize.js';
import { READS_AT_ONCE, concurrencyGate } from './concurrency-gate.js';
import { readPools, withPools } from './read-pools.js';
import { readRealms } from './read-realms.js';

/**
 * 7 + R + P requests: /version, /access/roles, /access/users?full=1, /access/groups, /access/acl,
 * /access/domains, /pools; one /access/domains/{realm} per realm with options and one
 * /pools?poolid= per pool.
 */
export async function readLiveState(api: ProxmoxApi): Promise<LiveState> {
  // One bound for the per-realm and per-pool reads together.
  const gate = concurrencyGate(READS_AT_ONCE);
  const [version, roles, users, groups, acl, realms, pools] = await Promise.all([
    api.getVersion(),
    api.listRoles(),
    api.listUsersFull(),
    api.listGroups(),
    api.listAcl(),
    readRealms(api, gate),
    readPools(api, gate),
  ]);
  return withPools({ ...normalizeLiveState({ version, roles, users, groups, acl }), realms }, pools);
}
