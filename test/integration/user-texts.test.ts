/**
 * What users read, pinned as files under test/__snapshots__/: the plan comment and job summary
 * of a pull request, the apply result and summary after the merge, the drift issue of the
 * nightly run, and the nightly rotation's summary and drift-issue comment. Made from fixed inputs (clock, pull request, commits, run ids, a cluster seeded
 * the same way) and never holding a secret, so every change to these texts shows in review.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionDeps } from '../../src/deps.js';
import { guardLeaks } from '../harness/leaks.js';
import { REPO, createReviewWorld, type ReviewWorld } from '../harness/review-world.js';

/** 2033-05-18 03:33:20 UTC: far enough ahead that no token the story makes has expired on the simulator's own clock. */
const NOW = 2_000_000_000;
const fixedClock: Partial<ActionDeps> = { now: () => NOW };
/** As on a runner, the spec is named relative to the workspace, the job's working directory. */
const SPEC_INPUT = { spec: 'proxmox-access.yml' };
const PR = 7;
const HEAD = 'a1'.repeat(20);
const MERGE = 'b2'.repeat(20);

const SPEC = `version: 1
roles:
  CiDeploy:
    privileges: [VM.Allocate, VM.Audit, VM.Config.Disk, Datastore.AllocateSpace]
groups:
  ci: { comment: CI accounts }
users:
  alice@pve:
    comment: Alice from operations
    email: alice@example.com
  ci-bot@pve:
    comment: Deploys from CI
    groups: [ci]
    tokens:
      deploy:
        comment: deploy pipeline
        lifetime: 90d
        deliver:
          - output: deploy_token
          - github-secret: PROXMOX_DEPLOY_TOKEN
acl:
  - path: /vms
    roles: [CiDeploy]
    groups: [ci]
    tokens: ["ci-bot@pve!deploy"]
  - path: /
    roles: [PVEAuditor]
    users: [alice@pve]
prune:
  users: ["*@pve"]
`;

const snapshot = (name: string): string => `../__snapshots__/${name}`;

describe('what users read', () => {
  let w: ReviewWorld | undefined;
  guardLeaks(() => w?.world, { secretOutputs: ['tokens', 'deploy_token'] });
  const world = (): ReviewWorld => w!;

  const cwd = process.cwd();
  beforeAll(async () => {
    w = await createReviewWorld('9.1.1');
    process.chdir(path.dirname(w.specPath));
    const seed = (path: string, params: Record<string, unknown>): void => {
      expect(w!.sim.exec('POST', path, params).status).toBe(200);
    };
    seed('/access/users', { userid: 'alice@pve', comment: 'Alice' });
    seed('/access/users', { userid: 'old-ci@pve', comment: 'made by hand in 2023' });
    await w.writeSpec(SPEC);
  });
  afterAll(async () => {
    process.chdir(cwd);
    await w?.stop();
  });

  it('the plan comment and the job summary of a pull request', async () => {
    const plan = await world().plan(PR, HEAD, SPEC_INPUT, fixedClock);
    expect(plan.outcome.failure, plan.log).toBeUndefined();
    const comments = world().commentsOn(PR);
    expect(comments).toHaveLength(1);
    await expect(comments[0]).toMatchFileSnapshot(snapshot('plan-comment.md'));
    expect(plan.summaries).toHaveLength(1);
    await expect(plan.summaries[0]).toMatchFileSnapshot(snapshot('plan-summary.md'));
  });

  it('the apply result on the pull request and the job summary after the merge', async () => {
    world().merge(PR, MERGE);
    const apply = await world().push(PR, MERGE, SPEC_INPUT, fixedClock);
    expect(apply.outcome.failure, apply.log).toBeUndefined();
    expect(apply.outputs['mode']).toBe('apply');
    const comments = world().commentsOn(PR);
    // The sticky comment of the plan, now with the result below it.
    expect(comments).toHaveLength(1);
    await expect(comments[0]).toMatchFileSnapshot(snapshot('apply-result.md'));
    expect(apply.summaries).toHaveLength(1);
    await expect(apply.summaries[0]).toMatchFileSnapshot(snapshot('apply-summary.md'));
  });

  it('the drift issue of the nightly run', async () => {
    // By hand: a comment changed, a token made, and the delivered secret deleted from GitHub.
    expect(world().sim.exec('PUT', '/access/users/alice@pve', { comment: 'Alice (on leave)' }).status).toBe(200);
    world().sim.createToken('ci-bot@pve', 'manual', { comment: 'made by hand' });
    expect(world().secrets.deleteSecret(REPO, 'PROXMOX_DEPLOY_TOKEN')).toBe(true);
    const drift = await world().schedule(SPEC_INPUT, fixedClock);
    expect(drift.outcome.failure, drift.log).toBeUndefined();
    const issues = world().store.issues.filter((i) => !i.isPullRequest);
    expect(issues).toHaveLength(1);
    await expect(`# ${issues[0]!.title}\n\n${issues[0]!.body ?? ''}`).toMatchFileSnapshot(snapshot('drift-issue.md'));
    expect(drift.summaries).toHaveLength(1);
    await expect(drift.summaries[0]).toMatchFileSnapshot(snapshot('drift-summary.md'));
  });

  it('the job summary of the nightly rotation and its comment on the drift issue', async () => {
    // The deleted secret makes its token due; the hand-made token and comment stay, as drift.
    const rotate = await world().schedule({ ...SPEC_INPUT, mode: 'rotate' }, fixedClock);
    expect(rotate.outcome.failure, rotate.log).toBeUndefined();
    expect(rotate.outputs['applied']).toBe('1');
    expect(rotate.summaries).toHaveLength(1);
    await expect(rotate.summaries[0]).toMatchFileSnapshot(snapshot('rotate-summary.md'));
    const [issue] = world().store.issues.filter((i) => !i.isPullRequest);
    const comments = world().store.commentsOn(REPO, issue!.number);
    await expect(comments.at(-1)!.body).toMatchFileSnapshot(snapshot('rotate-issue-comment.md'));
  });
});
