import { describe, expect, it } from 'vitest';
import { applyChangesToState } from '../../src/plan/apply-to-state.js';
import { makePlan } from '../../src/plan/make-plan.js';
import type { PrincipalPrivileges } from '../../src/plan/model.js';
import {
  acl,
  aclSpec,
  DAY,
  groupSpec,
  live,
  liveGroup,
  liveRole,
  liveToken,
  liveUser,
  NOW,
  options,
  roleSpec,
  spec,
  tokenSpec,
  userSpec,
} from './plan-fixtures.js';

const of = (privileges: readonly PrincipalPrivileges[], principal: string) => privileges.find((p) => p.principal === principal);

describe('effective privileges', () => {
  it('computes a privsep token as its own set ∩ its user', () => {
    const s = spec({
      users: [userSpec('a@pve', { tokens: [tokenSpec('sep'), tokenSpec('full', { privsep: false })] })],
      acl: [aclSpec('/', ['PVEAuditor'], { users: ['a@pve'] }), aclSpec('/', ['Administrator'], { tokens: ['a@pve!sep'] })],
    });
    const l = live({ users: [liveUser('a@pve', { tokens: [liveToken('sep'), liveToken('full', { privsep: false })] })] });
    const plan = makePlan(s, l, options());
    const auditor = Object.fromEntries(l.roles['PVEAuditor']!.privileges.map((p) => [p, true]));
    expect(of(plan.privileges, 'a@pve!sep')).toEqual({
      principal: 'a@pve!sep',
      type: 'token',
      paths: [{ path: '/', before: {}, after: auditor }],
    });
    expect(of(plan.privileges, 'a@pve!full')?.paths).toEqual([{ path: '/', before: {}, after: auditor }]);
    expect(of(plan.privileges, 'a@pve')?.paths).toEqual([{ path: '/', before: {}, after: auditor }]);
  });

  it('lists only paths whose privileges change', () => {
    const s = spec({
      users: [userSpec('a@pve')],
      acl: [aclSpec('/', ['PVEAuditor'], { users: ['a@pve'] }), aclSpec('/vms', ['PVEVMUser'], { users: ['a@pve'], propagate: false })],
    });
    const l = live({
      users: [liveUser('a@pve')],
      acl: [acl('/', 'user', 'a@pve', 'PVEAuditor'), acl('/vms', 'user', 'a@pve', 'PVEVMUser')],
    });
    const paths = of(makePlan(s, l, options()).privileges, 'a@pve')?.paths ?? [];
    expect(paths.map((p) => p.path)).toEqual(['/vms']);
    expect(Object.values(paths[0]!.before).every(Boolean)).toBe(true);
    expect(Object.values(paths[0]!.after).some(Boolean)).toBe(false);
  });

  it("follows a role change to its holders: groups, their members and the members' tokens", () => {
    const s = spec({ roles: [roleSpec('R', ['VM.Audit', 'VM.Console'])] });
    const l = live({
      roles: [liveRole('R', ['VM.Audit'])],
      groups: [liveGroup('g')],
      users: [liveUser('m@pve', { groups: ['g'], tokens: [liveToken('t', { privsep: false })] }), liveUser('x@pve')],
      acl: [acl('/vms', 'group', 'g', 'R'), acl('/', 'user', 'x@pve', 'PVEAuditor')],
    });
    const plan = makePlan(s, l, options());
    expect(plan.privileges.map((p) => `${p.type} ${p.principal}`)).toEqual(['user m@pve', 'group @g', 'token m@pve!t']);
    expect(plan.privileges[0]?.paths).toEqual([
      { path: '/vms', before: { 'VM.Audit': true }, after: { 'VM.Audit': true, 'VM.Console': true } },
    ]);
  });

  it('shows privileges a deleted user loses', () => {
    const l = live({ users: [liveUser('old@pve')], acl: [acl('/', 'user', 'old@pve', 'PVEAuditor')] });
    const paths = of(makePlan(spec({ prune: { users: ['old@pve'] } }), l, options()).privileges, 'old@pve')?.paths;
    expect(paths?.[0]?.after).toEqual({});
    expect(Object.keys(paths?.[0]?.before ?? {})).toContain('Sys.Audit');
  });
});

describe('applyChangesToState', () => {
  const l = live({
    roles: [liveRole('Old', ['VM.Audit'])],
    groups: [liveGroup('g')],
    users: [liveUser('a@pve', { groups: ['g'], tokens: [liveToken('t')] }), liveUser('b@pve')],
    acl: [
      acl('/', 'user', 'a@pve', 'PVEAuditor'),
      acl('/', 'token', 'a@pve!t', 'PVEAuditor'),
      acl('/vms', 'group', 'g', 'Old'),
      acl('/', 'user', 'b@pve', 'Old'),
    ],
  });

  it('applies PVE cascades: a user takes its tokens and entries, a group its memberships and entries, a role its entries', () => {
    const plan = makePlan(spec({ prune: { users: ['a@pve'], groups: ['g'], roles: ['Old'] } }), l, options());
    const after = applyChangesToState(
      l,
      plan.changes.filter((c) => !c.implied),
    );
    expect(after.users['a@pve']).toBeUndefined();
    expect(after.groups['g']).toBeUndefined();
    expect(after.roles['Old']).toBeUndefined();
    expect(after.acl).toEqual([]);
    expect(after.users['b@pve']).toEqual(l.users['b@pve']);
  });

  it('keeps memberships on both sides in step and dates token lifetimes from now', () => {
    const s = spec({
      groups: [groupSpec('g'), groupSpec('h')],
      users: [userSpec('n@pve', { groups: ['h'], tokens: [tokenSpec('ci', { lifetime: 30 * DAY })] })],
    });
    const plan = makePlan(s, l, options());
    const after = applyChangesToState(l, plan.changes, NOW);
    expect(after.groups['h']?.members).toEqual(['n@pve']);
    expect(after.groups['g']?.members).toEqual(['a@pve']);
    expect(after.users['n@pve']?.tokens['ci']).toEqual({ tokenid: 'ci', privsep: true, comment: '', expire: NOW + 30 * DAY });
  });

  it('converges: planning again against the predicted state finds nothing to do', () => {
    const s = spec({
      roles: [roleSpec('New', ['VM.Audit', 'VM.Console'])],
      groups: [groupSpec('ops', 'Ops')],
      users: [
        userSpec('a@pve', {
          comment: 'changed',
          groups: ['ops'],
          tokens: [tokenSpec('t', { lifetime: 30 * DAY, privsep: false, comment: 'c' }), tokenSpec('new')],
        }),
        userSpec('n@pve', { expire: NOW + 100 * DAY, groups: ['ops'] }),
      ],
      acl: [
        aclSpec('/', ['New'], { users: ['a@pve'], groups: ['ops'], tokens: ['a@pve!new'] }),
        aclSpec('/vms', ['PVEVMUser'], { groups: ['ops'], propagate: false }),
      ],
      prune: { users: ['b@pve'], roles: ['Old'], groups: ['g'] },
    });
    const plan = makePlan(s, l, options({ rotate: 'all' }));
    expect(plan.changes.length).toBeGreaterThan(10);
    const after = applyChangesToState(l, plan.changes, NOW);
    expect(makePlan(s, after, options()).changes).toEqual([]);
  });
});
