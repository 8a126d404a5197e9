/**
 * The token inventory from dist/index.js as the runner runs it, on both PVE lines (8.4 and 9.1
 * name privileges differently): the nightly drift run sets the `audit` output and shows the
 * "Token inventory" section in the job summary and the drift issue; a plan run sets the output
 * too. Each token's privileges agree with what PVE answers that token about itself. None of it
 * holds a token secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenInventoryEntry } from '../../src/plan/token-inventory.js';
import { pullRequestEvent, scheduleEvent } from '../harness/events.js';
import { guardLeaks, secretsOf } from '../harness/leaks.js';
import { REPO, createWorld, type World } from '../harness/world.js';

const SPEC = `version: 1
roles:
  Deploy:
    privileges: [Permissions.Modify, VM.Audit, VM.PowerMgmt]
users:
  ci@pve:
    comment: CI
    tokens:
      deploy:
        lifetime: 90d
        deliver:
          - output: deploy_token
          - github-secret: PROXMOX_DEPLOY_TOKEN
acl:
  - path: /vms
    roles: [Deploy]
    users: [ci@pve]
    tokens: ["ci@pve!deploy"]
  - path: /
    roles: [Deploy]
    tokens: ["ci@pve!deploy"]
  - path: /nodes
    roles: [PVEAuditor]
    users: [ci@pve]
`;

const DAY = 86_400;

describe.each(['9.1.1', '8.4.1'])('end to end: the token inventory (PVE %s)', (version) => {
  let world: World;
  /** The privileges of PVEAuditor on this version: VM.GuestAgent.Audit exists from PVE 9 on. */
  let auditor: string[] = [];
  guardLeaks(() => world, { secretOutputs: ['tokens', 'deploy_token'] });

  beforeAll(async () => {
    world = await createWorld(version);
    const ok = (answer: { status: number }): void => expect(answer.status).toBe(200);
    const now = Math.floor(Date.now() / 1000);
    ok(world.sim.exec('POST', '/access/roles', { roleid: 'Deploy', privs: 'Permissions.Modify,VM.Audit,VM.PowerMgmt' }));
    ok(world.sim.exec('POST', '/access/users', { userid: 'ci@pve', comment: 'CI' }));
    world.sim.createToken('ci@pve', 'deploy', { expire: now + 10 * DAY + 3600 });
    world.sim.createToken('ci@pve', 'by-hand', { privsep: false, expire: now - 2 * DAY - 3600 });
    ok(world.sim.exec('PUT', '/access/acl', { path: '/vms', roles: 'Deploy', users: 'ci@pve', tokens: 'ci@pve!deploy' }));
    ok(world.sim.exec('PUT', '/access/acl', { path: '/', roles: 'Deploy', tokens: 'ci@pve!deploy' }));
    ok(world.sim.exec('PUT', '/access/acl', { path: '/nodes', roles: 'PVEAuditor', users: 'ci@pve' }));
    auditor = Object.keys((world.sim.exec('GET', '/access/roles/PVEAuditor').body as { data: object }).data).sort();
    await world.writeSpec(SPEC);
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('drift sets the audit output: every token, expired first, privileges cut to the owner’s, targets in the spec’s words', async () => {
    const run = await world.run('schedule', scheduleEvent());
    expect(run.exitCode, run.stdout).toBe(0);
    const audit = JSON.parse(run.outputs['audit'] ?? 'null') as TokenInventoryEntry[];
    expect(audit.map((e) => [e.id, e.managed, e.daysLeft])).toEqual([
      ['ci@pve!by-hand', false, -3],
      ['ci@pve!deploy', true, 10],
      [world.actionToken.fullTokenId, false, null],
    ]);
    const [byHand, deploy, action] = audit;
    // Privilege-separated: nothing on /, where its user holds nothing.
    expect(deploy).toMatchObject({
      owner: 'ci@pve',
      privsep: true,
      privileges: { '/vms': ['Permissions.Modify', 'VM.Audit', 'VM.PowerMgmt'] },
      marks: ['Permissions.Modify'],
      targets: ['output deploy_token', `github-secret ${REPO}/PROXMOX_DEPLOY_TOKEN`],
    });
    // Without privilege separation: exactly its user's privileges, in this version's names.
    expect(byHand).toMatchObject({ privsep: false, privileges: { '/nodes': auditor, '/vms': deploy!.privileges['/vms'] }, targets: [] });
    expect(auditor.includes('VM.GuestAgent.Audit')).toBe(version.startsWith('9.'));
    expect(action!.marks).toEqual(['Permissions.Modify', 'Sys.Modify', 'Administrator']);
    for (const secret of secretsOf(world)) expect(run.outputs['audit']).not.toContain(secret);
  });

  it('each token holds, on every path the inventory lists, what PVE answers it about itself', async () => {
    const run = await world.run('schedule', scheduleEvent());
    const audit = JSON.parse(run.outputs['audit'] ?? 'null') as TokenInventoryEntry[];
    let compared = 0;
    for (const entry of audit) {
      // PVE refuses an expired token, so root asks about it; the others ask about themselves.
      const expired = entry.daysLeft !== null && entry.daysLeft < 0;
      const answer = expired
        ? world.sim.exec('GET', '/access/permissions', { userid: entry.id })
        : world.sim.exec('GET', '/access/permissions', {}, entry.id);
      expect(answer.status, entry.id).toBe(200);
      const held = (answer.body as { data: Record<string, Record<string, number>> }).data;
      for (const [path, names] of Object.entries(entry.privileges)) {
        expect(names, `${entry.id} on ${path}`).toEqual(Object.keys(held[path] ?? {}).sort());
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(4);
  });

  it('drift shows the inventory in the job summary and the drift issue', async () => {
    const run = await world.run('schedule', scheduleEvent());
    const issue = world.store.issuesOf(REPO).find((i) => !i.isPullRequest);
    for (const text of [run.summary, issue?.body ?? '']) {
      expect(text).toContain('#### 🔐 Token inventory (3)');
      const row = (id: string): string => text.split('\n').find((line) => line.startsWith(`| \`${id}\``)) ?? '';
      expect(row('ci@pve!by-hand')).toMatch(/🏷️ not in the spec.*\| ⛔ \*\*expired\*\* \d{4}-\d\d-\d\d \| no \|/);
      expect(row('ci@pve!deploy')).toMatch(/⚠️ Permissions\.Modify \| ⏳ \*\*\d{4}-\d\d-\d\d\*\* \(in 10 days\) \| yes \|/);
      expect(row(world.actionToken.fullTokenId)).toContain('`/`: **all privileges**');
    }
  });

  it('plan sets the audit output too', async () => {
    world.store.addPull(REPO, { number: 5, headSha: 'd4'.repeat(20) });
    const run = await world.run('pull_request', pullRequestEvent(5, 'd4'.repeat(20)));
    expect(run.exitCode, run.stdout).toBe(0);
    const audit = JSON.parse(run.outputs['audit'] ?? 'null') as TokenInventoryEntry[];
    expect(audit.map((e) => e.id)).toEqual(['ci@pve!by-hand', 'ci@pve!deploy', world.actionToken.fullTokenId]);
  });
});
