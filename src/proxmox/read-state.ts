/**
 * Reads the whole live access configuration in a constant number of requests, whatever its
 * size: five list endpoints, in parallel (pools excepted: see read-pools.ts). `GET /access/users?full=1` carries every user's
 * groups and token metadata, which is what makes per-object reads unnecessary.
 */
import type { ProxmoxApi } from './api.js';
import type { LiveState } from '../model/live-state.js';
import { normalizeLiveState } from './normalize.js';
import { readPools, withPools } from './read-pools.js';

/**
 * 6 + N requests for N pools: /version, /access/roles, /access/users?full=1, /access/groups,
 * /access/acl, /pools, and one /pools?poolid= per pool (read-pools.ts says why).
 */
export async function readLiveState(api: ProxmoxApi): Promise<LiveState> {
  const [version, roles, users, groups, acl, pools] = await Promise.all([
    api.getVersion(),
    api.listRoles(),
    api.listUsersFull(),
    api.listGroups(),
    api.listAcl(),
    readPools(api),
  ]);
  return withPools(normalizeLiveState({ version, roles, users, groups, acl }), pools);
}
