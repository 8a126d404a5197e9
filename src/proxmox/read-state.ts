/**
 * Reads the whole live access configuration in a constant number of requests, whatever the
 * number of users, groups, tokens and ACL entries: six list endpoints, in parallel.
 * `GET /access/users?full=1` carries every user's groups and token metadata, which is what makes
 * per-object reads unnecessary. Realms are the exception: their list carries no options, so each
 * realm beyond pam and pve costs one more request (read-realms.ts).
 */
import type { ProxmoxApi } from './api.js';
import type { LiveState } from '../model/live-state.js';
import { normalizeLiveState } from './normalize.js';
import { readRealms } from './read-realms.js';

/** 6 requests (/version, /access/roles, /access/users?full=1, /access/groups, /access/acl, /access/domains) + 1 per realm with options. */
export async function readLiveState(api: ProxmoxApi): Promise<LiveState> {
  const [version, roles, users, groups, acl, realms] = await Promise.all([
    api.getVersion(),
    api.listRoles(),
    api.listUsersFull(),
    api.listGroups(),
    api.listAcl(),
    readRealms(api),
  ]);
  return { ...normalizeLiveState({ version, roles, users, groups, acl }), realms };
}
