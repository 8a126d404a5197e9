/**
 * Mode `rotate`, from dist/index.js as the nightly schedule runs it: only the tokens that are due
 * get a new secret (sealed into the GitHub fake, and it authenticates); a hand-edited role, an
 * extra ACL entry and a user comment stay as they are and are reported by the drift run that
 * follows; a second run finds nothing due; a broken spec changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushEvent, scheduleEvent } from '../harness/events.js';
import { expectMaskedFirst, guardLeaks } from '../harness/leaks.js';
import { authenticates as tokenAuthenticates } from '../harness/pve-login.js';
import { countingPveRequests } from '../harness/pve-requests.js';
import type { ActionResult } from '../harness/spawned.js';
import { REPO, createWorld, type World } from '../harness/world.js';

const DEPLOY = 'ci@pve!deploy';
const BACKUP = 'ci@pve!backup';

const SPEC = `version: 1
roles:
  Deployer:
    privileges: [VM.Audit, VM.PowerMgmt]
users:
  ci@pve:
    comment: CI robot
    tokens:
      deploy:
        comment: deploys
        lifetime: 30d
        deliver:
          - github-secret: PVE_DEPLOY_TOKEN
      backup:
        lifetime: 30d
        deliver:
          - github-secret: PVE_BACKUP_TOKEN
acl:
  - path: /vms
    roles: [Deployer]
    tokens: ["${DEPLOY}", "${BACKUP}"]
`;

const ROTATE = { mode: 'rotate' };
const SECRET_OUTPUTS = ['tokens'];

const data = (answer: { status: number; body: unknown }): any => {
  expect(answer.status).toBe(200);
  return (answer.body as { data: unknown }).data;
};

const secretOf = (result: ActionResult, fullid: string): string | undefined =>
  (JSON.parse(result.outputs['tokens'] ?? '{}') as Record<string, { secret: string }>)[fullid]?.secret;

describe('end to end: the nightly rotate mode (PVE 9.1, regenerate)', () => {
  let world: World;
  guardLeaks(() => world, { secretOutputs: SECRET_OUTPUTS });
  const now = (): number => Math.floor(Date.now() / 1000);
  const sealed = (name: string): string | undefined => world.secrets.secretValue(REPO, name);
  const secretIn = (name: string): string => sealed(name)!.split('=')[1]!;
  const authenticates = (fullid: string, secret: string): Promise<true | number> => tokenAuthenticates(world, fullid, secret);
  const makeDue = (tokenid: string): void =>
    void data(world.sim.exec('PUT', `/access/users/ci@pve/token/${tokenid}`, { expire: now() + 2 * 86_400 }));
  const handEdits = (): unknown => ({
    role: data(world.sim.exec('GET', '/access/roles/Deployer')) as Record<string, unknown>,
    comment: (data(world.sim.exec('GET', '/access/users/ci@pve')) as { comment: string }).comment,
    storageAcl: (data(world.sim.exec('GET', '/access/acl')) as { path: string; ugid: string }[]).filter((e) => e.path === '/storage'),
  });
  const driftIssues = () => world.store.issues.filter((i) => i.labels.includes('proxmox-drift'));

  beforeAll(async () => {
    world = await createWorld('9.1.1');
    await world.writeSpec(SPEC);
    const apply = await world.run('push', pushEvent('c0'.repeat(20), 'Add CI tokens'), {
      sha: 'c0'.repeat(20),
      inputs: { 'require-approved-plan': 'false' },
    });
    expect(apply.exitCode, apply.stdout).toBe(0);
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('rotates only the due token on a schedule and leaves the other drift untouched', async () => {
    const oldDeploy = secretIn('PVE_DEPLOY_TOKEN');
    const oldBackup = secretIn('PVE_BACKUP_TOKEN');
    makeDue('deploy');
    data(world.sim.exec('PUT', '/access/roles/Deployer', { privs: 'VM.Audit' }));
    data(world.sim.exec('PUT', '/access/acl', { path: '/storage', roles: 'PVEAuditor', users: 'ci@pve' }));
    data(world.sim.exec('PUT', '/access/users/ci@pve', { comment: 'edited by hand' }));
    const drifted = handEdits();

    const { result: run, counts } = await countingPveRequests(world.sim, () => world.run('schedule', scheduleEvent(), { inputs: ROTATE }));
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs['mode']).toBe('rotate');
    expect(run.outputs['applied']).toBe('1');
    expect(run.outputs['summary']).toBe('0 to create, 0 to update, 0 to delete, 1 to rotate');
    expect(run.outputs['drift']).toBe('true');
    // One regenerate, nothing else; seven reads to plan, the new secret tried once as the token,
    // seven reads to check the result.
    expect(counts).toMatchObject({ reads: 15, writes: 1, written: ['PUT /access/users/ci@pve/token/deploy'] });
    const newDeploy = secretOf(run, DEPLOY)!;
    expect(Object.keys(JSON.parse(run.outputs['tokens']!) as object)).toEqual([DEPLOY]);
    expectMaskedFirst(run, newDeploy);
    expect(sealed('PVE_DEPLOY_TOKEN')).toBe(`${DEPLOY}=${newDeploy}`);
    expect(await authenticates(DEPLOY, newDeploy)).toBe(true);
    expect(await authenticates(DEPLOY, oldDeploy)).toBe(401);
    expect(secretIn('PVE_BACKUP_TOKEN')).toBe(oldBackup);
    expect(await authenticates(BACKUP, oldBackup)).toBe(true);
    expect(handEdits()).toEqual(drifted);
    const token = data(world.sim.exec('GET', '/access/users/ci@pve/token/deploy')) as { expire: number; comment: string };
    expect(token.expire).toBeGreaterThan(now() + 29 * 86_400);
    expect(token.comment).toBe('deploys');

    expect(run.summary).toContain('🔄 Rotated by the schedule');
    expect(run.summary).toContain('secret verified: holds the');
    expect(run.summary).toContain(DEPLOY);
    expect(run.summary).toMatch(/3 other drift items left untouched/);
    // The drift it left is in the issue, and the rotation is told there too.
    const [issue] = driftIssues();
    expect(issue?.state).toBe('open');
    expect(issue?.body).toContain('Deployer');
    expect(issue?.body).not.toContain('Expiring soon');
    const comments = world.store.commentsOn(REPO, issue!.number).map((c) => c.body);
    expect(comments.some((c) => c.includes('🔄 Rotated by the schedule') && c.includes(DEPLOY))).toBe(true);
  });

  it('is followed by a drift run that reports the untouched drift and finds the issue current', async () => {
    const [issue] = driftIssues();
    const commentsBefore = world.store.commentsOn(REPO, issue!.number).length;
    const drift = await world.run('schedule', scheduleEvent());
    expect(drift.exitCode, drift.stdout).toBe(0);
    expect(drift.outputs['mode']).toBe('drift');
    expect(drift.outputs['drift']).toBe('true');
    expect(drift.summary).toContain('Deployer');
    expect(drift.summary).toContain('edited by hand');
    expect(drift.summary).toContain('/storage');
    expect(drift.summary).not.toContain('Expiring soon');
    expect(driftIssues()).toHaveLength(1);
    expect(world.store.commentsOn(REPO, issue!.number)).toHaveLength(commentsBefore);
  });

  it('rotates nothing on a second run: it re-reads the cluster and finds nothing due', async () => {
    const before = secretIn('PVE_DEPLOY_TOKEN');
    const { result: again, counts } = await countingPveRequests(world.sim, () =>
      world.run('schedule', scheduleEvent(), { inputs: ROTATE }),
    );
    expect(again.exitCode, again.stdout).toBe(0);
    expect(again.outputs['has-changes']).toBe('false');
    expect(again.outputs['applied']).toBe('0');
    expect(again.outputs['tokens']).toBe('{}');
    expect(again.outputs['drift']).toBe('true');
    expect(JSON.parse(again.outputs['audit']!)).toHaveLength(3);
    expect(counts).toMatchObject({ reads: 7, writes: 0 });
    expect(again.summary).toContain('nothing due');
    expect(secretIn('PVE_DEPLOY_TOKEN')).toBe(before);
  });

  it('rotates a token the rotate input names, and only that one', async () => {
    const oldBackup = secretIn('PVE_BACKUP_TOKEN');
    const deploy = secretIn('PVE_DEPLOY_TOKEN');
    const run = await world.run('schedule', scheduleEvent(), { inputs: { ...ROTATE, rotate: BACKUP } });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(Object.keys(JSON.parse(run.outputs['tokens']!) as object)).toEqual([BACKUP]);
    expect(await authenticates(BACKUP, secretIn('PVE_BACKUP_TOKEN'))).toBe(true);
    expect(await authenticates(BACKUP, oldBackup)).toBe(401);
    expect(secretIn('PVE_DEPLOY_TOKEN')).toBe(deploy);
    expect(run.summary).toContain('rotation requested');
  });

  it('restores a deleted GitHub secret by rotating its token', async () => {
    expect(world.secrets.deleteSecret(REPO, 'PVE_BACKUP_TOKEN')).toBe(true);
    const run = await world.run('schedule', scheduleEvent(), { inputs: ROTATE });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(Object.keys(JSON.parse(run.outputs['tokens']!) as object)).toEqual([BACKUP]);
    expect(await authenticates(BACKUP, secretIn('PVE_BACKUP_TOKEN'))).toBe(true);
    expect(run.summary).toContain('a delivery target no longer holds the secret');
  });

  it('writes nothing when a new secret could not be delivered: the targets are checked before the first write', async () => {
    makeDue('deploy');
    const deploy = secretIn('PVE_DEPLOY_TOKEN');
    const { result: run, counts } = await countingPveRequests(world.sim, () =>
      world.run('schedule', scheduleEvent(), { inputs: { ...ROTATE, 'secrets-token': '' } }),
    );
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('PVE_DEPLOY_TOKEN');
    expect(run.stdout).toContain('secrets-token');
    expect(counts.writes).toBe(0);
    expect(secretIn('PVE_DEPLOY_TOKEN')).toBe(deploy);
    expect(await authenticates(DEPLOY, deploy)).toBe(true);
  });

  it('refuses a spec with an error, and changes nothing though a token is due', async () => {
    makeDue('deploy');
    const deploy = secretIn('PVE_DEPLOY_TOKEN');
    await world.writeSpec(`${SPEC}  - path: /storage\n    roles: [NoSuchRole]\n    users: [ci@pve]\n`);
    const { result: refused, counts } = await countingPveRequests(world.sim, () =>
      world.run('schedule', scheduleEvent(), { inputs: ROTATE }),
    );
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toMatch(
      /refusing to rotate: the plan for proxmox-access\.yml has errors, so nothing was changed: .*unknown-role/,
    );
    expect(counts.writes).toBe(0);
    expect(secretIn('PVE_DEPLOY_TOKEN')).toBe(deploy);

    await world.writeSpec(`${SPEC}  - path: [unclosed\n`);
    const { result: broken, counts: brokenCounts } = await countingPveRequests(world.sim, () =>
      world.run('schedule', scheduleEvent(), { inputs: ROTATE }),
    );
    expect(broken.exitCode).toBe(1);
    expect(broken.stdout).toMatch(/proxmox-access\.yml:\d+/);
    expect(brokenCounts.total).toBe(0);
    expect(secretIn('PVE_DEPLOY_TOKEN')).toBe(deploy);
    await world.writeSpec(SPEC);
  });
});
