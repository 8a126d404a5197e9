/**
 * Every new or rotated secret is tried once after delivery (`run(deps)`, mode apply): one
 * `GET /access/permissions` as the token, compared with the planned privileges. A secret PVE
 * refuses, or one holding other privileges (an ACL edited by hand between the grant and the
 * check), is revoked with its token and reported like a failed delivery; a rerun converges. A
 * network failure leaves the token and says it is unverified. After each test, every secret is
 * searched for everywhere.
 */
import { describe, expect, it } from 'vitest';
import type { FaultWorld, RunRecord } from '../harness/fault-world.js';
import {
  FULLID,
  USER,
  aclOf,
  authenticates,
  deliveredValues,
  expectNoOrphanToken,
  expectRerunConverges,
  expectSpecApplied,
  faultWorldPerTest,
  splitFull,
  tokensOnSimulator,
} from './apply-faults-checks.js';

const PERMISSIONS = '/access/permissions';
const TOKEN_PATH = `/access/users/${USER}/token/deploy`;
/** The token's own planned privileges: CiDeploy on /vms, which its user holds there too (privsep). */
const VERIFIED = `verified the secret of ${FULLID}: holds the 3 planned privileges on 1 path`;

const verifications = (run: RunRecord) => run.simRequests.filter((r) => r.method === 'GET' && r.path.startsWith(PERMISSIONS));

/** Someone regenerates the token's secret between the delivery and the check: the delivered one stops authenticating. */
const secretReplacedMeanwhile = (w: FaultWorld): void =>
  w.sim.inject({
    method: 'GET',
    path: PERMISSIONS,
    kind: 'meanwhile',
    meanwhile: (exec) => void exec('PUT', `/api2/json${TOKEN_PATH}`, { regenerate: 1 }),
  });

/** An administrator deletes the token's grant by hand between the ACL write and the check. */
const grantRemovedMeanwhile = (w: FaultWorld): void =>
  w.sim.inject({
    method: 'GET',
    path: PERMISSIONS,
    kind: 'meanwhile',
    meanwhile: (exec) => void exec('PUT', '/api2/json/access/acl', { path: '/vms', roles: 'CiDeploy', tokens: FULLID, delete: 1 }),
  });

describe('verified secrets', () => {
  const world = faultWorldPerTest();

  it('a new secret is tried once, as the token, and the summary says what it holds', async () => {
    const w = await world();
    const apply = await w.run();
    expect(apply.outcome.failure, apply.log).toBeUndefined();
    expect(apply.log).toContain(VERIFIED);
    expect(verifications(apply).map((r) => `${r.path} ${r.status}`)).toEqual([`${PERMISSIONS} 200`]);
    expect(apply.summaries.join('\n')).toContain('✅ verified: holds the 3 planned privileges on 1 path');
    expectSpecApplied(w);
    await expectNoOrphanToken(w);
    // Planning makes no such request: the check belongs to apply alone.
    const plan = await w.run({ mode: 'plan' });
    expect(verifications(plan)).toEqual([]);
  });

  it.each([
    ['9.1.1', 'regenerate'],
    ['8.4.1', 'recreate'],
  ])('on PVE %s a rotated secret (%s) is verified once its grants are back', async (version, method) => {
    const w = await world({ version });
    expect((await w.run()).outcome.failure).toBeUndefined();
    const before = splitFull(deliveredValues(w).output)!.secret;
    const rotate = await w.run({ rotate: FULLID });
    expect(rotate.outcome.failure, rotate.log).toBeUndefined();
    expect(rotate.log).toContain(`rotate token ${FULLID} (${method})`);
    expect(rotate.log).toContain(VERIFIED);
    expect(verifications(rotate)).toHaveLength(1);
    expect(await authenticates(w, FULLID, before)).toBe(false);
    expect(aclOf(w, FULLID)).toEqual(['/vms CiDeploy']);
    await expectNoOrphanToken(w);
  });

  it('a secret PVE refuses: the new token is deleted, reported like a failed delivery, and a rerun converges', async () => {
    const w = await world();
    secretReplacedMeanwhile(w);
    const apply = await w.run();
    expect(apply.outcome.failure).toMatch(
      new RegExp(
        `apply stopped: token:${escape(FULLID)}: the secret of new token ${escape(FULLID)} failed its verification \\(PVE did not accept it .*401.*\\); the token was deleted`,
      ),
    );
    expect(verifications(apply).map((r) => r.status)).toEqual([401]);
    expect(tokensOnSimulator(w)).toEqual([]);
    const summary = apply.summaries.join('\n');
    expect(summary).toContain('❌ failed, revoked: PVE did not accept it');
    expect(summary).toMatch(/\*\*Revoked:\*\* `ci-bot@pve!deploy`/);
    expect(summary).toMatch(/↩️ reverted \| .* \| `token:ci-bot@pve!deploy`/);
    await expectNoOrphanToken(w);
    const rerun = await expectRerunConverges(w);
    expect(rerun.log).toContain(VERIFIED);
  });

  it('a secret holding other privileges than planned: revoked, the difference named, and a rerun converges', async () => {
    const w = await world();
    grantRemovedMeanwhile(w);
    const apply = await w.run();
    expect(apply.outcome.failure).toMatch(
      /holds other privileges than planned: \/vms: lacks VM\.Allocate, VM\.Audit, VM\.Config\.Disk\); the token was deleted/,
    );
    expect(tokensOnSimulator(w)).toEqual([]);
    await expectRerunConverges(w);
  });

  it('a rotated secret that fails: the token is deleted, its consumers named as holding a dead secret, and a rerun recreates it', async () => {
    const w = await world();
    expect((await w.run()).outcome.failure).toBeUndefined();
    w.sim.inject({
      method: 'GET',
      path: PERMISSIONS,
      kind: 'meanwhile',
      meanwhile: (exec) => void exec('PUT', '/api2/json/access/acl', { path: '/', roles: 'PVEAuditor', tokens: FULLID }),
    });
    const rotate = await w.run({ rotate: FULLID });
    expect(rotate.outcome.failure).toMatch(
      /rotated but its new secret failed its verification \(it holds other privileges than planned: \/, \/access, \/access\/groups, \/nodes, \/pool, \/sdn, \/storage: also holds Datastore\.Audit, .*Sys\.Audit.*\); the token was deleted, so these consumers now hold a dead secret: output deploy_token, github-secret acme\/infra\/PROXMOX_DEPLOY_TOKEN, github-secret acme\/infra:production\/PM_API_TOKEN\. The next apply creates the token again/,
    );
    expect(rotate.summaries.join('\n')).toContain('These consumers now hold a dead secret');
    expect(tokensOnSimulator(w)).toEqual([]);
    const rerun = await expectRerunConverges(w);
    expect(rerun.log).toContain(`create token ${FULLID}`);
  });

  it('a network failure on the check: retried; when it persists the token stays, marked unverified, and the run succeeds', async () => {
    const w = await world();
    w.sim.inject({ method: 'GET', path: PERMISSIONS, kind: 'reset-before', times: 1 });
    const once = await w.run();
    expect(once.outcome.failure, once.log).toBeUndefined();
    expect(once.log).toMatch(/GET \/access\/permissions failed .*; retrying/);
    expect(once.log).toContain(VERIFIED);

    w.sim.inject({ method: 'GET', path: PERMISSIONS, kind: 'reset-before', times: 10 });
    const always = await w.run({ rotate: FULLID });
    expect(always.outcome.failure, always.log).toBeUndefined();
    expect(verifications(always)).toHaveLength(4);
    expect(always.log).toMatch(new RegExp(`warning: the secret of ${escape(FULLID)} is not verified: could not be checked: `));
    expect(always.summaries.join('\n')).toContain('⚠️ not verified: could not be checked');
    await expectNoOrphanToken(w);
  });

  it('an apply that stops early still tries each delivered secret, for authentication only', async () => {
    const w = await world();
    w.sim.inject({ method: 'PUT', path: '/access/acl', kind: 'lock-timeout', times: 10 });
    const apply = await w.run();
    expect(apply.outcome.failure).toMatch(/apply stopped: ACL \/.*lock request timeout/);
    expect(apply.log).toContain(`the secret of ${FULLID} is not verified: it authenticates; its privileges were not compared`);
    expect(tokensOnSimulator(w)).toEqual([FULLID]);
    await expectRerunConverges(w);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\!]/g, '\\$&');
}
