/**
 * A pull request from a fork, from validation to an applied change, with the README's workflows
 * run as written: the fork's plan job only validates; a maintainer's dispatch run reads the spec
 * of the pull request's head commit through the contents API (its workspace holds nothing) and
 * posts the plan comment; the merge's apply trusts it; a push after the review is refused until
 * the maintainer plans again.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkPullRequestEvent, pushEvent, workflowDispatchEvent } from '../harness/events.js';
import { expectNoLeaks, guardLeaks } from '../harness/leaks.js';
import { quickstartSpec, readmeWorkflows, runWorkflow, type ReadmeWorkflow } from './readme-workflows.js';
import type { ActionResult } from '../harness/spawned.js';
import { REPO, createWorld, type World } from '../harness/world.js';

const SPEC = quickstartSpec();
const withGroup = (group: string, spec = SPEC): string =>
  spec.replace(
    '  automation: { comment: Automation accounts }\n',
    `  automation: { comment: Automation accounts }\n  ${group}: { comment: From a fork }\n`,
  );
const FORK_SPEC = withGroup('contributors');
const FORK_SPEC_PUSHED_LATER = withGroup('late-comers', FORK_SPEC);
const HEAD = 'c0'.repeat(20);
const HEAD_LATER = 'c1'.repeat(20);
const MERGE = 'e0'.repeat(20);

describe('a pull request from a fork, with the README workflows', () => {
  const workflows = readmeWorkflows();
  const workflow = (name: string): ReadmeWorkflow => workflows.get(name) ?? expect.unreachable(`README has no workflow ${name}`);
  const forkPlan = (): ReadmeWorkflow => workflow('proxmox-access plan a pull request');
  let world: World;
  guardLeaks(() => world, { secretOutputs: ['tokens'] });
  let empty: string;
  let number = 0;
  const groups = (): string[] =>
    (world.sim.exec('GET', '/access/groups').body as { data: { groupid: string }[] }).data.map((g) => g.groupid);
  const planComments = () => world.store.commentsOn(REPO, number).filter((c) => c.body.includes('proxmox-access:plan'));
  const maintainerPlans = (pr = number): Promise<ActionResult> =>
    runWorkflow(world, forkPlan(), {
      eventName: 'workflow_dispatch',
      event: { ...workflowDispatchEvent(), inputs: { 'pull-request': String(pr) } },
      workspace: empty,
    });
  const applyMerge = (): Promise<ActionResult> =>
    runWorkflow(world, workflow('proxmox-access apply'), {
      eventName: 'push',
      event: pushEvent(MERGE, `Add a group (#${number})`),
      sha: MERGE,
    });

  beforeAll(async () => {
    world = await createWorld('9.1.1');
    empty = await mkdtemp(path.join(tmpdir(), 'pa-no-checkout-'));
    // main already holds the Quickstart spec, applied.
    await world.writeSpec(SPEC);
    const manual = await runWorkflow(world, workflow('proxmox-access manual apply'), {
      eventName: 'workflow_dispatch',
      event: workflowDispatchEvent(),
    });
    expect(manual.exitCode, manual.stdout).toBe(0);
    number = world.store.addPull(REPO, { headSha: HEAD, headRef: 'add-contributors', headRepo: 'mallory/infra', user: 'mallory' }).number;
    world.contents.addFile(REPO, HEAD, 'proxmox-access.yml', FORK_SPEC);
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('plans with no checkout and no pull_request_target: the workflow runs nothing of the fork', () => {
    expect(forkPlan().steps.map((s) => String(s['uses'] ?? s['run'] ?? ''))).toEqual([
      expect.stringMatching(/^proxmox-access\/proxmox-access@/),
    ]);
    expect(Object.keys(forkPlan().on)).toEqual(['workflow_dispatch']);
    expect(forkPlan().with['mode']).toBe('plan');
  });

  it("only validates on the fork's own pull_request run, which has no secrets", async () => {
    await world.writeSpec(FORK_SPEC);
    const run = await runWorkflow(world, workflow('proxmox-access plan'), {
      eventName: 'pull_request',
      event: forkPullRequestEvent(number, HEAD),
      fork: true,
    });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs['mode']).toBe('validate');
    expect(run.stdout).toContain('mallory');
    expect(planComments()).toHaveLength(0);
    await world.writeSpec(SPEC);
  });

  it("plans the pull request's spec for the maintainer, read from its head commit through the API, and comments there", async () => {
    const run = await maintainerPlans();
    expect(run.exitCode, run.stdout).toBe(0);
    expect(await readdir(empty)).toEqual([]);
    expect(run.outputs['mode']).toBe('plan');
    expect(run.outputs['summary']).toBe('1 to create, 0 to update, 0 to delete');
    expect(world.contents.requestedRefs).toEqual([HEAD]);
    expect(run.stdout).toContain(`planning pull request #${number} from the fork mallory/infra`);
    const [comment] = planComments();
    expect(comment?.user.login).toBe('github-actions[bot]');
    expect(comment?.body).toContain(`digest=${run.outputs['plan-digest']}`);
    expect(comment?.body).toContain('group:contributors');
    expect(comment?.body).toContain(`for head ${HEAD}`);
    expect(groups()).not.toContain('contributors');
  });

  it('refuses the merge when the fork pushed after the review, and applies once the maintainer planned again', async () => {
    Object.assign(world.store.pull(REPO, number)!, { headSha: HEAD_LATER });
    world.contents.addFile(REPO, HEAD_LATER, 'proxmox-access.yml', FORK_SPEC_PUSHED_LATER);
    Object.assign(world.store.pull(REPO, number)!, { mergedAt: new Date().toISOString(), mergeCommitSha: MERGE });
    await world.writeSpec(FORK_SPEC_PUSHED_LATER);

    const refused = await applyMerge();
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stdout).toMatch(/differs from the one reviewed on #\d+/);
    expect(refused.stdout).toContain('group:late-comers');
    expect(groups()).not.toContain('contributors');

    const replanned = await maintainerPlans();
    expect(replanned.exitCode, replanned.stdout).toBe(0);
    expect(world.contents.requestedRefs).toEqual([HEAD, HEAD_LATER]);
    const applied = await applyMerge();
    expect(applied.exitCode, applied.stdout).toBe(0);
    expect(applied.outputs['plan-digest']).toBe(replanned.outputs['plan-digest']);
    expect(groups()).toEqual(expect.arrayContaining(['contributors', 'late-comers']));
  });

  it('says clearly what is wrong with a pull request number that does not exist or a head without the spec', async () => {
    const missing = await maintainerPlans(9999);
    expect(missing.exitCode).not.toBe(0);
    expect(missing.stdout).toContain('pull request #9999 does not exist in acme/infra');

    const bare = world.store.addPull(REPO, { headSha: 'd0'.repeat(20), headRepo: 'mallory/infra' }).number;
    const noSpec = await maintainerPlans(bare);
    expect(noSpec.exitCode).not.toBe(0);
    expect(noSpec.stdout).toContain(`has no file proxmox-access.yml at commit ${'d0'.repeat(6)}`);
    expect(world.store.commentsOn(REPO, bare)).toHaveLength(0);
  });

  it('never lets a token secret out', () => {
    const secrets = world.runs.flatMap((r) =>
      r.outputs['tokens'] ? Object.values(JSON.parse(r.outputs['tokens']) as Record<string, { secret: string }>).map((t) => t.secret) : [],
    );
    expectNoLeaks([...secrets, world.actionToken.value], { runs: world.runs, secretOutputs: ['tokens'], texts: world.githubTexts() });
  });
});
