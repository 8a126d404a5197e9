/**
 * A big spec against a big cluster: the live state is still read in seven requests (no pools), the PR
 * comment degrades to fit GitHub's 65,536-character limit and points to the job summary, and
 * the job summary holds the whole plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullRequestEvent } from '../harness/events.js';
import { expectNoLeaks, guardLeaks } from '../harness/leaks.js';
import { countingPveRequests } from '../harness/pve-requests.js';
import { REPO, createWorld, type World } from '../harness/world.js';

const USERS = 1_500;
const id = (i: number): string => `svc${String(i).padStart(4, '0')}@pve`;

function largeSpec(): string {
  const users: string[] = [];
  const acl: string[] = [];
  for (let i = 1; i <= USERS; i++) {
    users.push(`  ${id(i)}:\n    comment: service ${i}\n    tokens:\n      ci: { comment: ci token ${i} }\n`);
    acl.push(`  - { path: /vms/${1000 + i}, roles: [PVEVMUser], tokens: ["${id(i)}!ci"] }\n`);
  }
  return `version: 1\nusers:\n${users.join('')}acl:\n${acl.join('')}`;
}

const SMALL = `version: 1
users:
  svc0001@pve:
    tokens:
      ci: {}
acl:
  - { path: /vms/1001, roles: [PVEVMUser], tokens: ["svc0001@pve!ci"] }
`;

const COMMENT_LIMIT = 65_536;

describe('end to end: a plan too large for one comment', () => {
  let world: World;
  guardLeaks(() => world, { secretOutputs: [] });
  const reads = (): string[] => world.sim.requests.filter((r) => r.method === 'GET').map((r) => r.path);

  beforeAll(async () => {
    world = await createWorld('9.1.1');
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('reads a small cluster in seven requests', async () => {
    await world.writeSpec(SMALL);
    world.store.addPull(REPO, { number: 60, headSha: '60'.repeat(20) });
    const { result, counts } = await countingPveRequests(world.sim, () => world.run('pull_request', pullRequestEvent(60, '60'.repeat(20))));
    expect(result.exitCode, result.stdout).toBe(0);
    expect(counts).toMatchObject({ total: 7, reads: 7, writes: 0 });
  });

  it('fits 1,500 users with tokens and ACLs into one comment and the full plan into the summary, reading in seven requests', async () => {
    // A big live cluster too: 1,500 unmanaged users, each with a token and an ACL entry.
    for (let i = 1; i <= USERS; i++) {
      const userid = `legacy${i}@pve`;
      world.sim.exec('POST', '/access/users', { userid });
      world.sim.exec('POST', `/access/users/${userid}/token/old`, { privsep: 1 });
      world.sim.exec('PUT', '/access/acl', { path: `/vms/${5000 + i}`, roles: 'PVEAuditor', tokens: `${userid}!old` });
    }
    await world.writeSpec(largeSpec());
    world.store.addPull(REPO, { number: 61, headSha: '61'.repeat(20) });

    const { result, counts } = await countingPveRequests(world.sim, () => world.run('pull_request', pullRequestEvent(61, '61'.repeat(20))));
    expect(result.exitCode, result.stdout.slice(0, 4_000)).toBe(0);
    expect(result.outputs['summary']).toBe(`${3 * USERS} to create, 0 to update, 0 to delete`);
    expect(counts).toMatchObject({ total: 7, reads: 7, writes: 0 });
    expect(reads().sort()).toEqual([
      '/access/acl',
      '/access/domains',
      '/access/groups',
      '/access/roles',
      '/access/users?full=1',
      '/pools',
      '/version',
    ]);
    expect(result.stdout).toContain(`${USERS + 1} users, 0 groups, ${USERS} ACL entries in 7 requests`);

    const comments = world.store.commentsOn(REPO, 61);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toContain(`<!-- proxmox-access:plan spec=proxmox-access.yml digest=${result.outputs['plan-digest']} -->`);
    expect(body).toMatch(/Full plan in the job summary/);
    expect(body).toContain(`**${3 * USERS} to create, 0 to update, 0 to delete**`);

    const last = id(USERS);
    expect(result.summary).toContain(`user:${last}`);
    expect(result.summary).toContain(`token:${last}!ci`);
    expect(result.summary).toContain(`/vms/${1000 + USERS}`);
    expect(result.summary).not.toMatch(/Shortened to fit/);
    expect(result.summary.length).toBeGreaterThan(body.length);
  }, 120_000);

  it('never prints the credentials it was given', () => {
    expectNoLeaks([world.actionToken.value], {
      runs: world.runs,
      secretOutputs: [],
      texts: world.githubTexts(),
    });
  });
});
