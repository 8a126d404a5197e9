import { describe, expect, it } from 'vitest';
import { makePlan } from '../../src/plan/make-plan.js';
import { hasChanges, type Change } from '../../src/plan/model.js';
import {
  acl,
  aclSpec,
  groupSpec,
  live,
  liveGroup,
  liveRole,
  liveToken,
  liveUser,
  options,
  roleSpec,
  spec,
  tokenSpec,
  userSpec,
} from './plan-fixtures.js';

const addresses = (changes: readonly Change[]) => changes.map((c) => `${c.action} ${c.address}${c.implied ? ' (implied)' : ''}`);

describe('makePlan: no-op', () => {
  it('plans nothing when the cluster already matches the spec', () => {
    const s = spec({
      roles: [roleSpec('Prov', ['VM.Audit', 'VM.Clone'])],
      groups: [groupSpec('ops', 'Ops')],
      users: [userSpec('tf@pve', { groups: ['ops'], comment: 'tf', tokens: [tokenSpec('ci')] })],
      acl: [aclSpec('/vms', ['Prov'], { users: ['tf@pve'], groups: ['ops'], tokens: ['tf@pve!ci'] })],
      prune: { users: ['*@pve'], roles: ['*'], groups: ['*'] },
    });
    const l = live({
      roles: [liveRole('Prov', ['VM.Clone', 'VM.Audit'])],
      groups: [liveGroup('ops', { comment: 'Ops' })],
      users: [liveUser('tf@pve', { groups: ['ops'], comment: 'tf', tokens: [liveToken('ci')] })],
      acl: [acl('/vms', 'user', 'tf@pve', 'Prov'), acl('/vms', 'group', 'ops', 'Prov'), acl('/vms', 'token', 'tf@pve!ci', 'Prov')],
    });
    const plan = makePlan(s, l, options());
    expect(plan.changes).toEqual([]);
    expect(plan.counts).toEqual({ create: 0, update: 0, delete: 0, rotate: 0 });
    expect(plan.privileges).toEqual([]);
    expect(hasChanges(plan)).toBe(false);
  });
});

describe('makePlan: declared objects', () => {
  it('creates in dependency order: roles, groups, users, tokens, ACLs', () => {
    const s = spec({
      roles: [roleSpec('Prov', ['VM.Audit'])],
      groups: [groupSpec('ops')],
      users: [userSpec('tf@pve', { groups: ['ops'], tokens: [tokenSpec('ci', { lifetime: 86_400 })] })],
      acl: [aclSpec('/', ['Prov'], { tokens: ['tf@pve!ci'] })],
    });
    const plan = makePlan(s, live(), options());
    expect(addresses(plan.changes)).toEqual([
      'create role:Prov',
      'create group:ops',
      'create user:tf@pve',
      'create token:tf@pve!ci',
      'create acl:/|token:tf@pve!ci|Prov',
    ]);
    const token = plan.changes[3];
    expect(token?.kind === 'token' && token.lifetime).toBe(86_400);
    expect(plan.counts.create).toBe(5);
  });

  it('updates only the user fields that differ, with exact group membership', () => {
    const s = spec({
      users: [userSpec('a@pve', { comment: 'new', email: 'a@x.org', groups: ['b', 'c'] })],
      groups: [groupSpec('a'), groupSpec('b'), groupSpec('c')],
    });
    const l = live({
      users: [liveUser('a@pve', { comment: 'old', email: 'a@x.org', groups: ['a', 'b'] })],
      groups: [liveGroup('a'), liveGroup('b'), liveGroup('c')],
    });
    const [change] = makePlan(s, l, options()).changes;
    expect(change?.kind).toBe('user');
    if (change?.kind !== 'user') return;
    expect(change.action).toBe('update');
    expect(change.set).toEqual({ comment: 'new', groups: ['b', 'c'] });
    expect(change.fields.map((f) => f.field)).toEqual(['comment', 'groups']);
  });

  it('rewrites role privileges as a whole set and ignores their order', () => {
    const s = spec({ roles: [roleSpec('R', ['VM.Audit', 'Sys.Audit']), roleSpec('Same', ['B.x', 'A.y'])] });
    const l = live({ roles: [liveRole('R', ['VM.Audit', 'VM.Console']), liveRole('Same', ['A.y', 'B.x'])] });
    const changes = makePlan(s, l, options({ serverPrivileges: [] })).changes;
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'role', action: 'update', privileges: ['Sys.Audit', 'VM.Audit'] });
  });

  it('updates a group comment', () => {
    const plan = makePlan(spec({ groups: [groupSpec('g', 'new')] }), live({ groups: [liveGroup('g', { comment: 'old' })] }), options());
    expect(plan.changes).toMatchObject([
      { kind: 'group', action: 'update', comment: 'new', fields: [{ field: 'comment', before: 'old', after: 'new' }] },
    ]);
  });
});

describe('makePlan: tokens of declared users', () => {
  const l = live({ users: [liveUser('a@pve', { tokens: [liveToken('hand'), liveToken('ci')] })] });

  it('leaves tokens alone when the user has no tokens: key', () => {
    expect(makePlan(spec({ users: [userSpec('a@pve')] }), l, options()).changes).toEqual([]);
  });

  it('deletes tokens a user with tokens: does not declare', () => {
    const plan = makePlan(spec({ users: [userSpec('a@pve', { tokens: [tokenSpec('ci')] })] }), l, options());
    expect(addresses(plan.changes)).toEqual(['delete token:a@pve!hand']);
  });

  it('deletes every token for an empty tokens: map', () => {
    const plan = makePlan(spec({ users: [userSpec('a@pve', { tokens: [] })] }), l, options());
    expect(addresses(plan.changes)).toEqual(['delete token:a@pve!ci', 'delete token:a@pve!hand']);
  });
});

describe('makePlan: ACL ownership', () => {
  const s = spec({
    users: [userSpec('a@pve')],
    acl: [aclSpec('/vms', ['PVEVMUser'], { users: ['a@pve'], propagate: false })],
  });

  it('creates declared entries, fixes propagate, deletes undeclared entries of declared subjects, keeps others', () => {
    const l = live({
      users: [liveUser('a@pve'), liveUser('other@pve')],
      acl: [
        acl('/vms', 'user', 'a@pve', 'PVEVMUser', true),
        acl('/', 'user', 'a@pve', 'PVEAuditor'),
        acl('/', 'user', 'other@pve', 'PVEAuditor'),
      ],
    });
    const plan = makePlan(s, l, options());
    expect(addresses(plan.changes)).toEqual(['update acl:/vms|user:a@pve|PVEVMUser', 'delete acl:/|user:a@pve|PVEAuditor']);
    expect(plan.changes[0]).toMatchObject({ entry: { propagate: false }, fields: [{ field: 'propagate', before: true, after: false }] });
  });

  it('owns the ACL entries of declared tokens only', () => {
    const s2 = spec({
      users: [userSpec('a@pve', { tokens: [tokenSpec('ci')] })],
      acl: [aclSpec('/', ['PVEAuditor'], { tokens: ['a@pve!ci'] })],
    });
    const l = live({
      users: [liveUser('a@pve', { tokens: [liveToken('ci')] }), liveUser('b@pve', { tokens: [liveToken('x')] })],
      acl: [
        acl('/', 'token', 'a@pve!ci', 'PVEAuditor'),
        acl('/vms', 'token', 'a@pve!ci', 'PVEVMAdmin'),
        acl('/', 'token', 'b@pve!x', 'PVEAuditor'),
        acl('/', 'user', 'a@pve', 'PVEAuditor'),
      ],
    });
    // a@pve is declared too, so its own undeclared user entry goes as well.
    expect(addresses(makePlan(s2, l, options()).changes)).toEqual([
      'delete acl:/vms|token:a@pve!ci|PVEVMAdmin',
      'delete acl:/|user:a@pve|PVEAuditor',
    ]);
  });
});

describe('makePlan: prune', () => {
  const l = live({
    roles: [liveRole('TerraformOld', ['VM.Audit']), liveRole('Keep', ['VM.Audit'])],
    groups: [liveGroup('tmp-1'), liveGroup('perm')],
    users: [liveUser('old@pve'), liveUser('bob@pam'), liveUser('ci@pve', { tokens: [liveToken('t')] })],
  });

  it('deletes only undeclared objects that match a pattern, with the pattern as reason', () => {
    const plan = makePlan(spec({ prune: { users: ['*@pve'], roles: ['Terraform*'], groups: ['tmp-*'] } }), l, options());
    const explicit = plan.changes.filter((c) => !c.implied);
    expect(addresses(explicit)).toEqual(['delete user:ci@pve', 'delete user:old@pve', 'delete group:tmp-1', 'delete role:TerraformOld']);
    expect(explicit.find((c) => c.address === 'user:old@pve')?.reason).toBe('not in spec, matches prune "*@pve"');
  });

  it('treats only * and ? as wildcards: a dot or a regex is literal', () => {
    const plan = makePlan(
      spec({ prune: { users: ['old@pv.', 'ol.@pve', '^old.*$'], roles: ['Keep.*', 'Kee[a-z]'], groups: ['tmp-.'] } }),
      l,
      options(),
    );
    expect(plan.changes).toEqual([]);
  });

  it('lets ? stand for exactly one character, as the JSON Schema says', () => {
    const plan = makePlan(spec({ prune: { users: ['ol?@pve', 'ci?@pve'], roles: ['Kee?', 'Ke?'], groups: ['tmp-??'] } }), l, options());
    expect(addresses(plan.changes.filter((c) => !c.implied))).toEqual(['delete user:old@pve', 'delete role:Keep']);
  });

  it('never deletes root@pam, built-in roles or the acting identity and its user', () => {
    const plan = makePlan(spec({ prune: { users: ['*'], roles: ['*'], groups: [] } }), l, options({ actingIdentity: 'ci@pve!t' }));
    const deleted = plan.changes.filter((c) => c.action === 'delete').map((c) => c.address);
    expect(deleted).toContain('user:old@pve');
    expect(deleted).toContain('role:Keep');
    expect(deleted).not.toContain('user:root@pam');
    expect(deleted).not.toContain('user:ci@pve');
    expect(deleted).not.toContain('token:ci@pve!t');
    expect(deleted.filter((a) => a.startsWith('role:PVE') || a === 'role:Administrator' || a === 'role:NoAccess')).toEqual([]);
  });

  it('keeps undeclared objects the spec still refers to', () => {
    const s = spec({
      users: [userSpec('a@pve', { groups: ['perm'] })],
      acl: [aclSpec('/', ['Keep'], { users: ['bob@pam', 'a@pve'] })],
      prune: { users: ['*'], roles: ['*'], groups: ['*'] },
    });
    const l2 = live({
      roles: [liveRole('Keep', ['VM.Audit'])],
      groups: [liveGroup('perm')],
      users: [liveUser('a@pve', { groups: ['perm'] }), liveUser('bob@pam')],
    });
    const deleted = makePlan(s, l2, options()).changes.filter((c) => c.action === 'delete');
    expect(deleted).toEqual([]);
  });
});

describe('makePlan: implied cascades', () => {
  it('a deleted user takes its tokens and their ACL entries with it, shown but not counted', () => {
    const l = live({
      users: [liveUser('old@pve', { tokens: [liveToken('t1'), liveToken('t2')] })],
      acl: [acl('/', 'user', 'old@pve', 'PVEAuditor'), acl('/vms', 'token', 'old@pve!t1', 'PVEVMUser')],
    });
    const plan = makePlan(spec({ prune: { users: ['*@pve'] } }), l, options());
    expect(addresses(plan.changes)).toEqual([
      'delete acl:/vms|token:old@pve!t1|PVEVMUser (implied)',
      'delete acl:/|user:old@pve|PVEAuditor (implied)',
      'delete token:old@pve!t1 (implied)',
      'delete token:old@pve!t2 (implied)',
      'delete user:old@pve',
    ]);
    expect(plan.counts.delete).toBe(1);
    expect(plan.changes.filter((c) => c.implied).every((c) => c.reason === 'removed with user old@pve')).toBe(true);
  });

  it('a deleted role or group takes the ACL entries naming it, even entries the spec owns', () => {
    const s = spec({ users: [userSpec('a@pve')], prune: { roles: ['Old*'], groups: ['old-*'] } });
    const l = live({
      roles: [liveRole('OldRole', ['VM.Audit'])],
      users: [liveUser('a@pve')],
      groups: [liveGroup('old-g')],
      acl: [acl('/', 'user', 'a@pve', 'OldRole'), acl('/', 'group', 'old-g', 'PVEAuditor'), acl('/vms', 'user', 'b@pve', 'OldRole')],
    });
    const plan = makePlan(s, l, options());
    expect(addresses(plan.changes)).toEqual([
      'delete acl:/vms|user:b@pve|OldRole (implied)',
      'delete acl:/|group:old-g|PVEAuditor (implied)',
      'delete acl:/|user:a@pve|OldRole (implied)',
      'delete group:old-g',
      'delete role:OldRole',
    ]);
  });
});

describe('makePlan: order', () => {
  it('grants before revocations; revokes ACLs before deleting tokens, users, groups and roles', () => {
    const s = spec({
      roles: [roleSpec('New', ['VM.Audit'])],
      users: [userSpec('a@pve', { tokens: [] })],
      acl: [aclSpec('/', ['New'], { users: ['a@pve'] })],
      prune: { users: ['gone@pve'], roles: ['Old'], groups: ['oldg'] },
    });
    const l = live({
      roles: [liveRole('Old', ['VM.Audit'])],
      groups: [liveGroup('oldg')],
      users: [liveUser('a@pve', { tokens: [liveToken('x')] }), liveUser('gone@pve')],
      acl: [acl('/', 'user', 'a@pve', 'PVEAuditor')],
    });
    const order = addresses(makePlan(s, l, options()).changes);
    expect(order).toEqual([
      'create role:New',
      'create acl:/|user:a@pve|New',
      'delete acl:/|user:a@pve|PVEAuditor',
      'delete token:a@pve!x',
      'delete user:gone@pve',
      'delete group:oldg',
      'delete role:Old',
    ]);
  });
});
