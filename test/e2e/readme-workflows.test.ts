/**
 * The README's workflows, run as a new user copies them, from dist/index.js: a pull request is
 * planned and merged, the token's GitHub secret goes missing and a user is edited by hand, the
 * nightly workflow's rotate step restores the secret and its drift step reports the edit, the
 * secret goes missing again, the next pull request's plan job (which has no secrets-token) is
 * reviewed and its merge's apply (which has one) restores the secret as repair without being
 * refused, and a manual run rotates on demand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullRequestEvent, pushEvent, scheduleEvent, workflowDispatchEvent } from '../harness/events.js';
import { expectNoLeaks, guardLeaks } from '../harness/leaks.js';
import { authenticates as tokenAuthenticates } from '../harness/pve-login.js';
import { quickstartSpec, readmeWorkflows, runWorkflow, runWorkflowSteps, type ReadmeWorkflow } from './readme-workflows.js';
import type { ActionResult } from '../harness/spawned.js';
import { REPO, createWorld, type World } from '../harness/world.js';

const TOKEN = 'terraform-prov@pve!terraform';
const SECRET_NAME = 'PROXMOX_TERRAFORM_TOKEN';
const SPEC = quickstartSpec();
const SPEC_WITH_GROUP = SPEC.replace(
  '  automation: { comment: Automation accounts }\n',
  '  automation: { comment: Automation accounts }\n  operators: { comment: Operators }\n',
);

describe('the README workflows, as written', () => {
  const workflows = readmeWorkflows();
  const workflow = (name: string): ReadmeWorkflow => {
    const found = workflows.get(name);
    if (!found) throw new Error(`README has no workflow named ${name}`);
    return found;
  };
  let world: World;
  guardLeaks(() => world, { secretOutputs: ['tokens'] });
  let pr = 10;
  const commentOn = (number: number): string =>
    world.store
      .commentsOn(REPO, number)
      .map((c) => c.body)
      .join('\n');
  const deliveredSecret = (): string => {
    const value = world.secrets.secretValue(REPO, SECRET_NAME);
    expect(value?.startsWith(`${TOKEN}=`)).toBe(true);
    return value!.slice(TOKEN.length + 1);
  };
  const authenticates = (secret: string): Promise<true | number> => tokenAuthenticates(world, TOKEN, secret);

  /** A pull request with `spec` planned by the plan workflow, merged, and applied by the apply workflow. */
  async function mergeThroughPullRequest(spec: string): Promise<{ plan: ActionResult; apply: ActionResult; number: number }> {
    const head = String(++pr).repeat(20);
    const merge = `f${head.slice(1)}`;
    const { number } = world.store.addPull(REPO, { headSha: head });
    await world.writeSpec(spec);
    const plan = await runWorkflow(world, workflow('proxmox-access plan'), {
      eventName: 'pull_request',
      event: pullRequestEvent(number, head),
    });
    expect(plan.exitCode, plan.stdout).toBe(0);
    Object.assign(world.store.pull(REPO, number)!, { mergedAt: new Date().toISOString(), mergeCommitSha: merge });
    const apply = await runWorkflow(world, workflow('proxmox-access apply'), {
      eventName: 'push',
      event: pushEvent(merge, `Change access (#${number})`),
      sha: merge,
    });
    return { plan, apply, number };
  }

  const nightly = (): Promise<ActionResult> =>
    runWorkflow(world, workflow('proxmox-access drift'), { eventName: 'schedule', event: scheduleEvent() });
  const nightlySteps = (): Promise<ActionResult[]> =>
    runWorkflowSteps(world, workflow('proxmox-access drift'), { eventName: 'schedule', event: scheduleEvent() });
  const driftIssues = () => world.store.issuesOf(REPO).filter((i) => !i.isPullRequest);

  beforeAll(async () => {
    world = await createWorld('9.1.1');
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('has the workflows the README sets up, and the plan job has no secrets-token', () => {
    expect([...workflows.keys()].sort()).toEqual([
      'proxmox-access apply',
      'proxmox-access drift',
      'proxmox-access manual apply',
      'proxmox-access plan',
      'proxmox-access plan a pull request',
    ]);
    // The case that used to be refused: only the apply job can see GitHub secrets.
    expect(workflow('proxmox-access plan').with['secrets-token']).toBeUndefined();
    expect(workflow('proxmox-access apply').with['secrets-token']).toBeDefined();
  });

  it('plans the Quickstart spec on its pull request, applies it on merge and delivers the secret', async () => {
    const { plan, apply, number } = await mergeThroughPullRequest(SPEC);
    expect(plan.outputs['mode']).toBe('plan');
    expect(commentOn(number)).toContain(`digest=${plan.outputs['plan-digest']}`);
    expect(apply.exitCode, apply.stdout).toBe(0);
    expect(apply.outputs['mode']).toBe('apply');
    expect(apply.outputs['plan-digest']).toBe(plan.outputs['plan-digest']);
    expect(await authenticates(deliveredSecret())).toBe(true);
  });

  it('runs the nightly workflow clean, then restores a GitHub secret that went missing and reports a hand edit', async () => {
    const [idle, clean] = await nightlySteps();
    expect(idle!.exitCode, idle!.stdout).toBe(0);
    expect(idle!.outputs['mode']).toBe('rotate');
    expect(idle!.outputs['applied']).toBe('0');
    expect(clean!.exitCode, clean!.stdout).toBe(0);
    expect(clean!.outputs['mode']).toBe('drift');
    expect(clean!.outputs['drift']).toBe('false');
    expect(driftIssues()).toHaveLength(0);

    expect(world.secrets.deleteSecret(REPO, SECRET_NAME)).toBe(true);
    expect(world.sim.exec('PUT', '/access/users/terraform-prov@pve', { comment: 'edited by hand' }).status).toBe(200);
    const [rotated, found] = await nightlySteps();
    expect(rotated!.exitCode, rotated!.stdout).toBe(0);
    expect(rotated!.outputs['applied']).toBe('1');
    expect(await authenticates(deliveredSecret())).toBe(true);
    expect(found!.exitCode, found!.stdout).toBe(0);
    expect(found!.outputs['drift']).toBe('true');
    expect(driftIssues()).toHaveLength(1);
    const issue = driftIssues()[0]!;
    expect(issue.body).toContain('edited by hand');
    expect(issue.body).not.toContain('Delivered secret missing');
    const comments = world.store.commentsOn(REPO, issue.number).map((c) => c.body);
    expect(comments.filter((c) => c.includes('🔄 Rotated by the schedule') && c.includes(TOKEN))).toHaveLength(1);
  });

  it('applies the next reviewed pull request although only the apply job sees the missing secret, restoring it as repair', async () => {
    const tokenIds = (): string[] =>
      (world.sim.exec('GET', '/access/users/terraform-prov@pve/token').body as { data: { tokenid: string }[] }).data.map((t) => t.tokenid);
    expect(world.secrets.deleteSecret(REPO, SECRET_NAME)).toBe(true);
    const { plan, apply, number } = await mergeThroughPullRequest(SPEC_WITH_GROUP);
    // The plan job cannot see GitHub secrets: it plans the declared changes only (the group, and the user edited by hand).
    expect(plan.outputs['summary']).toBe('1 to create, 1 to update, 0 to delete');
    expect(plan.summary).not.toContain('Repair on apply');

    expect(apply.exitCode, apply.stdout).toBe(0);
    expect(apply.stdout).not.toContain('apply refused');
    expect(apply.outputs['summary']).toBe('1 to create, 1 to update, 0 to delete, 1 to rotate');
    expect(apply.outputs['plan-digest']).toBe(plan.outputs['plan-digest']);
    expect(apply.stdout).toContain(`Repair on apply (not part of the reviewed digest): token:${TOKEN}`);
    for (const text of [apply.summary, commentOn(number)]) {
      const repair = text.slice(text.indexOf('#### Repair, not part of the reviewed digest'));
      expect(repair).toMatch(new RegExp(`\\| done \\| \`token:${TOKEN}\` \\| _a delivery target no longer holds the secret_ \\|`));
    }
    expect(world.sim.exec('GET', '/access/groups/operators').status).toBe(200);
    expect(await authenticates(deliveredSecret())).toBe(true);
    // Regenerated in place (PVE 9.1): the same one token, no second one beside it.
    expect(tokenIds()).toEqual(['terraform']);
  });

  it('finds no drift the next night and closes the issue', async () => {
    const clean = await nightly();
    expect(clean.outputs['drift']).toBe('false');
    expect(driftIssues()[0]!.state).toBe('closed');
  });

  it('rotates on demand from the manual apply workflow, and has nothing to do without a rotation asked for', async () => {
    const manual = workflow('proxmox-access manual apply');
    const before = deliveredSecret();
    const dispatch = (rotate: string): Record<string, any> => ({ ...workflowDispatchEvent(), inputs: { rotate } });
    const rotated = await runWorkflow(world, manual, { eventName: 'workflow_dispatch', event: dispatch(TOKEN) });
    expect(rotated.exitCode, rotated.stdout).toBe(0);
    expect(rotated.outputs['mode']).toBe('apply');
    expect(rotated.outputs['summary']).toBe('0 to create, 0 to update, 0 to delete, 1 to rotate');
    const after = deliveredSecret();
    expect(after).not.toBe(before);
    expect(await authenticates(after)).toBe(true);
    expect(await authenticates(before)).toBe(401);

    const idle = await runWorkflow(world, manual, { eventName: 'workflow_dispatch', event: dispatch('') });
    expect(idle.exitCode, idle.stdout).toBe(0);
    expect(idle.outputs['has-changes']).toBe('false');
    expect(deliveredSecret()).toBe(after);
  });

  it('restores a secret lost again on a push without a pull request: repair alone needs no reviewed plan', async () => {
    const before = deliveredSecret();
    expect(world.secrets.deleteSecret(REPO, SECRET_NAME)).toBe(true);
    const sha = 'ab'.repeat(20);
    const apply = await runWorkflow(world, workflow('proxmox-access apply'), {
      eventName: 'push',
      event: pushEvent(sha, 'Fix a typo'),
      sha,
    });
    expect(apply.exitCode, apply.stdout).toBe(0);
    expect(apply.stdout).toContain('only repair is planned');
    expect(apply.outputs['summary']).toBe('0 to create, 0 to update, 0 to delete, 1 to rotate');
    const restored = deliveredSecret();
    expect(restored).not.toBe(before);
    expect(await authenticates(restored)).toBe(true);
  });

  it('never lets a token secret out', () => {
    const secrets = world.runs.flatMap((r) =>
      r.outputs['tokens'] ? Object.values(JSON.parse(r.outputs['tokens']) as Record<string, { secret: string }>).map((t) => t.secret) : [],
    );
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    expectNoLeaks([...secrets, world.actionToken.value], { runs: world.runs, secretOutputs: ['tokens'], texts: world.githubTexts() });
  });
});
