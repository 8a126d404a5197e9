/**
 * The brakes, from dist/index.js: `allow-deletions: false` turns any delete into an error, and
 * a plan that would delete or disarm the identity the action acts as is refused. Either way the
 * run fails before the first write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullRequestEvent, pushEvent } from '../harness/events.js';
import { expectNoLeaks, guardLeaks } from '../harness/leaks.js';
import { countingPveRequests } from '../harness/pve-requests.js';
import type { ActionResult } from '../harness/spawned.js';
import { REPO, createWorld, type World } from '../harness/world.js';

const MANUAL_APPLY = { 'require-approved-plan': 'false' };

const data = (answer: { status: number; body: unknown }): unknown => {
  expect(answer.status).toBe(200);
  return (answer.body as { data: unknown }).data;
};

/** One declared user with a grant; only the prune pattern differs between the scenarios. */
const deployerSpec = (prunePattern: string): string => `version: 1
users:
  deployer@pve:
    comment: Deploys
acl:
  - path: /vms
    roles: [PVEVMUser]
    users: [deployer@pve]
prune:
  users: ["${prunePattern}"]
`;

describe('end to end: safety brakes', () => {
  let world: World;
  guardLeaks(() => world, { secretOutputs: [] });
  let ops: { fullTokenId: string; value: string };
  const asOps = (inputs: Record<string, string> = {}): Record<string, string> => ({
    'proxmox-token-id': ops.fullTokenId,
    'proxmox-token-secret': ops.value,
    ...inputs,
  });
  const userIds = (): string[] => (data(world.sim.exec('GET', '/access/users')) as { userid: string }[]).map((u) => u.userid).sort();
  const failure = (result: ActionResult): string => result.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? '';

  beforeAll(async () => {
    world = await createWorld('9.1.1');
    data(world.sim.exec('POST', '/access/users', { userid: 'old-ci@pve', comment: 'left over' }));
    // The identity the lockout runs act as: a non-root user with Administrator on /, and its token.
    data(world.sim.exec('POST', '/access/users', { userid: 'ops@pve', comment: 'automation' }));
    data(world.sim.exec('PUT', '/access/acl', { path: '/', roles: 'Administrator', users: 'ops@pve' }));
    ops = world.sim.createToken('ops@pve', 'ci', { privsep: false, comment: 'proxmox-access' });
  });
  afterAll(async () => {
    await world?.stop();
  });

  describe('allow-deletions: false', () => {
    const SPEC = deployerSpec('old-*@pve');
    beforeAll(() => world.writeSpec(SPEC));

    it('fails the plan on the pull request and shows why', async () => {
      world.store.addPull(REPO, { number: 21, headSha: '21'.repeat(20) });
      const { result, counts } = await countingPveRequests(world.sim, () =>
        world.run('pull_request', pullRequestEvent(21, '21'.repeat(20)), { inputs: { 'allow-deletions': 'false' } }),
      );
      expect(result.exitCode).toBe(1);
      expect(result.outputs['summary']).toBe('2 to create, 0 to update, 1 to delete');
      expect(result.stdout).toMatch(
        /^::error title=proxmox-access%3A deletions-disabled.*user:old-ci@pve would be deleted, but allow-deletions is false/m,
      );
      expect(failure(result)).toMatch(/has errors/);
      expect(world.store.commentsOn(REPO, 21)[0]?.body).toMatch(/deletions-disabled/);
      expect(counts.writes).toBe(0);
    });

    it('refuses to apply and writes nothing, not even the creates', async () => {
      const { result, counts } = await countingPveRequests(world.sim, () =>
        world.run('push', pushEvent('22'.repeat(20), 'Manual'), {
          sha: '22'.repeat(20),
          inputs: { ...MANUAL_APPLY, 'allow-deletions': 'false' },
        }),
      );
      expect(result.exitCode).toBe(1);
      expect(result.outputs['mode']).toBe('apply');
      expect(result.outputs['applied']).toBe('0');
      expect(failure(result)).toMatch(/allow-deletions/);
      expect(counts).toMatchObject({ total: 7, writes: 0 });
      expect(userIds()).toEqual(['old-ci@pve', 'ops@pve', 'root@pam']);
    });

    it('applies the same spec once deletions are allowed', async () => {
      const { result, counts } = await countingPveRequests(world.sim, () =>
        world.run('push', pushEvent('23'.repeat(20), 'Manual'), { sha: '23'.repeat(20), inputs: MANUAL_APPLY }),
      );
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.outputs['applied']).toBe('3');
      expect(counts).toEqual({
        total: 17,
        reads: 14,
        writes: 3,
        written: ['POST /access/users', 'PUT /access/acl', 'DELETE /access/users/old-ci@pve'],
      });
      expect(userIds()).toEqual(['deployer@pve', 'ops@pve', 'root@pam']);
    });
  });

  describe('lockout', () => {
    it('a prune never reaches the user the action acts as: it is kept, and the plan says who it acts as', async () => {
      data(world.sim.exec('POST', '/access/users', { userid: 'stray@pve' }));
      await world.writeSpec(deployerSpec('*@pve'));
      world.store.addPull(REPO, { number: 30, headSha: '30'.repeat(20) });
      const plan = await world.run('pull_request', pullRequestEvent(30, '30'.repeat(20)), { inputs: asOps() });
      expect(plan.exitCode, plan.stdout).toBe(0);
      expect(plan.outputs['summary']).toBe('0 to create, 0 to update, 1 to delete');
      expect(plan.stdout).toContain('Acting as ops@pve!ci');
      expect(plan.stdout).not.toMatch(/^\s*- user:ops@pve/m);
      expect(plan.stdout).toContain('prune pattern "*@pve" matches ops@pve, which is kept: it is the user this action authenticates as');
      expect(world.store.commentsOn(REPO, 30)[0]?.body).toMatch(/Acting as `ops@pve!ci`, which the plan never deletes or weakens/);

      const apply = await world.run('push', pushEvent('30'.repeat(20), 'Manual'), { sha: '30'.repeat(20), inputs: asOps(MANUAL_APPLY) });
      expect(apply.exitCode, apply.stdout).toBe(0);
      expect(userIds()).toEqual(['deployer@pve', 'ops@pve', 'root@pam']);
    });

    it('refuses a spec that deletes the token the action authenticates with', async () => {
      // ops@pve declared with `tokens: {}` owns no tokens, so ops@pve!ci would go; the ACL is kept as it is.
      await world.writeSpec(`version: 1
users:
  ops@pve:
    comment: automation
    tokens: {}
acl:
  - path: /
    roles: [Administrator]
    users: [ops@pve]
`);
      world.store.addPull(REPO, { number: 31, headSha: '31'.repeat(20) });
      const { result: plan, counts: planCounts } = await countingPveRequests(world.sim, () =>
        world.run('pull_request', pullRequestEvent(31, '31'.repeat(20)), { inputs: asOps() }),
      );
      expect(plan.exitCode).toBe(1);
      expect(plan.outputs['summary']).toBe('0 to create, 0 to update, 1 to delete');
      expect(plan.stdout).toMatch(
        /^::error title=proxmox-access%3A lockout,file=proxmox-access\.yml,line=\d+,col=\d+::.*deletes token ops@pve!ci, which this run authenticates with/m,
      );
      expect(failure(plan)).toMatch(/has errors/);
      expect(world.store.commentsOn(REPO, 31)[0]?.body).toMatch(/lockout/);
      expect(planCounts.writes).toBe(0);

      const { result: apply, counts } = await countingPveRequests(world.sim, () =>
        world.run('push', pushEvent('32'.repeat(20), 'Manual'), { sha: '32'.repeat(20), inputs: asOps(MANUAL_APPLY) }),
      );
      expect(apply.exitCode).toBe(1);
      expect(failure(apply)).toMatch(/lockout/);
      expect(counts.writes).toBe(0);
      const tokens = data(world.sim.exec('GET', '/access/users/ops@pve/token')) as { tokenid: string }[];
      expect(tokens.map((t) => t.tokenid)).toEqual(['ci']);
    });

    it('refuses a spec that disables the user the action acts as', async () => {
      await world.writeSpec(`version: 1
users:
  ops@pve:
    comment: automation
    enable: false
acl:
  - path: /
    roles: [Administrator]
    users: [ops@pve]
`);
      const { result: plan, counts } = await countingPveRequests(world.sim, () =>
        world.run('push', pushEvent('35'.repeat(20), 'Manual'), { sha: '35'.repeat(20), inputs: asOps(MANUAL_APPLY) }),
      );
      expect(plan.exitCode).toBe(1);
      expect(plan.stdout).toMatch(/^::error title=proxmox-access%3A lockout.*disables user ops@pve, which this run acts as/m);
      expect(counts.writes).toBe(0);
    });

    it('refuses a spec that takes its own ACL entry away', async () => {
      // ops@pve declared (without tokens, so its token is left alone) but granted nothing: its Administrator on / would go.
      await world.writeSpec(`version: 1
users:
  deployer@pve:
    comment: Deploys
  ops@pve:
    comment: automation
acl:
  - path: /vms
    roles: [PVEVMUser]
    users: [deployer@pve]
`);
      world.store.addPull(REPO, { number: 33, headSha: '33'.repeat(20) });
      const { result: plan, counts } = await countingPveRequests(world.sim, () =>
        world.run('pull_request', pullRequestEvent(33, '33'.repeat(20)), { inputs: asOps() }),
      );
      expect(plan.exitCode).toBe(1);
      expect(plan.outputs['summary']).toBe('0 to create, 0 to update, 1 to delete');
      expect(plan.stdout).toMatch(/^::error title=proxmox-access%3A lockout.*revokes Administrator on \/ for user ops@pve/m);
      expect(counts.writes).toBe(0);

      const { result: apply, counts: applyCounts } = await countingPveRequests(world.sim, () =>
        world.run('push', pushEvent('34'.repeat(20), 'Manual'), { sha: '34'.repeat(20), inputs: asOps(MANUAL_APPLY) }),
      );
      expect(apply.exitCode).toBe(1);
      expect(applyCounts.writes).toBe(0);
      const acl = data(world.sim.exec('GET', '/access/acl')) as { path: string; ugid: string; roleid: string }[];
      expect(acl).toContainEqual(expect.objectContaining({ path: '/', ugid: 'ops@pve', roleid: 'Administrator' }));
    });
  });

  it('never prints the credentials it was given', () => {
    expectNoLeaks([world.actionToken.value, ops.value], {
      runs: world.runs,
      secretOutputs: [],
      texts: world.githubTexts(),
    });
  });
});
