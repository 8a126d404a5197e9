/**
 * How `mode: auto` routes real events when run from dist/index.js: a fork's pull request gets
 * offline validation only, a manual run checks drift, an explicit mode wins, and a push that is
 * not to the default branch only plans. None of them writes to the cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkPullRequestEvent, pushEvent, workflowDispatchEvent } from '../harness/events.js';
import { expectNoLeaks, guardLeaks } from '../harness/leaks.js';
import { countingPveRequests } from '../harness/pve-requests.js';
import { REPO, createWorld, type World } from '../harness/world.js';

const SPEC = `version: 1
groups:
  ci: { comment: CI accounts }
users:
  deployer@pve:
    comment: Deploys
    groups: [ci]
    tokens:
      deploy:
        comment: deploy token
        deliver:
          - output: deploy_token
acl:
  - path: /vms
    roles: [PVEVMUser]
    tokens: ["deployer@pve!deploy"]
`;

/** The token GitHub hands a pull_request run from a fork: read-only, whatever the workflow asks. */
const FORK_TOKEN = 'ghs_forkReadOnlyToken00000000000000000001';

describe('end to end: event routing', () => {
  let world: World;
  guardLeaks(() => world, { secretOutputs: [] });

  beforeAll(async () => {
    world = await createWorld('9.1.1');
    world.github.tokens.set(FORK_TOKEN, { pullRequests: 'read', issues: 'read', contents: 'read' });
    await world.writeSpec(SPEC);
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('validates a fork pull request offline, says why, and never tries to comment', async () => {
    world.store.addPull(REPO, { number: 77, headSha: 'f0'.repeat(20) });
    world.github.requests.length = 0;
    const { result: fork, counts } = await countingPveRequests(world.sim, () =>
      world.run('pull_request', forkPullRequestEvent(77, 'f0'.repeat(20)), { withoutSecrets: true, githubToken: FORK_TOKEN }),
    );
    expect(fork.exitCode, fork.stdout).toBe(0);
    expect(fork.outputs['mode']).toBe('validate');
    expect(fork.stdout).toMatch(/fork/i);
    expect(fork.stdout).toMatch(/without secrets|no secrets/);
    expect(fork.stdout).toMatch(/offline validation/);
    expect(fork.summary).toContain('proxmox-access.yml');
    expect(fork.summary).toMatch(/valid/);
    expect(fork.summary).toMatch(/fork/i);
    expect(fork.stdout).not.toMatch(/^::error/m);
    expect(fork.stdout).not.toContain('403');
    expect(counts.total).toBe(0);
    const writes = world.github.requests.filter((r) => r.method !== 'GET');
    expect(writes).toEqual([]);
    expect(world.github.requests.filter((r) => r.status === 403)).toEqual([]);
    expect(world.store.commentsOn(REPO, 77)).toHaveLength(0);
  });

  it('a fork pull request with a broken spec fails on the spec, not on a permission', async () => {
    await world.writeSpec(SPEC.replace('comment: Deploys', 'coment: Deploys'));
    try {
      const fork = await world.run('pull_request', forkPullRequestEvent(78, 'f1'.repeat(20)), {
        withoutSecrets: true,
        githubToken: FORK_TOKEN,
      });
      expect(fork.exitCode).toBe(1);
      expect(fork.outputs['mode']).toBe('validate');
      expect(fork.stdout).toMatch(/^::error title=[^,]+,file=proxmox-access\.yml,line=6,col=5::.*coment/m);
      expect(fork.stdout).not.toContain('403');
    } finally {
      await world.writeSpec(SPEC);
    }
  });

  it('checks drift on workflow_dispatch and writes nothing to the cluster', async () => {
    const { result: drift, counts } = await countingPveRequests(world.sim, () => world.run('workflow_dispatch', workflowDispatchEvent()));
    expect(drift.exitCode, drift.stdout).toBe(0);
    expect(drift.outputs['mode']).toBe('drift');
    expect(drift.outputs['drift']).toBe('true');
    expect(drift.stdout).toContain('manual run checks for drift');
    expect(counts).toMatchObject({ total: 7, reads: 7, writes: 0 });
  });

  it('plans instead of applying when mode: plan is set on a push to the default branch', async () => {
    const { result: plan, counts } = await countingPveRequests(world.sim, () =>
      world.run('push', pushEvent('e1'.repeat(20), 'Add a deployer (#9)'), { sha: 'e1'.repeat(20), inputs: { mode: 'plan' } }),
    );
    expect(plan.exitCode, plan.stdout).toBe(0);
    expect(plan.outputs['mode']).toBe('plan');
    expect(plan.stdout).toContain('mode plan was set explicitly');
    expect(plan.outputs['has-changes']).toBe('true');
    expect(plan.outputs['summary']).toMatch(/^[1-9]\d* to create, 0 to update, 0 to delete$/);
    expect(plan.outputs['applied']).toBe('0');
    expect(plan.summary).toContain('deployer@pve');
    expect(counts).toMatchObject({ total: 7, reads: 7, writes: 0 });
  });

  it('only plans on a push to a branch other than the default one', async () => {
    const event = { ...pushEvent('e2'.repeat(20), 'wip'), ref: 'refs/heads/feature/more-tokens' };
    const { result: plan, counts } = await countingPveRequests(world.sim, () =>
      world.run('push', event, { sha: 'e2'.repeat(20), ref: 'refs/heads/feature/more-tokens' }),
    );
    expect(plan.exitCode, plan.stdout).toBe(0);
    expect(plan.outputs['mode']).toBe('plan');
    expect(plan.stdout).toMatch(/not the default branch main/);
    expect(plan.outputs['has-changes']).toBe('true');
    expect(counts).toMatchObject({ total: 7, reads: 7, writes: 0 });
    const users = (world.sim.exec('GET', '/access/users').body as { data: { userid: string }[] }).data.map((u) => u.userid);
    expect(users).not.toContain('deployer@pve');
  });

  it('never prints the credentials it was given', () => {
    expectNoLeaks([world.actionToken.value], {
      runs: world.runs,
      secretOutputs: [],
      texts: world.githubTexts(),
    });
  });
});
