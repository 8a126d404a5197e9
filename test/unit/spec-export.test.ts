import { describe, expect, it } from 'vitest';
import type { AclEntry, LiveState } from '../../src/model/live-state.js';
import type { Spec } from '../../src/spec/model.js';
import { exportSpec } from '../../src/spec/export.js';
import { parseSpecText } from '../../src/spec/load.js';
import { validateSpec } from '../../src/spec/validate.js';

const user = (userid: string, extra: Partial<LiveState['users'][string]> = {}): LiveState['users'][string] => ({
  userid,
  enable: true,
  expire: 0,
  comment: '',
  email: '',
  firstname: '',
  lastname: '',
  groups: [],
  tokens: {},
  ...extra,
});

const live: LiveState = {
  version: { version: '9.1.1', release: '9.1', major: 9, minor: 1 },
  roles: {
    Administrator: { roleid: 'Administrator', privileges: ['Sys.Audit', 'VM.Audit'], builtin: true },
    PVEAuditor: { roleid: 'PVEAuditor', privileges: ['VM.Audit'], builtin: true },
    TerraformProv: { roleid: 'TerraformProv', privileges: ['VM.Clone', 'Datastore.Audit', 'VM.Audit'], builtin: false },
    Empty: { roleid: 'Empty', privileges: [], builtin: false },
  },
  users: {
    'root@pam': user('root@pam', { email: 'root@example.com' }),
    'terraform@pve': user('terraform@pve', {
      comment: 'Terraform: provisioning',
      expire: Date.UTC(2027, 11, 31) / 1000,
      email: 'ops@example.com',
      groups: ['automation'],
      tokens: {
        tf: { tokenid: 'tf', privsep: true, expire: Date.UTC(2026, 9, 1, 12) / 1000, comment: 'Terraform token' },
        legacy: { tokenid: 'legacy', privsep: false, expire: 0, comment: '' },
      },
    }),
    'true@pve': user('true@pve', { enable: false, firstname: 'No', lastname: 'Body', comment: '00', groups: ['automation', 'null'] }),
  },
  groups: {
    automation: { groupid: 'automation', comment: 'Automation accounts', members: ['terraform@pve', 'true@pve'] },
    null: { groupid: 'null', comment: '', members: ['true@pve'] },
  },
  acl: [
    { path: '/', type: 'user', ugid: 'root@pam', roleid: 'PVEAuditor', propagate: true },
    { path: '/', type: 'user', ugid: 'terraform@pve', roleid: 'TerraformProv', propagate: true },
    { path: '/', type: 'token', ugid: 'terraform@pve!tf', roleid: 'TerraformProv', propagate: true },
    { path: '/storage/local', type: 'group', ugid: 'automation', roleid: 'PVEAuditor', propagate: true },
    { path: '/vms/100', type: 'group', ugid: 'automation', roleid: 'PVEAuditor', propagate: false },
    { path: '/vms/100', type: 'group', ugid: 'automation', roleid: 'PVEVMUser', propagate: false },
    { path: '/vms/100', type: 'user', ugid: 'true@pve', roleid: 'PVEAuditor', propagate: false },
  ],
};

/** The ACL tuples a spec declares, in the live state's form. */
function aclTuples(spec: Spec): string[] {
  return spec.acl
    .flatMap((e) =>
      e.roles.flatMap((roleid) => [
        ...e.users.map((ugid): AclEntry => ({ path: e.path, type: 'user', ugid, roleid, propagate: e.propagate })),
        ...e.groups.map((ugid): AclEntry => ({ path: e.path, type: 'group', ugid, roleid, propagate: e.propagate })),
        ...e.tokens.map((ugid): AclEntry => ({ path: e.path, type: 'token', ugid, roleid, propagate: e.propagate })),
      ]),
    )
    .map((e) => JSON.stringify(e))
    .sort();
}

describe('exportSpec', () => {
  const text = exportSpec(live);
  const { spec } = parseSpecText(text, 'exported.yml');

  it('writes a spec that parses back and validates without errors', () => {
    expect(validateSpec(parseSpecText(text, 'exported.yml'), { pveMajor: 9 }).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('exports custom roles only', () => {
    expect(spec.roles).toEqual({
      Empty: { roleid: 'Empty', privileges: [] },
      TerraformProv: { roleid: 'TerraformProv', privileges: ['Datastore.Audit', 'VM.Audit', 'VM.Clone'] },
    });
  });

  it('exports groups and users with every field and membership, leaving out root@pam', () => {
    expect(spec.groups).toEqual({
      automation: { groupid: 'automation', comment: 'Automation accounts' },
      null: { groupid: 'null', comment: '' },
    });
    expect(Object.keys(spec.users).sort()).toEqual(['terraform@pve', 'true@pve']);
    for (const id of ['terraform@pve', 'true@pve']) {
      const { tokens: _live, ...fields } = live.users[id] ?? user(id);
      const { tokens: _spec, ...exported } = spec.users[id] ?? { tokens: undefined };
      expect(exported).toEqual(fields);
    }
  });

  it('exports token metadata, no delivery, and says the secret is unknown', () => {
    expect(spec.users['terraform@pve']?.tokens).toEqual({
      legacy: { tokenid: 'legacy', comment: '', privsep: false, deliver: [], format: 'full' },
      tf: { tokenid: 'tf', comment: 'Terraform token', privsep: true, deliver: [], format: 'full' },
    });
    expect(spec.users['true@pve']).not.toHaveProperty('tokens');
    const lines = text.split('\n');
    for (const token of ['legacy', 'tf']) {
      const i = lines.findIndex((l) => l.trim() === `${token}:`);
      expect(lines[i - 1]).toMatch(/^\s+# secret unknown: rotate to deliver/);
    }
    expect(text).toContain('expires 2026-10-01T12:00:00Z');
  });

  it('folds the ACL back into entries that grant exactly the live tuples, except those of root@pam', () => {
    const expected = live.acl
      .filter((e) => e.ugid !== 'root@pam')
      .map((e) => JSON.stringify(e))
      .sort();
    expect(aclTuples(spec)).toEqual(expected);
    // Subjects with the same roles on the same path share one entry.
    expect(spec.acl.find((e) => e.path === '/')).toMatchObject({ users: ['terraform@pve'], tokens: ['terraform@pve!tf'] });
    expect(spec.acl.find((e) => e.path === '/vms/100' && e.groups.length > 0)?.roles).toEqual(['PVEAuditor', 'PVEVMUser']);
  });

  it('includes root@pam and its ACL when asked', () => {
    const all = parseSpecText(exportSpec(live, { includeBuiltinUsers: true }), 'all.yml').spec;
    expect(all.users['root@pam']?.email).toBe('root@example.com');
    expect(aclTuples(all)).toEqual(live.acl.map((e) => JSON.stringify(e)).sort());
  });

  it('is deterministic whatever order the live state lists things in', () => {
    const reversed: LiveState = {
      ...live,
      roles: Object.fromEntries(Object.entries(live.roles).reverse()),
      users: Object.fromEntries(Object.entries(live.users).reverse()),
      groups: Object.fromEntries(Object.entries(live.groups).reverse()),
      acl: [...live.acl].reverse(),
    };
    expect(exportSpec(reversed)).toBe(text);
  });

  it('exports an empty cluster as a minimal valid spec', () => {
    const empty: LiveState = { ...live, roles: {}, users: { 'root@pam': user('root@pam') }, groups: {}, acl: [] };
    const out = exportSpec(empty);
    expect(parseSpecText(out, 'empty.yml').spec).toEqual({
      version: 1,
      roles: {},
      groups: {},
      users: {},
      acl: [],
      prune: { users: [], roles: [], groups: [], realms: [] },
      realms: {},
    });
  });
});

describe('exportSpec with the time of export', () => {
  const now = Date.UTC(2026, 8, 1) / 1000;
  const { spec } = parseSpecText(exportSpec(live, { now }), 'exported.yml');

  it('gives an expiring token the lifetime that keeps its expiry, and leaves never-expiring ones alone', () => {
    const tokens = spec.users['terraform@pve']!.tokens!;
    // 2026-10-01 12:00 is 30.5 days after 2026-09-01: whole days, rounded up.
    expect(tokens['tf']!.lifetime).toBe(31 * 86_400);
    expect(tokens['legacy']!.lifetime).toBeUndefined();
  });

  it('writes a lifetime of at least a day for a token that already expired', () => {
    const later = Date.UTC(2027, 0, 1) / 1000;
    const tokens = parseSpecText(exportSpec(live, { now: later }), 'exported.yml').spec.users['terraform@pve']!.tokens!;
    expect(tokens['tf']!.lifetime).toBe(86_400);
  });
});
