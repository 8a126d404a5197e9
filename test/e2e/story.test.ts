/**
 * The whole story, from dist/index.js as the runner runs it: PR → plan comment → the cluster is
 * changed by hand → apply refuses → new PR, new plan → merge → apply → secrets arrive and work →
 * nightly drift finds a hand-made token → issue → fixed by hand → issue closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxmoxClient } from '../../src/proxmox/client.js';
import { pullRequestEvent, pushEvent, scheduleEvent } from '../harness/events.js';
import { expectMaskedFirst, expectNoLeaks, guardLeaks } from '../harness/leaks.js';
import { REPO, createWorld, type World } from '../harness/world.js';

const SPEC = `version: 1
roles:
  TerraformProv:
    privileges: [Datastore.AllocateSpace, Datastore.Audit, VM.Allocate, VM.Audit, VM.Clone, VM.Config.Disk]
groups:
  automation: { comment: Automation accounts }
users:
  terraform-prov@pve:
    comment: Terraform provisioning
    groups: [automation]
    tokens:
      terraform:
        comment: Terraform token
        lifetime: 90d
        deliver:
          - output: terraform_token
          - github-secret: PROXMOX_TERRAFORM_TOKEN
          - github-secret: { name: PM_API_TOKEN, repository: ${REPO}, environment: production }
acl:
  - path: /
    roles: [TerraformProv]
    tokens: ["terraform-prov@pve!terraform"]
  - path: /vms
    roles: [PVEAuditor]
    groups: [automation]
prune:
  users: ["*@pve"]
`;

const data = (answer: { status: number; body: unknown }): any => {
  expect(answer.status).toBe(200);
  return (answer.body as { data: unknown }).data;
};

describe('end to end: the story of one token', () => {
  let world: World;
  guardLeaks(() => world, { secretOutputs: ['tokens', 'terraform_token'] });
  const commentsOn = (pr: number): string[] => world.store.commentsOn(REPO, pr).map((c) => c.body);
  const userIds = (): string[] => (data(world.sim.exec('GET', '/access/users')) as { userid: string }[]).map((u) => u.userid);

  beforeAll(async () => {
    world = await createWorld('9.1.1');
    data(world.sim.exec('POST', '/access/users', { userid: 'old-ci@pve', comment: 'made by hand in 2023' }));
    await world.writeSpec(SPEC);
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('plans on the pull request and posts one sticky comment with the digest', async () => {
    world.store.addPull(REPO, { number: 42, headSha: 'a1'.repeat(20) });
    const first = await world.run('pull_request', pullRequestEvent(42, 'a1'.repeat(20)));
    expect(first.exitCode, first.stdout).toBe(0);
    expect(first.outputs['mode']).toBe('plan');
    expect(first.outputs['has-changes']).toBe('true');
    expect(first.outputs['summary']).toMatch(/^\d+ to create, 0 to update, 1 to delete$/);
    const digest = first.outputs['plan-digest']!;
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    const [comment] = commentsOn(42);
    expect(comment).toContain(`<!-- proxmox-access:plan spec=proxmox-access.yml digest=${digest} -->`);
    expect(comment).toContain('terraform-prov@pve');
    expect(first.outputs['comment-url']).toMatch(/#issuecomment-\d+$/);
    expect(first.summary).toContain('terraform-prov@pve');
    expect(userIds()).not.toContain('terraform-prov@pve');

    const again = await world.run('pull_request', pullRequestEvent(42, 'a2'.repeat(20), 'synchronize'));
    expect(again.exitCode).toBe(0);
    expect(commentsOn(42)).toHaveLength(1);
    expect(commentsOn(42)[0]).toContain('a2a2a2a');
  });

  it('refuses to apply when the cluster changed by hand after the review, and says what changed', async () => {
    data(world.sim.exec('POST', '/access/users', { userid: 'intruder@pve', comment: 'added in the web UI' }));
    const pull = world.store.pull(REPO, 42)!;
    pull.mergedAt = new Date().toISOString();
    pull.mergeCommitSha = 'b1'.repeat(20);
    const refused = await world.run('push', pushEvent('b1'.repeat(20), 'Add a Terraform token (#42)'), { sha: 'b1'.repeat(20) });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stdout).toMatch(/differs from the one reviewed on #42/);
    expect(refused.stdout).toContain('intruder@pve');
    expect(commentsOn(42)[0]).toContain('Apply refused');
    expect(userIds()).not.toContain('terraform-prov@pve');
    expect(refused.outputs['applied']).toBe('0');
  });

  it('applies the next reviewed plan on merge and delivers the secret to every target', async () => {
    world.store.addPull(REPO, { number: 43, headSha: 'c1'.repeat(20) });
    const plan = await world.run('pull_request', pullRequestEvent(43, 'c1'.repeat(20)));
    expect(plan.exitCode).toBe(0);
    expect(commentsOn(43)[0]).toContain('intruder@pve');
    const pull = world.store.pull(REPO, 43)!;
    pull.mergedAt = new Date().toISOString();
    pull.mergeCommitSha = 'd1'.repeat(20);

    const apply = await world.run('push', pushEvent('d1'.repeat(20), 'Adopt the cluster (#43)'), { sha: 'd1'.repeat(20) });
    expect(apply.exitCode, apply.stdout).toBe(0);
    expect(apply.outputs['mode']).toBe('apply');
    expect(Number(apply.outputs['applied'])).toBeGreaterThan(0);
    expect(userIds()).toContain('terraform-prov@pve');
    expect(userIds()).not.toContain('intruder@pve');
    expect(userIds()).not.toContain('old-ci@pve');

    const tokens = JSON.parse(apply.outputs['tokens']!) as Record<string, { id: string; secret: string }>;
    const delivered = tokens['terraform-prov@pve!terraform']!;
    expect(delivered.id).toBe('terraform-prov@pve!terraform');
    const full = `${delivered.id}=${delivered.secret}`;
    expect(apply.outputs['terraform_token']).toBe(full);
    expect(world.secrets.secretValue(REPO, 'PROXMOX_TERRAFORM_TOKEN')).toBe(full);
    expect(world.secrets.secretValue(`${REPO}:production`, 'PM_API_TOKEN')).toBe(full);
    expectMaskedFirst(apply, delivered.secret);

    // The secret the consumer received authenticates against the cluster.
    const consumer = await createProxmoxClient({
      url: world.sim.url,
      auth: { tokenId: delivered.id, secret: delivered.secret },
      fingerprint: world.sim.fingerprint,
    });
    try {
      expect(String((await consumer.getVersion())['release'])).toBe('9.1');
    } finally {
      await consumer.close();
    }
    expect(commentsOn(43)[0]).toMatch(/Applied|applied/);

    const replan = await world.run('pull_request', pullRequestEvent(43, 'c1'.repeat(20), 'synchronize'));
    expect(replan.outputs['has-changes']).toBe('false');
  });

  it('reports drift in one issue, does not repeat itself, and closes it once clean', async () => {
    const clean = await world.run('schedule', scheduleEvent());
    expect(clean.exitCode, clean.stdout).toBe(0);
    expect(clean.outputs['mode']).toBe('drift');
    expect(clean.outputs['drift']).toBe('false');
    expect(world.store.issuesOf(REPO).filter((i) => !i.isPullRequest)).toHaveLength(0);

    data(world.sim.exec('POST', '/access/users/terraform-prov@pve/token/by-hand', { comment: 'quick fix', privsep: 0 }));
    const found = await world.run('schedule', scheduleEvent());
    expect(found.exitCode).toBe(0);
    expect(found.outputs['drift']).toBe('true');
    const issues = world.store.issuesOf(REPO).filter((i) => !i.isPullRequest);
    expect(issues).toHaveLength(1);
    const issue = issues[0]!;
    expect(issue.labels).toContain('proxmox-drift');
    expect(issue.body).toContain('<!-- proxmox-access:drift spec=proxmox-access.yml -->');
    expect(issue.body).toContain('by-hand');
    const commentsBefore = world.store.commentsOn(REPO, issue.number).length;

    const same = await world.run('schedule', scheduleEvent());
    expect(same.outputs['drift']).toBe('true');
    expect(world.store.commentsOn(REPO, issue.number)).toHaveLength(commentsBefore);

    const strict = await world.run('schedule', scheduleEvent(), { inputs: { 'fail-on-drift': 'true' } });
    expect(strict.exitCode).not.toBe(0);

    data(world.sim.exec('DELETE', '/access/users/terraform-prov@pve/token/by-hand'));
    const fixed = await world.run('schedule', scheduleEvent());
    expect(fixed.outputs['drift']).toBe('false');
    expect(world.store.issue(REPO, issue.number)!.state).toBe('closed');
  });

  it('never lets a secret out of its mask, its outputs or its sealed boxes', () => {
    const tokenSecrets = world.runs.flatMap((r) =>
      r.outputs['tokens'] ? Object.values(JSON.parse(r.outputs['tokens']) as Record<string, { secret: string }>).map((t) => t.secret) : [],
    );
    expectNoLeaks([...tokenSecrets, world.actionToken.value], {
      runs: world.runs,
      secretOutputs: ['tokens', 'terraform_token'],
      texts: world.githubTexts(),
    });
    // The action's own credential shows only in the mask it registers first thing in every run.
    for (const r of world.runs) {
      expect(r.stdout.split('\n').filter((line) => line.includes(world.actionToken.value))).toEqual([
        `::add-mask::${world.actionToken.value}`,
      ]);
      expectMaskedFirst(r, world.actionToken.value);
    }
  });
});
