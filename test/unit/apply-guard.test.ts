import { describe, expect, it } from 'vitest';
import { guardPlan } from '../../src/apply/guard.js';
import { UnsafePlanError } from '../../src/errors.js';
import type { Change, Plan } from '../../src/plan/model.js';
import { lockoutFinding, lockoutViolations } from '../../src/plan/lockout.js';
import { acl, entry, group, liveOf, liveUser, NOW, planOf, role, token, user } from './apply-fixtures.js';

const ACTING = 'automation@pve!apply';
const live = liveOf({
  users: [liveUser('automation@pve', ['admins'])],
  roles: { Operator: ['Sys.Audit', 'Permissions.Modify', 'User.Modify'], Other: ['VM.Audit'] },
  acl: [
    entry('/', 'group', 'admins', 'Operator'),
    entry('/access', 'token', ACTING, 'Operator'),
    entry('/vms', 'user', 'automation@pve', 'Other'),
    entry('/vms', 'user', 'someone@pve', 'Other'),
  ],
});

const acting = (changes: Change[]): Plan => planOf(changes, { actingIdentity: ACTING });

const refusal = (plan: Plan, allowDeletions = true): string => {
  try {
    guardPlan(plan, { allowDeletions, live, now: NOW });
  } catch (err) {
    expect(err).toBeInstanceOf(UnsafePlanError);
    return (err as Error).message;
  }
  return '';
};

describe('guardPlan: acting identity', () => {
  it.each<[string, Change[], RegExp]>([
    ['deleting its token', [token('delete', ACTING)], /deletes token automation@pve!apply, which this run authenticates with/],
    ['deleting its token as a cascade', [token('delete', ACTING, { implied: true })], /deletes token automation@pve!apply/],
    ['rotating its token', [token('rotate', ACTING, { rotation: 'regenerate' })], /cut itself off/],
    [
      'privilege separation on its token',
      [token('update', ACTING, { privsep: true, fields: [{ field: 'privsep', before: false, after: true }] })],
      /privilege separation/,
    ],
    ['deleting its user', [user('delete', 'automation@pve')], /deletes user automation@pve, which this run acts as/],
    ['disabling its user', [user('update', 'automation@pve', { enable: false })], /disables user automation@pve/],
    ['setting an expiry on its user', [user('update', 'automation@pve', { expire: 1_900_000_000 })], /expiry/],
    ['removing its user from a group that carries ACLs', [user('update', 'automation@pve', { groups: [] })], /from admins/],
    ['deleting a group it holds roles through', [group('delete', 'admins')], /deletes group admins, through which/],
    ['deleting a role it holds through a group', [role('delete', 'Operator')], /deletes role Operator, which this run's identity holds/],
    [
      'removing a privilege from a role it holds',
      [role('update', 'Operator', ['Sys.Audit', 'User.Modify'])],
      /removes Permissions\.Modify/,
    ],
    [
      'removing an ACL entry of its token',
      [acl('delete', entry('/access', 'token', ACTING, 'Operator'))],
      /revokes Operator on \/access for token automation@pve!apply/,
    ],
    [
      'removing an ACL entry of its user',
      [acl('delete', entry('/vms', 'user', 'automation@pve', 'Other'))],
      /revokes Other on \/vms for user automation@pve/,
    ],
    ['stopping propagation of its group entry', [acl('update', entry('/', 'group', 'admins', 'Operator', false))], /propagating/],
  ])('refuses %s', (_name, changes, message) => {
    expect(refusal(acting(changes))).toMatch(message);
  });

  it.each<[string, Change[]]>([
    ['adding privileges to a role it holds', [role('update', 'Operator', ['Sys.Audit', 'Permissions.Modify', 'User.Modify', 'VM.Audit'])]],
    ['deleting a role it does not hold', [role('delete', 'Unused')]],
    ['removing ACL entries of others', [acl('delete', entry('/vms', 'user', 'someone@pve', 'Other'))]],
    ['rotating another token of its user', [token('rotate', 'automation@pve!other', { rotation: 'regenerate' })]],
    ['changing its user comment', [user('update', 'automation@pve', { comment: 'bot' })]],
    ['adding its user to another group', [user('update', 'automation@pve', { groups: ['admins', 'ops'] })]],
  ])('allows %s', (_name, changes) => {
    expect(() => guardPlan(acting(changes), { allowDeletions: true, live, now: NOW })).not.toThrow();
  });

  it('refuses a privilege loss no single change names: a NoAccess entry for its user', () => {
    const noAccess = acl('create', entry('/vms', 'user', 'automation@pve', 'NoAccess'));
    expect(refusal(planOf([noAccess], { actingIdentity: 'automation@pve' }))).toMatch(/leaves automation@pve without VM\.Audit on \/vms/);
  });

  it('protects a user identity (ticket auth) the same way', () => {
    const plan = planOf([role('delete', 'Other')], { actingIdentity: 'automation@pve' });
    expect(() => guardPlan(plan, { allowDeletions: true, live, now: NOW })).toThrow(/deletes role Other, which this run's identity holds/);
  });

  it('states each reason once when the plan already carries it as a finding', () => {
    const changes = [acl('delete', entry('/access', 'token', ACTING, 'Operator'))];
    const findings = lockoutViolations(changes, live, ACTING, NOW).map((v) => lockoutFinding(v));
    const message = refusal(planOf(changes, { actingIdentity: ACTING, findings }));
    expect(findings.length).toBeGreaterThan(0);
    expect(message.split('\n').filter((line) => line.includes('revokes Operator on /access'))).toHaveLength(1);
    expect(message.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(findings.length);
  });
});

describe('guardPlan: findings and deletions', () => {
  it('refuses a plan with error findings and lists them', () => {
    const plan = planOf([role('create', 'X', ['VM.Monitor'])], {
      findings: [
        { severity: 'error', code: 'unknown-privilege', message: 'VM.Monitor does not exist on PVE 9', address: 'role:X' },
        { severity: 'warning', code: 'mass-deletion', message: 'many deletes' },
      ],
    });
    const message = refusal(plan);
    expect(message).toMatch(/role:X: VM\.Monitor does not exist on PVE 9 \[unknown-privilege\]/);
    expect(message).not.toMatch(/mass-deletion/);
  });

  it('refuses every non-implied delete when deletions are not allowed', () => {
    const plan = planOf([
      user('delete', 'old@pve'),
      token('delete', 'old@pve!t', { implied: true }),
      acl('delete', entry('/', 'user', 'x@pve', 'R')),
    ]);
    const message = refusal(plan, false);
    expect(message).toMatch(/user:old@pve: would be deleted/);
    expect(message).toMatch(/acl:\/\|user:x@pve\|R: would be deleted/);
    expect(message).not.toMatch(/old@pve!t/);
    expect(() => guardPlan(plan, { allowDeletions: true, live, now: NOW })).not.toThrow();
  });

  it('lists a delete the planner already refused once, as its finding', () => {
    const findings = [
      {
        severity: 'error' as const,
        code: 'deletions-disabled',
        message: 'user:old@pve would be deleted, but allow-deletions is false',
        address: 'user:old@pve',
      },
    ];
    const message = refusal(planOf([user('delete', 'old@pve')], { findings }), false);
    expect(message.split('\n').filter((line) => line.includes('would be deleted'))).toHaveLength(1);
  });
});
