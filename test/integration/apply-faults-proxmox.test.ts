/**
 * Proxmox-side faults during a real apply (`run(deps)`, mode apply, no reviewed plan needed):
 * lock timeouts, connections reset mid-apply, a lost token-create answer. Each ends with no
 * orphan token and a rerun that converges; after each, every secret is searched for everywhere.
 */
import { describe, expect, it } from 'vitest';
import { writesOf } from '../harness/fault-world.js';
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
  groupExists,
  splitFull,
  tokensOnSimulator,
  userExists,
} from './apply-faults-checks.js';

const TOKEN_PATH = `/access/users/${USER}/token/deploy`;

describe('apply under Proxmox faults', () => {
  const world = faultWorldPerTest();

  it('without faults: applies, delivers one working secret to every target, and converges', async () => {
    const w = await world();
    const apply = await w.run();
    expect(apply.outcome.failure, apply.log).toBeUndefined();
    expectSpecApplied(w);
    await expectNoOrphanToken(w);
    const tokens = JSON.parse(apply.outputs['tokens']!) as Record<string, { id: string; secret: string }>;
    expect(apply.outputs[`deploy_token`]).toBe(`${FULLID}=${tokens[FULLID]!.secret}`);
    const plan = await w.run({ mode: 'plan' });
    expect(plan.outputs['has-changes']).toBe('false');
  });

  describe('lock timeout on the ACL PUT', () => {
    it('once: the client retries the PUT and the apply succeeds', async () => {
      const w = await world();
      w.sim.inject({ method: 'PUT', path: '/access/acl', kind: 'lock-timeout', times: 1 });
      const apply = await w.run();
      expect(apply.outcome.failure, apply.log).toBeUndefined();
      expect(apply.log).toMatch(/PUT \/access\/acl failed \(500 .*lock.*\); retrying/);
      const aclPuts = writesOf(apply).filter((r) => r.path === '/access/acl');
      expect(aclPuts.map((r) => r.status)).toEqual([500, 200, 200]);
      expectSpecApplied(w);
      await expectNoOrphanToken(w);
      await expectRerunConverges(w);
    });

    it('persistent: the apply stops at the ACL, the delivered token stays, and a rerun grants it', async () => {
      const w = await world();
      w.sim.inject({ method: 'PUT', path: '/access/acl', kind: 'lock-timeout', times: 10 });
      const apply = await w.run();
      expect(apply.outcome.failure).toMatch(/^proxmox-access failed: apply stopped: ACL \/.*lock request timeout/);
      expect(writesOf(apply).filter((r) => r.path === '/access/acl')).toHaveLength(4);
      expect(apply.outputs['applied']).toBe('4');
      const summary = apply.summaries.join('\n');
      expect(summary).toMatch(/lock request timeout/);
      // No re-plan ran, so the report must not claim what one found.
      expect(summary).toContain('convergence not checked');
      expect(summary).not.toMatch(/still wants \d+ change/);
      expect(tokensOnSimulator(w)).toEqual([FULLID]);
      expect(aclOf(w, FULLID)).toEqual([]);
      await expectNoOrphanToken(w);

      const rerun = await expectRerunConverges(w);
      expect(writesOf(rerun).map((r) => `${r.method} ${r.path}`)).toEqual(['PUT /access/acl', 'PUT /access/acl']);
    });
  });

  describe('connection reset mid-apply', () => {
    it('reset before the user POST is handled: nothing is created, the run says so, a rerun creates it', async () => {
      const w = await world();
      w.sim.inject({ method: 'POST', path: '/access/users', kind: 'reset-before' });
      const apply = await w.run();
      expect(apply.outcome.failure).toMatch(new RegExp(`apply stopped: user:${USER}: .*(socket|reset|closed|terminated)`, 'i'));
      expect(userExists(w, USER)).toBe(false);
      expect(groupExists(w, 'ci')).toBe(true);
      expect(tokensOnSimulator(w)).toEqual([]);
      // The POST was not repeated blindly: a create may have been applied.
      expect(writesOf(apply).filter((r) => r.method === 'POST' && r.path === '/access/users')).toHaveLength(1);
      await expectNoOrphanToken(w);
      await expectRerunConverges(w);
    });

    it('reset after the group POST was applied: the run stops, the group exists, a rerun carries on from there', async () => {
      const w = await world();
      w.sim.inject({ method: 'POST', path: '/access/groups', kind: 'reset-after' });
      const apply = await w.run();
      expect(apply.outcome.failure).toMatch(/apply stopped: group:ci: .*(socket|reset|closed|terminated)/i);
      expect(groupExists(w, 'ci')).toBe(true);
      expect(userExists(w, USER)).toBe(false);
      expect(tokensOnSimulator(w)).toEqual([]);
      await expectNoOrphanToken(w);
      const rerun = await expectRerunConverges(w);
      expect(writesOf(rerun).some((r) => r.path === '/access/groups')).toBe(false);
    });
  });

  describe('lost token-create answer', () => {
    it.each([
      ['9.1.1', 'regenerat', ['POST', 'PUT']],
      ['8.4.1', 'deleting and creating', ['POST', 'DELETE', 'POST']],
    ])('PVE %s: reads the token back and recovers a secret that authenticates', async (version, how, tokenWrites) => {
      const w = await world({ version });
      w.sim.inject({ method: 'POST', path: TOKEN_PATH, kind: 'reset-after' });
      const apply = await w.run();
      expect(apply.outcome.failure, apply.log).toBeUndefined();
      expect(apply.log).toMatch(/the answer was lost/);
      expect(apply.log).toContain(how);
      const onToken = apply.simRequests.filter((r) => r.path.startsWith(TOKEN_PATH));
      expect(onToken.filter((r) => r.method !== 'GET').map((r) => r.method)).toEqual(tokenWrites);
      expect(onToken.some((r) => r.method === 'GET')).toBe(true);

      const delivered = splitFull(deliveredValues(w).repository)!;
      expect(await authenticates(w, FULLID, delivered.secret)).toBe(true);
      expectSpecApplied(w);
      await expectNoOrphanToken(w);
      await expectRerunConverges(w);
    });
  });
});
