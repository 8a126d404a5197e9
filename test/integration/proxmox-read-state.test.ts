/**
 * The two state readers against the PVE simulator through the real client: the list-based one
 * needs six requests whatever the size (plus one per pool), and reads the same state as the per-object one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Wire } from '../../src/proxmox/api.js';
import { readLiveState } from '../../src/proxmox/read-state.js';
import { readLiveStatePerObject } from '../../src/proxmox/read-state-per-object.js';
import { startSimulatedApi, type SimulatedApi } from '../harness/simulated-api.js';

interface Cluster {
  roles: Record<string, { privs: string[] }>;
  users: Record<
    string,
    {
      enable: boolean;
      comment?: string;
      email?: string;
      groups: string[];
      tokens: Record<string, { privsep: boolean; expire: number; comment?: string }>;
    }
  >;
  groups: Record<string, { comment?: string }>;
  acl: Wire[];
}

const started: SimulatedApi[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((world) => world.stop()));
});

/** A simulator holding `cluster`, next to the harness's own account. */
async function simulatorWith(cluster: Cluster): Promise<SimulatedApi> {
  const world = await startSimulatedApi({ version: '8.2.4' });
  started.push(world);
  for (const [roleid, role] of Object.entries(cluster.roles)) world.seed('POST', '/access/roles', { roleid, privs: role.privs.join(',') });
  for (const [groupid, group] of Object.entries(cluster.groups)) world.seed('POST', '/access/groups', { groupid, ...group });
  for (const [userid, user] of Object.entries(cluster.users)) {
    const { tokens, groups, ...fields } = user;
    world.seed('POST', '/access/users', { userid, ...fields, groups: groups.join(',') });
    for (const [tokenid, token] of Object.entries(tokens)) world.seed('POST', `/access/users/${userid}/token/${tokenid}`, token);
  }
  for (const e of cluster.acl)
    world.seed('PUT', '/access/acl', {
      path: e['path'],
      roles: e['roleid'],
      [`${String(e['type'])}s`]: e['ugid'],
      propagate: e['propagate'],
    });
  return world;
}

/** How many of each object the simulator holds, counted in-process. */
function inventory(world: SimulatedApi): { roles: number; users: number; groups: number; tokens: number } {
  const list = (path: string): Wire[] => (world.sim.exec('GET', path).body as { data: Wire[] }).data;
  const users = list('/access/users').map((u) => String(u['userid']));
  const tokens = users.reduce((sum, userid) => sum + list(`/access/users/${userid}/token`).length, 0);
  return { roles: list('/access/roles').length, users: users.length, groups: list('/access/groups').length, tokens };
}

/** Users of the cluster, without the simulator's root@pam and the harness's own account. */
const clusterUsers = (users: Record<string, unknown>): string[] =>
  Object.keys(users).filter((u) => u !== 'root@pam' && u !== 'automation@pve');

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
    roles: { Custom: { privs: ['VM.Audit', 'Sys.Audit'] } },
    users,
    groups: { ops: { comment: 'Operations' }, dev: {}, empty: {} },
    acl: [
      { path: '/vms', type: 'group', ugid: 'ops', roleid: 'Custom', propagate: 1 },
      // PVE keeps no ACL entry for a user that does not exist.
      ...(userCount > 1 ? [{ path: '/', type: 'user', ugid: 'user1@pve', roleid: 'Custom', propagate: 0 }] : []),
    ],
  };
}

describe('readLiveState', () => {
  it.each([0, 3, 40])('sends exactly 7 requests for %i users (and no pools)', async (n) => {
    const world = await simulatorWith(cluster(n));
    const before = world.api.requestCount;
    const state = await readLiveState(world.api);
    expect(world.methods().sort()).toEqual([
      'getVersion',
      'listAcl',
      'listGroups',
      'listPools',
      'listRealms',
      'listRoles',
      'listUsersFull',
    ]);
    expect(world.api.requestCount - before).toBe(7);
    expect(clusterUsers(state.users)).toHaveLength(n);
  });

  it('gives the same state as the per-object reader, which needs far more requests', async () => {
    const data = cluster(12);
    const world = await simulatorWith(data);
    const a = await readLiveState(world.api);
    const before = world.api.requestCount;
    const b = await readLiveStatePerObject(world.api);
    expect(b).toEqual(a);
    const tokenCount = Object.values(data.users).reduce((sum, u) => sum + Object.keys(u.tokens).length, 0);
    expect(tokenCount).toBeGreaterThan(0);
    // 7 lists (the access lists, realms and pools; pam and pve need no GET of their own) + one GET per role, user, group, token list and token.
    const held = inventory(world);
    expect(held.tokens).toBe(tokenCount + 1);
    expect(world.api.requestCount - before).toBe(7 + held.roles + held.users + held.groups + held.users + held.tokens);
    expect(a.users['user2@pve']!.tokens.t1).toEqual({ tokenid: 't1', privsep: false, expire: 1000, comment: 'c' });
    expect(a.groups.dev!.members).toHaveLength(6);
  });
});
