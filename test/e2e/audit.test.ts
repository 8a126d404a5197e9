/**
 * The token inventory from dist/index.js as the runner runs it: the nightly drift run sets the
 * `audit` output and shows the "Token inventory" section in the job summary and the drift issue;
 * a plan run sets the output too. None of it holds a token secret.
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
`;

const DAY = 86_400;

describe('end to end: the token inventory', () => {
  let world: World;
  guardLeaks(() => world, { secretOutputs: ['tokens', 'deploy_token'] });

  beforeAll(async () => {
    world = await createWorld('9.1.1');
    const ok = (answer: { status: number }): void => expect(answer.status).toBe(200);
    const now = Math.floor(Date.now() / 1000);
    ok(world.sim.exec('POST', '/access/roles', { roleid: 'Deploy', privs: 'Permissions.Modify,VM.Audit,VM.PowerMgmt' }));
    ok(world.sim.exec('POST', '/access/users', { userid: 'ci@pve', comment: 'CI' }));
    world.sim.createToken('ci@pve', 'deploy', { expire: now + 10 * DAY + 3600 });
    world.sim.createToken('ci@pve', 'by-hand', { privsep: false, expire: now - 2 * DAY - 3600 });
    ok(world.sim.exec('PUT', '/access/acl', { path: '/vms', roles: 'Deploy', users: 'ci@pve', tokens: 'ci@pve!deploy' }));
    ok(world.sim.exec('PUT', '/access/acl', { path: '/', roles: 'Deploy', tokens: 'ci@pve!deploy' }));
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
    expect(byHand).toMatchObject({ privsep: false, privileges: deploy!.privileges, targets: [] });
    expect(action!.marks).toEqual(['Permissions.Modify', 'Sys.Modify', 'Administrator']);
    for (const secret of secretsOf(world)) expect(run.outputs['audit']).not.toContain(secret);
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
