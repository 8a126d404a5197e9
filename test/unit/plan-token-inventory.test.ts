import { describe, expect, it } from 'vitest';
import { tokenInventory } from '../../src/plan/token-inventory.js';
import { acl, DAY, live, liveRole, liveToken, liveUser, NOW, privilegesOf, spec, tokenSpec, userSpec } from './plan-fixtures.js';

const ci = spec({
  users: [
    userSpec('ci@pve', {
      tokens: [
        tokenSpec('deploy', {
          lifetime: 90 * DAY,
          deliver: [
            { kind: 'output', name: 'deploy_token' },
            { kind: 'github-secret', name: 'PM_API_TOKEN', repository: 'acme/infra', environment: 'production' },
            { kind: 'vault', mount: 'secret', path: 'proxmox/deploy', field: 'token' },
          ],
        }),
      ],
    }),
    // Declared without `tokens:`: its tokens are left alone, so none of them is managed.
    userSpec('bob@pve'),
  ],
});

const cluster = live({
  roles: [liveRole('Ops', ['Sys.Modify', 'VM.Audit', 'VM.PowerMgmt']), liveRole('PermAdmin', ['Permissions.Modify', 'Sys.Audit'])],
  users: [
    liveUser('ci@pve', {
      tokens: [liveToken('deploy', { expire: NOW + 40 * DAY + 3600 }), liveToken('laptop', { privsep: false, expire: NOW - 2 * DAY + 60 })],
    }),
    liveUser('bob@pve', { tokens: [liveToken('t1', { expire: NOW + 5 * DAY })] }),
    liveUser('root@pam', { tokens: [liveToken('backup', { privsep: false })] }),
  ],
  acl: [
    acl('/vms', 'user', 'ci@pve', 'Ops'),
    acl('/vms/100', 'user', 'ci@pve', 'NoAccess'),
    // Its user holds nothing on /, so the token gets nothing of PermAdmin there.
    acl('/', 'token', 'ci@pve!deploy', 'PermAdmin'),
    acl('/vms', 'token', 'ci@pve!deploy', 'Ops'),
    acl('/storage', 'token', 'bob@pve!t1', 'PVEDatastoreUser'),
  ],
});

const inventory = () => tokenInventory(ci, cluster, NOW);
const entry = (id: string) => inventory().find((e) => e.id === id)!;

describe('tokenInventory', () => {
  it('lists every token on the cluster: expired first, then by days left, never-expiring last', () => {
    expect(inventory().map((e) => [e.id, e.daysLeft])).toEqual([
      ['ci@pve!laptop', -2],
      ['bob@pve!t1', 5],
      ['ci@pve!deploy', 40],
      ['root@pam!backup', null],
    ]);
  });

  it('breaks ties on days left by id', () => {
    const state = live({
      users: [
        liveUser('b@pve', { tokens: [liveToken('x', { expire: NOW + DAY + 5 })] }),
        liveUser('a@pve', { tokens: [liveToken('y', { expire: NOW + DAY + 9 })] }),
      ],
    });
    expect(tokenInventory(spec(), state, NOW).map((e) => e.id)).toEqual(['a@pve!y', 'b@pve!x']);
  });

  it('gives owner, privsep and expiry as the cluster has them', () => {
    expect(entry('ci@pve!laptop')).toMatchObject({ owner: 'ci@pve', privsep: false, expire: NOW - 2 * DAY + 60, daysLeft: -2 });
    expect(entry('root@pam!backup')).toMatchObject({ owner: 'root@pam', privsep: false, expire: null, daysLeft: null });
  });

  it('calls a token managed only when the spec declares it, and names its deliver targets in the spec’s words', () => {
    expect(entry('ci@pve!deploy')).toMatchObject({
      managed: true,
      targets: ['output deploy_token', 'github-secret acme/infra:production/PM_API_TOKEN', 'vault secret/proxmox/deploy#token'],
    });
    for (const id of ['ci@pve!laptop', 'bob@pve!t1', 'root@pam!backup']) expect(entry(id)).toMatchObject({ managed: false, targets: [] });
  });

  it('gives a privilege-separated token only what its user holds too, and keeps an override below a propagating path', () => {
    expect(entry('ci@pve!deploy').privileges).toEqual({
      '/vms': ['Sys.Modify', 'VM.Audit', 'VM.PowerMgmt'],
      '/vms/100': [],
    });
    expect(entry('bob@pve!t1').privileges).toEqual({});
  });

  it('gives a token without privsep its user’s privileges', () => {
    expect(entry('ci@pve!laptop').privileges).toEqual({ '/vms': ['Sys.Modify', 'VM.Audit', 'VM.PowerMgmt'], '/vms/100': [] });
  });

  it('marks Permissions.Modify, Sys.Modify and holding every privilege (Administrator) from effective privileges only', () => {
    // PermAdmin's Permissions.Modify is cut by the intersection: no mark for it.
    expect(entry('ci@pve!deploy').marks).toEqual(['Sys.Modify']);
    expect(entry('bob@pve!t1').marks).toEqual([]);
    expect(entry('root@pam!backup').marks).toEqual(['Permissions.Modify', 'Sys.Modify', 'Administrator']);
    expect(entry('root@pam!backup').privileges).toEqual({ '/': [...privilegesOf(9)].sort() });
  });

  it('marks a token granted the Administrator role on a path, where its user holds it too', () => {
    const state = live({
      users: [liveUser('ops@pve', { tokens: [liveToken('all')] })],
      acl: [acl('/vms', 'user', 'ops@pve', 'Administrator'), acl('/vms', 'token', 'ops@pve!all', 'Administrator')],
    });
    const [only] = tokenInventory(spec(), state, NOW);
    expect(only?.marks).toEqual(['Permissions.Modify', 'Sys.Modify', 'Administrator']);
    expect(Object.keys(only?.privileges ?? {})).toEqual(['/vms']);
  });

  it('holds no secret and round-trips through JSON', () => {
    const json = JSON.stringify(inventory());
    expect(JSON.parse(json)).toEqual(inventory());
    expect(json).not.toMatch(/secret":|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});
