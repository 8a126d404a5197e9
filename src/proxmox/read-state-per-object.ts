/**
 * The refresh pattern of Terraform-style providers: list the ids, then GET every role, user,
 * group, each user's token list and each token one by one. It produces the same LiveState as
 * `readLiveState` at a request count that grows with the cluster; only the benchmark uses it.
 */
import type { ProxmoxApi, Wire } from './api.js';
import type { LiveState } from '../model/live-state.js';
import { normalizeLiveState } from './normalize.js';
import { readPools, withPools } from './read-pools.js';
import { readRealms } from './read-realms.js';

/** Requests in flight at once, about what a provider's parallelism allows. */
const CONCURRENCY = 8;

/** 6 (+ 1 per realm with options) + roles + users + groups + users (token lists) + tokens requests. */
export async function readLiveStatePerObject(api: ProxmoxApi): Promise<LiveState> {
  const [version, roleList, userList, groupList, acl] = await Promise.all([
    api.getVersion(),
    api.listRoles(),
    api.listUsersFull(),
    api.listGroups(),
    api.listAcl(),
  ]);
  const roles = await mapLimit(roleList, async (listed) => {
    // Only the list says whether a role is built-in; the object GET has just the privileges.
    const roleid = String(listed.roleid);
    return { roleid, privs: await api.getRole(roleid), special: listed.special };
  });
  const users = await mapLimit(userList, async (listed) => {
    const userid = String(listed.userid);
    const [user, tokens] = await Promise.all([api.getUser(userid), readTokens(api, userid)]);
    return { ...user, userid, tokens };
  });
  const groups = await mapLimit(groupList, async (listed) => {
    const groupid = String(listed.groupid);
    return { ...(await api.getGroup(groupid)), groupid };
  });
  return withPools({ ...normalizeLiveState({ version, roles, users, groups, acl }), realms: await readRealms(api) }, await readPools(api));
}

async function readTokens(api: ProxmoxApi, userid: string): Promise<Wire[]> {
  const listed = await api.listTokens(userid);
  return Promise.all(
    listed.map(async (token) => {
      const tokenid = String(token.tokenid);
      return { ...(await api.getToken(userid, tokenid)), tokenid };
    }),
  );
}

/** `Promise.all(items.map(fn))` with at most CONCURRENCY calls running. */
async function mapLimit<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}
