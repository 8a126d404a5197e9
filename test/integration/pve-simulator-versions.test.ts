/**
 * What changes with the simulated release (PVE 7, 8 and 9), checked against the privilege
 * data file rather than restated, and the HTTP transport rules of pve-http-server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import privilegeData from '../../src/data/pve-privileges.json' with { type: 'json' };
import { startPveSimulator, type PveSimulator } from '../fakes/pve/index.js';
import { PveWire, tokenHeaders } from './pve-http.js';

const data = (answer: { body: unknown }): unknown => (answer.body as { data?: unknown } | null)?.data;
const versions = privilegeData.versions as Record<string, string[]>;
const builtinRoles = privilegeData.builtin_roles as Record<string, Record<string, string[]>>;

const sims = new Map<string, PveSimulator>();
const simFor = (version: string): PveSimulator => sims.get(version)!;

beforeAll(async () => {
  for (const version of ['9.1.1', '9.0.10', '8.4.1', '8.2.4', '7.4-3']) sims.set(version, await startPveSimulator({ version }));
});
afterAll(async () => {
  await Promise.all([...sims.values()].map((s) => s.stop()));
});

describe.each([
  ['9.1.1', 9, '9.1', 16],
  ['8.4.1', 8, '8.4', 16],
  ['7.4-3', 7, '7.4', 8],
])('PVE %s', (version, major, release, repoidLength) => {
  it('reports its version and the privilege set and built-in roles of its major release', () => {
    const sim = simFor(version);
    const about = data(sim.exec('GET', '/version')) as { version: string; release: string; repoid: string };
    expect(about.version).toBe(version);
    expect(about.release).toBe(release);
    expect(about.repoid).toMatch(new RegExp(`^[0-9a-f]{${repoidLength}}$`));
    const admin = data(sim.exec('GET', '/access/roles/Administrator')) as Record<string, number>;
    expect(Object.keys(admin).sort()).toEqual([...versions[String(major)]!].sort());
    const roles = data(sim.exec('GET', '/access/roles')) as { roleid: string; privs: string; special: number }[];
    expect(roles.map((r) => r.roleid).sort()).toEqual(Object.keys(builtinRoles[String(major)]!).sort());
    for (const role of roles) {
      expect(role.privs.split(',').filter(Boolean)).toEqual([...builtinRoles[String(major)]![role.roleid]!].sort());
    }
  });
});

describe('version differences', () => {
  it('accepts only the privileges of the running major', () => {
    const make = (version: string, privs: string) =>
      simFor(version).exec('POST', '/access/roles', { roleid: `R${privs.length}`, privs }).status;
    expect(make('9.1.1', 'VM.Monitor')).toBe(400);
    expect(make('8.4.1', 'VM.Monitor')).toBe(200);
    expect(make('8.4.1', 'VM.GuestAgent.Audit')).toBe(400);
    expect(make('7.4-3', 'Mapping.Use')).toBe(400);
  });

  it('offers regenerate from 9.1 on only', () => {
    for (const [version, expected] of [
      ['9.1.1', 200],
      ['9.0.10', 400],
      ['8.4.1', 400],
    ] as const) {
      const sim = simFor(version);
      sim.createToken('root@pam', 'rot');
      const answer = sim.exec('PUT', '/access/users/root@pam/token/rot', { regenerate: 1 });
      expect(answer.status, version).toBe(expected);
      if (expected === 400) {
        expect((answer.body as { errors: Record<string, string> }).errors.regenerate).toMatch(/not defined in schema/);
      }
    }
  });

  it('clears token comments from 9.0 on only', () => {
    for (const [version, comment] of [
      ['9.0.10', undefined],
      ['8.4.1', 'kept'],
    ] as const) {
      const sim = simFor(version);
      sim.createToken('root@pam', 'cmt', { comment: 'kept' });
      expect(sim.exec('PUT', '/access/users/root@pam/token/cmt', { comment: '' }).status).toBe(200);
      expect((data(sim.exec('GET', '/access/users/root@pam/token/cmt')) as { comment?: string }).comment).toBe(comment);
    }
    expect(simFor('8.4.1').exec('PUT', '/access/users/root@pam/token/cmt', { delete: 'comment' }).status).toBe(400);
  });

  it('reserves the PVE role namespace from 8.0 on', () => {
    expect(simFor('7.4-3').exec('POST', '/access/roles', { roleid: 'PVEMine' }).status).toBe(200);
    expect(simFor('8.4.1').exec('POST', '/access/roles', { roleid: 'PVEMine' }).status).toBe(400);
  });

  it('applies the delegation rule from 8.0 on', () => {
    for (const [version, expected] of [
      ['7.4-3', 200],
      ['8.4.1', 500],
    ] as const) {
      const sim = simFor(version);
      sim.exec('POST', '/access/users', { userid: 'vmadm@pve' });
      sim.exec('POST', '/access/users', { userid: 'bob@pve' });
      sim.exec('PUT', '/access/acl', { path: '/vms/100', roles: 'PVEVMAdmin', users: 'vmadm@pve' });
      const grant = sim.exec('PUT', '/access/acl', { path: '/vms/100', roles: 'PVEAdmin', users: 'bob@pve' }, 'vmadm@pve');
      expect(grant.status, version).toBe(expected);
    }
  });

  it('uses the ACL path whitelist of its release', () => {
    const put = (version: string, path: string) =>
      simFor(version).exec('PUT', '/access/acl', { path, roles: 'PVEAuditor', users: 'root@pam' }).status;
    expect(put('7.4-3', '/storage/local')).toBe(200);
    expect(put('7.4-3', '/sdn/vnets/v1')).toBe(200);
    expect(put('7.4-3', '/mapping/pci')).toBe(400);
    expect(put('8.4.1', '/mapping/pci')).toBe(200);
    expect(put('9.1.1', '/sdn/vnets/v1')).toBe(400);
    expect(put('9.0.10', '/sdn/prefix-lists/pl1')).toBe(400);
    expect(put('9.1.1', '/sdn/prefix-lists/pl1')).toBe(200);
  });

  it('puts the message into error bodies from 8.3 on', () => {
    expect(simFor('8.2.4').exec('GET', '/access/roles/Nope').body).toEqual({ data: null });
    expect(simFor('8.4.1').exec('GET', '/access/roles/Nope').body).toEqual({ data: null, message: "role 'Nope' does not exist\n" });
  });

  it('lets callers query their own permissions without Sys.Audit from 8.2 on', () => {
    for (const [version, expected] of [
      ['7.4-3', 403],
      ['8.4.1', 200],
    ] as const) {
      const sim = simFor(version);
      sim.exec('POST', '/access/users', { userid: 'self@pve' });
      expect(sim.exec('GET', '/access/permissions', { userid: 'self@pve' }, 'self@pve').status, version).toBe(expected);
    }
  });

  it('asks for 8-character passwords from 8.2 on, 5 before', () => {
    expect(simFor('7.4-3').exec('POST', '/access/users', { userid: 'pw5@pve', password: '12345' }).status).toBe(200);
    expect(simFor('8.4.1').exec('POST', '/access/users', { userid: 'pw5@pve', password: '12345' }).status).toBe(400);
  });

  it('refuses versions it cannot simulate', async () => {
    await expect(startPveSimulator({ version: '6.4-1' })).rejects.toThrow(/unsupported PVE version/);
    await expect(startPveSimulator({ version: 'latest' })).rejects.toThrow(/unsupported PVE version/);
  });
});

describe('HTTP transport', () => {
  let wire: PveWire;
  let headers: Record<string, string>;
  beforeAll(() => {
    const sim = simFor('9.1.1');
    wire = new PveWire(sim);
    const token = sim.createToken('root@pam', 'wire', { privsep: false });
    headers = tokenHeaders(token.fullTokenId, token.value);
  });
  afterAll(() => wire.close());

  it('takes JSON bodies with real booleans and numbers', async () => {
    const answer = await wire.request('POST', '/access/users', {
      rawBody: JSON.stringify({ userid: 'json@pve', enable: false, expire: 4102444800 }),
      headers: { ...headers, 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(200);
    expect(data(simFor('9.1.1').exec('GET', '/access/users/json@pve'))).toMatchObject({ enable: 0, expire: 4102444800 });
  });

  it('refuses a body on GET, unknown content types and oversized bodies', async () => {
    const withBody = await wire.request('GET', '/version', { rawBody: 'x=1', headers });
    expect([withBody.status, withBody.reason]).toEqual([501, "Unexpected content for method 'GET'"]);
    const xml = await wire.request('POST', '/access/groups', { rawBody: '<g/>', headers: { ...headers, 'content-type': 'text/xml' } });
    expect([xml.status, xml.reason]).toEqual([506, "upload 'Content-Type 'text/xml' not implemented"]);
    const huge = await wire.request('POST', '/access/groups', { params: { groupid: 'big', comment: 'x'.repeat(600 * 1024) }, headers });
    expect([huge.status, huge.reason]).toEqual([501, 'for data too large']);
  });

  it('decodes form values like pve-http-server: k= is empty, a bare k is absent, = cuts the value', async () => {
    const sim = simFor('9.1.1');
    sim.exec('POST', '/access/users', { userid: 'form@pve', comment: 'old' });
    await wire.request('PUT', '/access/users/form@pve', { rawBody: 'comment=&firstname', headers });
    expect(data(sim.exec('GET', '/access/users/form@pve'))).not.toHaveProperty('comment');
    await wire.request('PUT', '/access/users/form@pve', { rawBody: 'comment=a=b;lastname=L', headers });
    expect(data(sim.exec('GET', '/access/users/form@pve'))).toMatchObject({ comment: 'a', lastname: 'L' });
  });
});
