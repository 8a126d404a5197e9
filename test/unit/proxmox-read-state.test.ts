import { describe, expect, it } from 'vitest';
import type { ProxmoxApi, Wire } from '../../src/proxmox/api.js';
import { readLiveState } from '../../src/proxmox/read-state.js';
import { readLiveStatePerObject } from '../../src/proxmox/read-state-per-object.js';

interface Cluster {
  roles: Record<string, { privs: string[]; special: boolean }>;
  users: Record<string, { enable: boolean; comment?: string; email?: string; groups: string[]; tokens: Record<string, { privsep: boolean; expire: number; comment?: string }> }>;
  groups: Record<string, { comment?: string }>;
  acl: Wire[];
}

/**
 * A read-only ProxmoxApi over an in-memory cluster that answers each endpoint in its own PVE
 * shape (lists as comma strings, `tokens` as array or null, per-object arrays and maps, an
 * unordered token list) and counts the calls.
 */
function fakeApi(cluster: Cluster): ProxmoxApi & { calls: string[] } {
  const calls: string[] = [];
  const log = <T>(name: string, value: T): Promise<T> => {
    calls.push(name);
    return Promise.resolve(structuredClone(value));
  };
  const members = (g: string) => Object.keys(cluster.users).filter((u) => cluster.users[u]!.groups.includes(g)).sort();
  const tokenList = (u: string) =>
    Object.entries(cluster.users[u]!.tokens).map(([tokenid, t]) => ({ tokenid, privsep: t.privsep ? 1 : 0, expire: t.expire, ...(t.comment ? { comment: t.comment } : {}) }));
  const userFields = (u: string) => {
    const user = cluster.users[u]!;
    return { enable: user.enable ? 1 : 0, expire: 0, ...(user.comment ? { comment: user.comment, email: user.email ?? '' } : {}) };
  };
  const notUsed = () => Promise.reject(new Error('not part of a read'));
  return {
    calls,
    identity: 'reader@pve!ro',
    get requestCount() {
      return calls.length;
    },
    getVersion: () => log('version', { version: '8.2.4', release: '8.2', repoid: 'abcdef0123456789' }),
    listRoles: () =>
      log('roles', Object.entries(cluster.roles).map(([roleid, r]) => ({ roleid, privs: [...r.privs].sort().join(','), special: r.special ? 1 : 0 }))),
    listUsersFull: () =>
      log('users', Object.keys(cluster.users).sort().map((userid) => {
        const tokens = tokenList(userid);
        return { userid, ...userFields(userid), groups: [...cluster.users[userid]!.groups].sort().join(','), tokens: tokens.length ? tokens : null };
      })),
    listGroups: () => log('groups', Object.entries(cluster.groups).map(([groupid, g]) => ({ groupid, ...g, users: members(groupid).join(',') }))),
    listAcl: () => log('acl', cluster.acl),
    getRole: (id) => log('role', Object.fromEntries(cluster.roles[id]!.privs.map((p) => [p, 1]))),
    getUser: (id) => {
      const tokens = Object.fromEntries(tokenList(id).map(({ tokenid, ...rest }) => [tokenid, rest]));
      return log('user', { ...userFields(id), groups: [...cluster.users[id]!.groups].sort(), tokens: Object.keys(tokens).length ? tokens : null });
    },
    getGroup: (id) => log('group', { ...cluster.groups[id], members: members(id).reverse() }),
    listTokens: (u) => log('tokens', tokenList(u).reverse()),
    getToken: (u, t) => {
      const { tokenid: _id, ...rest } = tokenList(u).find((x) => x.tokenid === t)!;
      return log('token', rest);
    },
    createRole: notUsed, updateRole: notUsed, deleteRole: notUsed, createGroup: notUsed, updateGroup: notUsed,
    deleteGroup: notUsed, createUser: notUsed, updateUser: notUsed, deleteUser: notUsed, createToken: notUsed,
    updateToken: notUsed, regenerateToken: notUsed, deleteToken: notUsed, updateAcl: notUsed, getPermissions: notUsed,
  };
}

function cluster(userCount: number): Cluster {
  const users: Cluster['users'] = {};
  for (let i = 0; i < userCount; i++) {
    users[`user${i}@pve`] = {
      enable: i % 3 !== 0,
      ...(i % 2 === 0 ? { comment: `user ${i}` } : {}),
      groups: i % 2 === 0 ? ['ops'] : ['ops', 'dev'],
      tokens: Object.fromEntries(
        Array.from({ length: i % 3 }, (_, t) => [`t${t}`, { privsep: t % 2 === 0, expire: t * 1000, ...(t ? { comment: 'c' } : {}) }]),
      ),
    };
  }
  return {
    roles: { Custom: { privs: ['VM.Audit', 'Sys.Audit'], special: false }, NoAccess: { privs: [], special: true } },
    users,
    groups: { ops: { comment: 'Operations' }, dev: {}, empty: {} },
    acl: [
      { path: '/vms', type: 'group', ugid: 'ops', roleid: 'Custom', propagate: 1 },
      { path: '/', type: 'user', ugid: 'user1@pve', roleid: 'Custom', propagate: 0 },
    ],
  };
}

describe('readLiveState', () => {
  it.each([0, 3, 40])('sends exactly 5 requests for %i users', async (n) => {
    const api = fakeApi(cluster(n));
    const state = await readLiveState(api);
    expect(api.calls.sort()).toEqual(['acl', 'groups', 'roles', 'users', 'version']);
    expect(Object.keys(state.users)).toHaveLength(n);
  });

  it('gives the same state as the per-object reader, which needs far more requests', async () => {
    const data = cluster(12);
    const bulk = fakeApi(data);
    const perObject = fakeApi(data);
    const a = await readLiveState(bulk);
    const b = await readLiveStatePerObject(perObject);
    expect(b).toEqual(a);
    const tokenCount = Object.values(data.users).reduce((sum, u) => sum + Object.keys(u.tokens).length, 0);
    expect(tokenCount).toBeGreaterThan(0);
    // 5 lists + one GET per role, user, group, token list and token.
    expect(perObject.requestCount).toBe(5 + 2 + 12 + 3 + 12 + tokenCount);
    expect(a.users['user2@pve']!.tokens.t1).toEqual({ tokenid: 't1', privsep: false, expire: 1000, comment: 'c' });
    expect(a.groups.dev!.members).toHaveLength(6);
  });
});
