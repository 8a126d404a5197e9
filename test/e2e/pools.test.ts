/**
 * Pools as code from dist/index.js as the runner runs it: two pools (one nested) with members and
 * group grants on their paths; the plan shows what the grants give on each member, a guest that
 * moves in from a hand-made pool, then apply, a clean re-plan, drift when a member is moved by
 * hand, and an export (bundled CLI) that plans no change against the cluster it came from.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnBundledCli } from '../integration/cli-terminal.js';
import { pullRequestEvent, pushEvent, scheduleEvent } from '../harness/events.js';
import { guardLeaks } from '../harness/leaks.js';
import { REPO, createWorld, type World } from '../harness/world.js';

const SPEC = `version: 1
groups:
  web-ops: { comment: Web operators }
  auditors: {}
pools:
  prod:
    comment: Production
    allow-move: true
    members: { vms: [100, 101], storage: [local] }
  prod/web:
    comment: Web tier
    members: { vms: [200], storage: [local-lvm] }
acl:
  - { path: /pool/prod/web, roles: [PVEVMUser], groups: [web-ops] }
  - { path: /pool/prod, roles: [PVEAuditor], groups: [auditors] }
`;

const data = (answer: { status: number; body: unknown }): any => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return (answer.body as { data: unknown }).data;
};

describe('end to end: pools', () => {
  let world: World;
  guardLeaks(() => world);
  const members = (poolid: string): string[] =>
    (data(world.sim.exec('GET', '/pools', { poolid }))[0] as { members: { id: string }[] }).members.map((m) => m.id);

  beforeAll(async () => {
    world = await createWorld('9.1.1');
    // Made by hand before the spec existed: guest 101 sits in another pool.
    data(world.sim.exec('POST', '/pools', { poolid: 'legacy' }));
    data(world.sim.exec('PUT', '/pools', { poolid: 'legacy', vms: '101' }));
    await world.writeSpec(SPEC);
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('plans the pools, the move and what the pool grants give on every member', async () => {
    world.store.addPull(REPO, { number: 7, headSha: 'e1'.repeat(20) });
    const plan = await world.run('pull_request', pullRequestEvent(7, 'e1'.repeat(20)));
    expect(plan.exitCode, plan.stdout).toBe(0);
    expect(plan.outputs['summary']).toBe('6 to create, 0 to update, 0 to delete');
    const [comment] = world.store.commentsOn(REPO, 7).map((c) => c.body);
    expect(comment).toContain('pool:prod/web');
    expect(comment).toContain('vm 101 moves from pool legacy to prod');
    // The nested pool's grant reaches its guest and storage; the parent's reaches its own members.
    const privileges = comment!.slice(comment!.indexOf('**`@web-ops`**'));
    for (const member of ['`/vms/200`', '`/storage/local-lvm`']) expect(privileges).toContain(member);
    for (const member of ['`/vms/100`', '`/vms/101`', '`/storage/local`']) expect(comment).toContain(member);
    expect((data(world.sim.exec('GET', '/pools')) as { poolid: string }[]).map((p) => p.poolid)).toEqual(['legacy']);
  });

  it('applies on merge: parents first, members in place, the guest moved, grants on the pool paths', async () => {
    const pull = world.store.pull(REPO, 7)!;
    pull.mergedAt = new Date().toISOString();
    pull.mergeCommitSha = 'f1'.repeat(20);
    const apply = await world.run('push', pushEvent('f1'.repeat(20), 'Pools (#7)'), { sha: 'f1'.repeat(20) });
    expect(apply.exitCode, apply.stdout).toBe(0);
    expect(apply.stdout).toMatch(/create pool prod\n[\s\S]*create pool prod\/web/);
    expect(apply.stdout).toContain('update pool prod (add vms 100, 101, moving 101)');
    expect(members('prod')).toEqual(['qemu/100', 'qemu/101', 'storage/pve1/local']);
    expect(members('prod/web')).toEqual(['lxc/200', 'storage/pve1/local-lvm']);
    expect(members('legacy')).toEqual([]);
    const acl = data(world.sim.exec('GET', '/access/acl')) as { path: string; ugid: string }[];
    expect(acl.filter((e) => e.path.startsWith('/pool/')).map((e) => `${e.path} ${e.ugid}`)).toEqual([
      '/pool/prod auditors',
      '/pool/prod/web web-ops',
    ]);

    const replan = await world.run('pull_request', pullRequestEvent(7, 'e1'.repeat(20), 'synchronize'));
    expect(replan.outputs['has-changes']).toBe('false');
  });

  it('reports a member moved by hand and a changed comment as drift', async () => {
    const clean = await world.run('schedule', scheduleEvent());
    expect(clean.outputs['drift']).toBe('false');

    data(world.sim.exec('PUT', '/pools', { poolid: 'prod/web', vms: '101', 'allow-move': 1, comment: 'by hand' }));
    const found = await world.run('schedule', scheduleEvent());
    expect(found.exitCode).toBe(0);
    expect(found.outputs['drift']).toBe('true');
    const [issue] = world.store.issuesOf(REPO).filter((i) => !i.isPullRequest);
    expect(issue?.body).toContain('pool:prod/web');
    // The guest the spec puts in prod comes back by prod's move; prod/web is not asked to let it go as well.
    expect(issue?.body).toContain('| `pool:prod` | vms on the cluster lack 101, which the spec lists |');
    expect(issue?.body).toContain('| `pool:prod/web` | comment is "by hand" on the cluster, the spec says "Web tier" |');
  });

  it('exports the pools to a spec that plans no change against the cluster', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pa-pools-export-'));
    try {
      const env = {
        PROXMOX_URL: world.sim.url,
        PROXMOX_TOKEN_ID: world.secretInputs['proxmox-token-id']!,
        PROXMOX_TOKEN_SECRET: world.secretInputs['proxmox-token-secret']!,
        PROXMOX_FINGERPRINT: world.sim.fingerprint,
      };
      const out = path.join(dir, 'exported.yml');
      const exported = await spawnBundledCli(['export', '--out', out], { env, stdin: null });
      expect(exported.code, exported.stderr).toBe(0);
      const text = await readFile(out, 'utf8');
      expect(text).toMatch(
        /^pools:\n {2}legacy:\n {4}members: \{\}\n {2}prod:\n {4}comment: Production\n {4}members:\n {6}vms: \[100\]\n {6}storage: \[local\]\n/m,
      );
      expect(text).toContain('  prod/web:\n    comment: by hand\n    members:\n      vms: [101, 200]\n      storage: [local-lvm]\n');
      const plan = await spawnBundledCli(['plan', '--json', '--spec', out], { env, stdin: null });
      expect(plan.code, plan.stderr).toBe(0);
      expect(JSON.parse(plan.stdout)).toMatchObject({ hasChanges: false });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
