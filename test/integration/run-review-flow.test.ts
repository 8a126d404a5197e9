/**
 * The orchestrator across runs of the pull-request workflow (`run(deps)` in-process): what a
 * refused apply leaves on the PR, what reruns of an apply job do, and how failures of the
 * secondary writes (result comment, refusal comment, job summary) are reported.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parsePlanMarker } from '../../src/model/markers.js';
import { createOctokit } from '../../src/github/octokit.js';
import { writesOf } from '../harness/in-process.js';
import { closedPort } from './github-harness.js';
import { forkPullRequestEvent, workflowDispatchEvent } from '../harness/events.js';
import { guardLeaks } from '../harness/leaks.js';
import { createReviewWorld, type ReviewWorld } from '../harness/review-world.js';

const SPEC = `version: 1
users:
  ci-bot@pve:
    comment: Deploys from CI
prune:
  users: ["*@pve"]
`;

const userIds = (w: ReviewWorld): string[] =>
  (w.sim.exec('GET', '/access/users').body as { data: { userid: string }[] }).data.map((u) => u.userid);

const forbidden = { status: 403, body: { message: 'Resource not accessible by integration' } };

describe('run(): apply after review', () => {
  let w: ReviewWorld | undefined;
  guardLeaks(() => w?.world, { secretOutputs: ['tokens'] });
  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  async function reviewed(pr: number): Promise<{ world: ReviewWorld; digest: string }> {
    w = await createReviewWorld();
    await w.writeSpec(SPEC);
    const plan = await w.plan(pr, 'a1'.repeat(20));
    expect(plan.outcome.failure).toBeUndefined();
    return { world: w, digest: plan.outputs['plan-digest']! };
  }

  it('an apply that cannot reach GitHub says so, and applies nothing', async () => {
    const { world } = await reviewed(13);
    world.merge(13, 'b7'.repeat(20));
    const port = await closedPort();
    const offline = await world.push(13, 'b7'.repeat(20), {}, { octokit: (token) => createOctokit(token, `http://127.0.0.1:${port}`) });
    expect(offline.outcome.failure).toMatch(
      /^proxmox-access failed: could not reach GitHub to list the pull requests of commit \w+ \(3 tries\): .*ECONNREFUSED/,
    );
    expect(offline.outcome.failure).not.toMatch(/no merged pull request/);
    expect(offline.summaries.join('\n')).toContain('could not reach GitHub');
    expect(writesOf(offline)).toEqual([]);
    expect(userIds(world)).not.toContain('ci-bot@pve');
  });

  it('a refused apply keeps the reviewed digest on the PR, so re-running the apply job is refused again', async () => {
    const { world, digest } = await reviewed(7);
    world.sim.exec('POST', '/access/users', { userid: 'intruder@pve', comment: 'made in the web UI' });
    world.merge(7, 'b1'.repeat(20));

    const refused = await world.push(7, 'b1'.repeat(20));
    expect(refused.outcome.failure).toMatch(/apply refused: the plan differs from the one reviewed on #7/);
    expect(refused.outcome.failure).toContain('now planned, not reviewed: `delete user:intruder@pve`');
    const [comment] = world.commentsOn(7);
    expect(comment).toContain('Apply refused');
    expect(parsePlanMarker(comment!)?.digest).toBe(digest);
    // The plan nobody reviewed is shown in the job summary instead.
    expect(refused.summaries.join('\n')).toContain('intruder@pve');
    // The refusal in the summary reads as Markdown: the list and code spans the action wrote.
    const all = refused.summaries.join('\n');
    const failure = all.slice(all.indexOf('### ❌'));
    expect(failure).toContain('\n- now planned, not reviewed: `delete user:intruder@pve`');
    expect(failure).toMatch(/reviewed digest `[0-9a-f]{12}`, now `[0-9a-f]{12}`/);
    expect(failure).not.toContain('\\`');

    const rerun = await world.push(7, 'b1'.repeat(20));
    expect(rerun.outcome.failure).toMatch(/apply refused/);
    expect(rerun.outputs['applied']).toBe('0');
    expect(userIds(world)).toContain('intruder@pve');
    expect(userIds(world)).not.toContain('ci-bot@pve');
    expect(world.commentsOn(7)).toHaveLength(1);
    expect(world.commentsOn(7)[0]!.match(/Apply refused/g)).toHaveLength(1);

    // Re-running the plan on the PR puts the current plan up for review; then apply proceeds.
    const replan = await world.plan(7, 'a1'.repeat(20));
    expect(replan.outcome.failure).toBeUndefined();
    const applied = await world.push(7, 'b1'.repeat(20));
    expect(applied.outcome.failure).toBeUndefined();
    expect(userIds(world)).toEqual(expect.arrayContaining(['ci-bot@pve']));
    expect(userIds(world)).not.toContain('intruder@pve');
  });

  it('re-running an apply job that succeeded does nothing, succeeds, and leaves the result on the PR', async () => {
    const { world } = await reviewed(8);
    world.merge(8, 'b2'.repeat(20));
    const first = await world.push(8, 'b2'.repeat(20));
    expect(first.outcome.failure).toBeUndefined();
    expect(first.outputs['applied']).toBe('1');
    const resultComment = world.commentsOn(8)[0];

    const rerun = await world.push(8, 'b2'.repeat(20));
    expect(rerun.outcome.failure).toBeUndefined();
    expect(rerun.outputs['has-changes']).toBe('false');
    expect(rerun.outputs['applied']).toBe('0');
    expect(world.commentsOn(8)).toEqual([resultComment]);
  });

  it('a result comment GitHub refuses does not turn a successful apply into a failure', async () => {
    const { world } = await reviewed(9);
    world.merge(9, 'b3'.repeat(20));
    world.github.faults.push({ method: 'PATCH', path: /\/issues\/comments\/\d+$/, response: forbidden });
    const apply = await world.push(9, 'b3'.repeat(20));
    expect(apply.outcome.failure).toBeUndefined();
    expect(apply.outputs['applied']).toBe('1');
    expect(userIds(world)).toContain('ci-bot@pve');
    expect(apply.log).toMatch(/warning: .*plan comment on #9.*403/);
  });

  it('when the apply fails and the result comment fails too, the failure still says why the apply failed', async () => {
    const { world } = await reviewed(10);
    world.merge(10, 'b4'.repeat(20));
    world.sim.inject({ method: 'POST', path: '/access/users', kind: 'status', status: 500, message: 'some PVE failure', times: 5 });
    world.github.faults.push({ method: 'PATCH', path: /\/issues\/comments\/\d+$/, response: forbidden });
    const apply = await world.push(10, 'b4'.repeat(20));
    expect(apply.outcome.failure).toMatch(/apply stopped: .*some PVE failure/);
  });

  it('when the refusal cannot be commented, the failure still says the apply was refused and why', async () => {
    const { world } = await reviewed(11);
    world.sim.exec('POST', '/access/users', { userid: 'intruder@pve' });
    world.merge(11, 'b5'.repeat(20));
    world.github.faults.push({ method: 'PATCH', path: /\/issues\/comments\/\d+$/, response: forbidden });
    const refused = await world.push(11, 'b5'.repeat(20));
    expect(refused.outcome.failure).toMatch(/apply refused: the plan differs from the one reviewed on #11/);
    expect(refused.log).toMatch(/warning: .*#11.*403/);
  });
});

describe('run(): the job summary', () => {
  let w: ReviewWorld | undefined;
  guardLeaks(() => w?.world, { secretOutputs: ['tokens'] });
  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  it('a summary file that cannot be written is a warning, not an escaped exception', async () => {
    w = await createReviewWorld();
    await w.writeSpec(SPEC);
    const unwritable = async (): Promise<void> => {
      throw new Error('EACCES: permission denied, open /home/runner/_temp/_runner_file_commands/step_summary');
    };
    const drift = await w.schedule({ 'drift-issue': 'false' }, { writeSummary: unwritable });
    expect(drift.outcome.failure).toBeUndefined();
    expect(drift.outputs['drift']).toBe('true');
    expect(drift.log).toMatch(/warning: .*job summary.*EACCES/);

    const failing = await w.schedule({ 'drift-issue': 'false', 'fail-on-drift': 'true' }, { writeSummary: unwritable });
    expect(failing.outcome.failure).toMatch(/drift found/);
  });
});

describe('run(): what comes next, in the plan shown', () => {
  let w: ReviewWorld | undefined;
  guardLeaks(() => w?.world, { secretOutputs: ['tokens'] });
  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  const MERGING = /Merging applies this plan/;

  it('only a pull request plan says that merging applies it', async () => {
    w = await createReviewWorld();
    await w.writeSpec(SPEC);
    const pr = await w.plan(12, 'c3'.repeat(20));
    expect(pr.summaries.join('\n')).toMatch(MERGING);
    expect(w.commentsOn(12).join('\n')).toMatch(MERGING);

    const manual = await w.runEvent(
      'workflow_dispatch',
      workflowDispatchEvent(),
      { GITHUB_SHA: 'e2'.repeat(20), GITHUB_REF: 'refs/heads/main' },
      { mode: 'plan' },
    );
    expect(manual.outcome.failure).toBeUndefined();
    expect(manual.summaries.join('\n')).toContain('Proxmox access plan for');
    expect(manual.summaries.join('\n')).not.toMatch(MERGING);

    const drift = await w.schedule({ 'drift-issue': 'false' });
    expect(drift.summaries.join('\n')).toContain('Proxmox access plan to revert drift');
    expect(drift.summaries.join('\n')).not.toMatch(MERGING);

    w.merge(12, 'd4'.repeat(20));
    const apply = await w.push(12, 'd4'.repeat(20));
    expect(apply.outcome.failure).toBeUndefined();
    expect(apply.summaries.join('\n')).toContain('Proxmox access plan to apply');
    expect(apply.summaries.join('\n')).not.toMatch(MERGING);
    // The comment on the merged PR now carries the result; merging is behind it.
    expect(w.commentsOn(12).join('\n')).not.toMatch(MERGING);
  });
});

describe('run(): a pull request from a fork', () => {
  let w: ReviewWorld | undefined;
  guardLeaks(() => w?.world, { secretOutputs: ['tokens'] });
  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  // What a workflow passes on a fork's pull request: the ids written in the workflow, the secrets empty.
  const withoutSecrets = (ids: Record<string, string>): Record<string, string> => ({
    'proxmox-token-id': '',
    'proxmox-token-secret': '',
    'secrets-token': '',
    ...ids,
  });

  it.each([
    ['a token id written in the workflow', { 'proxmox-token-id': 'automation@pve!ci' }],
    ['a user name written in the workflow', { 'proxmox-username': 'automation@pve', 'proxmox-password': '' }],
  ])('validates offline when only %s reaches the run', async (_what, ids) => {
    w = await createReviewWorld();
    await w.writeSpec(SPEC);
    const fork = await w.runEvent('pull_request', forkPullRequestEvent(77, 'f0'.repeat(20)), {}, withoutSecrets(ids));
    expect(fork.outcome.failure).toBeUndefined();
    expect(fork.outputs['mode']).toBe('validate');
    expect(fork.log).toMatch(/warning: .*fork/);
    expect(fork.simRequests).toEqual([]);
  });

  it('still fails, naming the input, when a live mode gets half a credential', async () => {
    w = await createReviewWorld();
    await w.writeSpec(SPEC);
    const run = await w.schedule(withoutSecrets({ 'proxmox-token-id': 'automation@pve!ci' }));
    expect(run.outcome.failure).toMatch(/proxmox-token-secret is empty/);
  });
});
