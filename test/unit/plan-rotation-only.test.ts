/**
 * The plan a scheduled rotation runs: the rotations of the full plan and nothing else, each with
 * the token's live privsep and comment; which findings refuse it; and what its re-read must not find.
 */
import { describe, expect, it } from 'vitest';
import { makePlan } from '../../src/plan/make-plan.js';
import type { Plan, TokenChange } from '../../src/plan/model.js';
import { rotationBlockers, rotationLeftovers, rotationOnlyPlan } from '../../src/plan/rotation-only.js';
import type { LiveState } from '../../src/model/live-state.js';
import {
  DAY,
  NOW,
  acl,
  aclSpec,
  live,
  liveRole,
  liveToken,
  liveUser,
  options,
  roleSpec,
  spec,
  tokenSpec,
  userSpec,
} from './plan-fixtures.js';

const TOKEN = 'ci@pve!deploy';
const SPEC = spec({
  roles: [roleSpec('Deployer', ['VM.Audit', 'VM.PowerMgmt'])],
  users: [userSpec('ci@pve', { comment: 'CI', tokens: [tokenSpec('deploy', { lifetime: 30 * DAY, comment: 'deploys' })] })],
  acl: [aclSpec('/vms', ['Deployer'], { tokens: [TOKEN] })],
});

/** The token is due; a role, a user comment and the token's own comment and privsep were edited by hand. */
function drifted(expire = NOW + DAY): LiveState {
  return live({
    roles: [liveRole('Deployer', ['VM.Audit'])],
    users: [liveUser('ci@pve', { comment: 'edited', tokens: [liveToken('deploy', { expire, comment: 'by hand', privsep: false })] })],
    acl: [acl('/vms', 'token', TOKEN, 'Deployer'), acl('/storage', 'token', TOKEN, 'PVEAuditor')],
  });
}

const operations = (plan: Plan): string[] => plan.changes.map((c) => `${c.action} ${c.address}`);

describe('rotationOnlyPlan', () => {
  it('keeps the rotation alone, with the token as it is on the cluster, and drops all other drift', () => {
    const full = makePlan(SPEC, drifted(), options());
    expect(operations(full)).toEqual(
      expect.arrayContaining([
        'update role:Deployer',
        'update user:ci@pve',
        `rotate token:${TOKEN}`,
        `delete acl:/storage|token:${TOKEN}|PVEAuditor`,
      ]),
    );
    const rotations = rotationOnlyPlan(full, drifted());
    expect(operations(rotations)).toEqual([`rotate token:${TOKEN}`]);
    const [rotation] = rotations.changes as TokenChange[];
    expect(rotation).toMatchObject({ privsep: false, comment: 'by hand', fields: [], lifetime: 30 * DAY, rotation: 'regenerate' });
    expect(rotations.counts).toEqual({ create: 0, update: 0, delete: 0, rotate: 1 });
    expect(rotations.privileges).toEqual([]);
  });

  it('has nothing to do when no token is due', () => {
    const full = makePlan(SPEC, drifted(NOW + 20 * DAY), options());
    expect(full.changes.length).toBeGreaterThan(0);
    expect(rotationOnlyPlan(full, drifted(NOW + 20 * DAY)).changes).toEqual([]);
  });

  it('rotates what the rotate input names or a missing secret asks for', () => {
    const notDue = drifted(NOW + 20 * DAY);
    expect(operations(rotationOnlyPlan(makePlan(SPEC, notDue, options({ rotate: 'all' })), notDue))).toEqual([`rotate token:${TOKEN}`]);
    expect(operations(rotationOnlyPlan(makePlan(SPEC, notDue, options({ secretMissing: [TOKEN] })), notDue))).toEqual([
      `rotate token:${TOKEN}`,
    ]);
  });
});

describe('rotationBlockers', () => {
  it('are the errors of the full plan, except a delete refused by allow-deletions, which a rotation never sends', () => {
    const refusedDelete = makePlan(SPEC, drifted(), options({ allowDeletions: false }));
    expect(refusedDelete.findings.some((f) => f.code === 'deletions-disabled')).toBe(true);
    expect(rotationBlockers(refusedDelete)).toEqual([]);
    const broken = spec({
      users: Object.values(SPEC.spec.users),
      acl: [aclSpec('/vms', ['NoSuchRole'], { tokens: [TOKEN] })],
    });
    expect(rotationBlockers(makePlan(broken, drifted(), options())).map((f) => f.code)).toContain('unknown-role');
  });
});

describe('rotationLeftovers', () => {
  const before = drifted();
  const beforePlan = makePlan(SPEC, before, options());
  const check = (after: LiveState) =>
    rotationLeftovers([TOKEN], {
      before: { plan: beforePlan, live: before },
      after: { plan: makePlan(SPEC, after, options()), live: after },
    });

  it('is empty when the token got a new expiry and kept its ACL entries, whatever drift was there before', () => {
    expect(check(drifted(NOW + 30 * DAY))).toEqual([]);
  });

  it('names a token still due, and an ACL entry it lost, even one the spec does not declare', () => {
    expect(check(drifted()).map((c) => `${c.action} ${c.address}`)).toEqual([`rotate token:${TOKEN}`]);
    const lost: LiveState = { ...drifted(NOW + 30 * DAY), acl: [acl('/vms', 'token', TOKEN, 'Deployer')] };
    expect(check(lost).map((c) => `${c.action} ${c.address}`)).toEqual([`create acl:/storage|token:${TOKEN}|PVEAuditor`]);
  });

  it('names a change the rotation brought about, not one that was there before', () => {
    const noToken: LiveState = { ...drifted(), users: { ...drifted().users, 'ci@pve': { ...drifted().users['ci@pve']!, tokens: {} } } };
    expect(check(noToken).map((c) => `${c.action} ${c.address}`)).toEqual([`create token:${TOKEN}`]);
  });
});
