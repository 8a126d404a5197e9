/**
 * The reviewed digest is read only from the action's own comment: a person who pastes a plan
 * marker (even one with the right digest) into a comment does not approve anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullRequestEvent, pushEvent } from '../harness/events.js';
import { guardLeaks } from '../harness/leaks.js';
import { REPO, createWorld, type World } from '../harness/world.js';

const SPEC = `version: 1
users:
  reviewer-bypass@pve:
    comment: must not be created by a pasted marker
`;

describe('who may approve a plan', () => {
  let world: World;
  guardLeaks(() => world, { secretOutputs: ['tokens'] });
  beforeAll(async () => {
    world = await createWorld();
    await world.writeSpec(SPEC);
    world.github.tokens.set('ghp_mallory', { issues: 'write', pullRequests: 'write', contents: 'read', login: 'mallory' });
  });
  afterAll(async () => world?.stop());

  it('ignores a plan marker pasted by a person, even with the current digest', async () => {
    world.store.addPull(REPO, { number: 60, headSha: 'e1'.repeat(20) });
    // A dry plan run (no comment) tells the digest a person could copy from a job log.
    const dry = await world.run('pull_request', pullRequestEvent(60, 'e1'.repeat(20)), { inputs: { comment: 'false' } });
    const digest = dry.outputs['plan-digest']!;
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    const pasted = `<!-- proxmox-access:plan spec=proxmox-access.yml digest=${digest} -->\nLooks good to me`;
    const response = await fetch(`${world.github.origin}/repos/${REPO}/issues/60/comments`, {
      method: 'POST',
      headers: { authorization: 'token ghp_mallory', 'content-type': 'application/json' },
      body: JSON.stringify({ body: pasted }),
    });
    expect(response.status).toBe(201);

    const pull = world.store.pull(REPO, 60)!;
    pull.mergedAt = new Date().toISOString();
    pull.mergeCommitSha = 'f1'.repeat(20);
    const apply = await world.run('push', pushEvent('f1'.repeat(20), 'Sneak a user in (#60)'), { sha: 'f1'.repeat(20) });
    expect(apply.exitCode).not.toBe(0);
    expect(apply.stdout).toMatch(/pull request #60 has no proxmox-access plan comment/);
    const users = (world.sim.exec('GET', '/access/users').body as { data: { userid: string }[] }).data;
    expect(users.map((u) => u.userid)).not.toContain('reviewer-bypass@pve');
    // The person's comment was not taken over either.
    expect(world.store.commentsOn(REPO, 60).map((c) => c.body)).toEqual([pasted]);
  });

  it('accepts the same plan once the action itself commented it', async () => {
    const plan = await world.run('pull_request', pullRequestEvent(60, 'e1'.repeat(20)));
    expect(plan.exitCode).toBe(0);
    expect(world.store.commentsOn(REPO, 60)).toHaveLength(2);
    const apply = await world.run('push', pushEvent('f1'.repeat(20), 'Sneak a user in (#60)'), { sha: 'f1'.repeat(20) });
    expect(apply.exitCode, apply.stdout).toBe(0);
  });
});
