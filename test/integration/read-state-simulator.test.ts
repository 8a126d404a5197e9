/**
 * The real client (undici, fingerprint pinning, API token) and the state reader against the
 * simulator: the normalised LiveState must be exactly what was seeded, whatever the size of the
 * cluster, and the list-based reader must need exactly 7 requests for 10 users as for 200 (five
 * access lists, the realm list and the pool list; the cluster has no pools).
 */
import { afterEach, describe, expect, it } from 'vitest';
import privilegeData from '../../src/data/pve-privileges.json' with { type: 'json' };
import { createProxmoxClient, type ProxmoxClient } from '../../src/proxmox/client.js';
import type { AclEntry, LiveRole, LiveState, LiveUser } from '../../src/model/live-state.js';
import { readLiveState } from '../../src/proxmox/read-state.js';
import { readLiveStatePerObject } from '../../src/proxmox/read-state-per-object.js';
import { startPveSimulator, type PveSimulator } from '../fakes/pve/index.js';

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const TEAMS = ['team0', 'team1', 'team2', 'team3', 'team4'];
const FAR_FUTURE = 4102444800;

/** Seeds a cluster of `n` users through the API and returns the LiveState it should read back as. */
function seed(sim: PveSimulator, n: number): Omit<LiveState, 'version'> {
  const ok = (method: string, path: string, params: Record<string, unknown>): void => {
    const { status, body } = sim.exec(method, path, params);
    if (status !== 200) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(body)}`);
  };
  const users: Record<string, LiveUser> = {};
  const acl: AclEntry[] = [];
  ok('POST', '/access/roles', { roleid: 'Deployer', privs: 'VM.Allocate,VM.Audit,Datastore.AllocateSpace' });
  for (const [i, team] of TEAMS.entries()) {
    ok('POST', '/access/groups', { groupid: team, comment: i % 2 === 0 ? `Team ${i}` : undefined });
    ok('PUT', '/access/acl', { path: '/storage', roles: 'PVEDatastoreUser', groups: team, propagate: i % 2 });
    acl.push({ path: '/storage', type: 'group', ugid: team, roleid: 'PVEDatastoreUser', propagate: i % 2 === 1 });
  }
  for (let i = 0; i < n; i++) {
    const userid = `user${String(i).padStart(4, '0')}@pve`;
    const groups = i % 4 === 0 ? [TEAMS[i % 5]!, TEAMS[(i + 1) % 5]!] : [TEAMS[i % 5]!];
    const user: LiveUser = {
      userid,
      enable: i % 7 !== 0,
      expire: i % 5 === 0 ? FAR_FUTURE : 0,
      comment: i % 2 === 1 ? `comment: ${i} ü` : '',
      email: i % 3 === 0 ? `user${i}@example.com` : '',
      firstname: `First${i}`,
      lastname: i % 6 === 0 ? 'Last' : '',
      groups: [...groups].sort(byText),
      tokens: {
        ci: { tokenid: 'ci', privsep: true, expire: 0, comment: 'CI' },
        ...(i % 3 === 0 ? { ops: { tokenid: 'ops', privsep: false, expire: FAR_FUTURE, comment: '' } } : {}),
      },
    };
    users[userid] = user;
    ok('POST', '/access/users', {
      userid,
      enable: user.enable,
      expire: user.expire || undefined,
      comment: user.comment || undefined,
      email: user.email || undefined,
      firstname: user.firstname,
      lastname: user.lastname || undefined,
      groups,
    });
    sim.createToken(userid, 'ci', { comment: 'CI' });
    if (i % 3 === 0) sim.createToken(userid, 'ops', { privsep: false, expire: FAR_FUTURE });
    const path = `/vms/${100 + i}`;
    ok('PUT', '/access/acl', { path, roles: 'PVEVMUser', users: userid, propagate: i % 2 === 0 });
    ok('PUT', '/access/acl', { path, roles: 'Deployer', tokens: `${userid}!ci` });
    acl.push({ path, type: 'user', ugid: userid, roleid: 'PVEVMUser', propagate: i % 2 === 0 });
    acl.push({ path, type: 'token', ugid: `${userid}!ci`, roleid: 'Deployer', propagate: true });
  }
  const builtin = privilegeData.builtin_roles['9'] as Record<string, string[]>;
  const roles: Record<string, LiveRole> = {
    Deployer: { roleid: 'Deployer', privileges: ['Datastore.AllocateSpace', 'VM.Allocate', 'VM.Audit'], builtin: false },
  };
  for (const [roleid, privileges] of Object.entries(builtin)) {
    roles[roleid] = { roleid, privileges: [...privileges].sort(byText), builtin: true };
  }
  const groups = Object.fromEntries(
    TEAMS.map((team, i) => [
      team,
      {
        groupid: team,
        comment: i % 2 === 0 ? `Team ${i}` : '',
        members: Object.values(users)
          .filter((u) => u.groups.includes(team))
          .map((u) => u.userid)
          .sort(byText),
      },
    ]),
  );
  acl.sort((a, b) => byText(a.path, b.path) || byText(a.type, b.type) || byText(a.ugid, b.ugid) || byText(a.roleid, b.roleid));
  return { roles, users, groups, acl, realms: FRESH_REALMS };
}

/** A fresh node's realms, complete from the realm list. */
const FRESH_REALMS: NonNullable<LiveState['realms']> = {
  pam: { realm: 'pam', type: 'pam', options: { comment: 'Linux PAM standard authentication' }, detailed: true },
  pve: { realm: 'pve', type: 'pve', options: { comment: 'Proxmox VE authentication server' }, detailed: true },
};

const root = (tokens: LiveUser['tokens']): LiveUser => ({
  userid: 'root@pam',
  enable: true,
  expire: 0,
  comment: '',
  email: 'root@example.com',
  firstname: '',
  lastname: '',
  groups: [],
  tokens,
});

let sim: PveSimulator | undefined;
let client: ProxmoxClient | undefined;
afterEach(async () => {
  await client?.close();
  await sim?.stop();
  client = sim = undefined;
});

async function connect(tokenId: string, secret: string): Promise<ProxmoxClient> {
  client = await createProxmoxClient({ url: sim!.url, auth: { tokenId, secret }, fingerprint: sim!.fingerprint });
  return client;
}

describe('readLiveState against the simulator', () => {
  it.each([10, 200])('reads a cluster of %i users back exactly, in exactly 7 requests', async (n) => {
    sim = await startPveSimulator();
    const expected = seed(sim, n);
    const reader = sim.createToken('root@pam', 'reader', { privsep: false });
    const api = await connect(reader.fullTokenId, reader.value);
    sim.resetRequests();

    const state = await readLiveState(api);

    expect(api.requestCount).toBe(7);
    expect(sim.requestCount).toBe(7);
    expect(sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`).sort()).toEqual([
      'GET /access/acl 200',
      'GET /access/domains 200',
      'GET /access/groups 200',
      'GET /access/roles 200',
      'GET /access/users?full=1 200',
      'GET /pools 200',
      'GET /version 200',
    ]);
    expect(state).toEqual({
      version: { version: '9.1.1', release: '9.1', major: 9, minor: 1 },
      ...expected,
      users: { ...expected.users, 'root@pam': root({ reader: { tokenid: 'reader', privsep: false, expire: 0, comment: '' } }) },
    });
  });

  it('reads the same state with a least-privilege privsep token that holds PVEAuditor', async () => {
    sim = await startPveSimulator({ version: '8.4.1' });
    const expected = seed(sim, 20);
    sim.exec('POST', '/access/users', { userid: 'auditor@pve' });
    const token = sim.createToken('auditor@pve', 'read');
    sim.exec('PUT', '/access/acl', { path: '/', roles: 'PVEAuditor', users: 'auditor@pve', tokens: token.fullTokenId });
    const api = await connect(token.fullTokenId, token.value);

    const state = await readLiveState(api);

    expect(api.requestCount).toBe(7);
    expect(state.version).toEqual({ version: '8.4.1', release: '8.4', major: 8, minor: 4 });
    expect(state.users).toEqual({
      ...expected.users,
      'root@pam': root({}),
      'auditor@pve': {
        userid: 'auditor@pve',
        enable: true,
        expire: 0,
        comment: '',
        email: '',
        firstname: '',
        lastname: '',
        groups: [],
        tokens: { read: { tokenid: 'read', privsep: true, expire: 0, comment: '' } },
      },
    });
    expect(state.groups).toEqual(expected.groups);
    expect(state.acl).toEqual(
      [
        ...expected.acl,
        { path: '/', type: 'user', ugid: 'auditor@pve', roleid: 'PVEAuditor', propagate: true },
        { path: '/', type: 'token', ugid: token.fullTokenId, roleid: 'PVEAuditor', propagate: true },
      ].sort((a, b) => byText(a.path, b.path) || byText(a.type, b.type) || byText(a.ugid, b.ugid)),
    );
  });

  it('works with a ticket as well: one login, the same 7 reads, and writes that carry the CSRF token', async () => {
    sim = await startPveSimulator();
    const expected = seed(sim, 5);
    client = await createProxmoxClient({
      url: sim.url,
      auth: { username: 'root@pam', password: sim.rootPassword },
      fingerprint: sim.fingerprint,
    });

    const state = await readLiveState(client);
    await client.createRole('ViaTicket', ['VM.Audit', 'Sys.Audit']);

    expect(client.requestCount).toBe(9);
    expect(sim.requests.map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`)).toContain('POST /access/ticket 200');
    expect(sim.requests.at(-1)).toMatchObject({ method: 'POST', path: '/access/roles', status: 200 });
    expect(state.groups).toEqual(expected.groups);
    expect(sim.exec('GET', '/access/roles/ViaTicket').body).toEqual({ data: { 'Sys.Audit': 1, 'VM.Audit': 1 } });
  });

  it('agrees with the per-object reader, which needs more requests as the cluster grows', async () => {
    sim = await startPveSimulator();
    seed(sim, 12);
    const reader = sim.createToken('root@pam', 'reader', { privsep: false });
    const api = await connect(reader.fullTokenId, reader.value);

    const listed = await readLiveState(api);
    const before = api.requestCount;
    const perObject = await readLiveStatePerObject(api);

    expect(perObject).toEqual(listed);
    expect(api.requestCount - before).toBeGreaterThan(12 * 2);
  });
});
