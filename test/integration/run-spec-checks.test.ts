/**
 * Spec rules that need no cluster (identifier formats, rotate-before vs lifetime, delivery
 * targets) hold in the live modes too, not only in `validate`: a plan must not look fine and
 * then misbehave on apply.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { guardLeaks } from '../harness/leaks.js';
import { createReviewWorld, type ReviewWorld } from '../harness/review-world.js';

const tokenSpec = (token: string): string => `version: 1
users:
  ci-bot@pve:
    tokens:
${token}
acl:
  - path: /vms
    roles: [PVEAuditor]
    tokens: ["ci-bot@pve!deploy"]
`;

const ROTATES_EVERY_RUN = tokenSpec(`      deploy:
        lifetime: 10d
        rotate-before: 20d
        deliver:
          - output: deploy_token`);

const SHADOWS_AN_OUTPUT = tokenSpec(`      deploy:
        deliver:
          - output: summary`);

const tokensOf = (w: ReviewWorld): string[] => {
  const answer = w.sim.exec('GET', '/access/users/ci-bot@pve/token');
  return answer.status === 200 ? (answer.body as { data: { tokenid: string }[] }).data.map((t) => t.tokenid) : [];
};

describe('run(): offline spec rules in the live modes', () => {
  let w: ReviewWorld | undefined;
  guardLeaks(() => w?.world, { secretOutputs: ['tokens', 'deploy_token'] });
  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  it('rotate-before longer than lifetime fails the plan at its line and is refused by apply before any write', async () => {
    w = await createReviewWorld();
    await w.writeSpec(ROTATES_EVERY_RUN);
    const plan = await w.plan(3, 'c1'.repeat(20));
    expect(plan.outcome.failure).toMatch(/has errors/);
    const annotation = plan.annotations.find((a) => a.message.includes('rotate-before'));
    expect(annotation?.kind).toBe('error');
    expect(annotation?.properties.startLine).toBe(7);

    const apply = await w.schedule({ mode: 'apply', 'require-approved-plan': 'false' });
    expect(apply.outcome.failure).toMatch(/refusing to apply the plan:[\s\S]*rotate-before/);
    expect(apply.simRequests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(tokensOf(w)).toEqual([]);
  });

  it('a deliver output named like an output of the action is an error, and the summary output stays the summary', async () => {
    w = await createReviewWorld();
    await w.writeSpec(SHADOWS_AN_OUTPUT);
    const apply = await w.schedule({ mode: 'apply', 'require-approved-plan': 'false' });
    expect(apply.outcome.failure).toMatch(/output 'summary' is an output of the action itself/);
    expect(apply.outputs['summary']).toMatch(/^\d+ to create, \d+ to update, \d+ to delete/);
    expect(tokensOf(w)).toEqual([]);
  });

  it('an apply with nothing to change still fails when the plan has errors', async () => {
    w = await createReviewWorld();
    // The cluster already holds exactly what the spec asks, made by hand; only the spec is wrong.
    w.sim.exec('POST', '/access/users', { userid: 'ci-bot@pve' });
    w.sim.exec('POST', '/access/users/ci-bot@pve/token/deploy', { privsep: 1 });
    w.sim.exec('PUT', '/access/acl', { path: '/vms', roles: 'PVEAuditor', tokens: 'ci-bot@pve!deploy' });
    await w.writeSpec(SHADOWS_AN_OUTPUT);
    const apply = await w.schedule({ mode: 'apply', 'require-approved-plan': 'false' });
    expect(apply.outputs['has-changes']).toBe('false');
    expect(apply.outcome.failure).toMatch(/refusing to apply the plan: .*output 'summary' is an output of the action itself/);
    expect(apply.simRequests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
