/**
 * Mode `rotate` beside the rest of the workflow, from dist/index.js: on PVE 8.4 (no regenerate)
 * the due token is deleted, created again and every ACL entry it had is granted again, including
 * one the spec does not declare (drift stays drift); and a plan reviewed on a pull request before
 * the nightly rotation still applies on merge after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullRequestEvent, pushEvent, scheduleEvent } from '../harness/events.js';
import { guardLeaks } from '../harness/leaks.js';
import { authenticates } from '../harness/pve-login.js';
import { countingPveRequests } from '../harness/pve-requests.js';
import { REPO, createWorld, type World } from '../harness/world.js';

const TOKEN = 'backup@pve!nightly';
const TOKEN_PATH = '/access/users/backup@pve/token/nightly';

const SPEC = `version: 1
users:
  backup@pve:
    comment: Nightly backups
    tokens:
      nightly:
        comment: backup job
        lifetime: 30d
        deliver:
          - github-secret: PROXMOX_BACKUP_TOKEN
acl:
  - path: /vms
    roles: [PVEDatastoreUser, PVEVMUser]
    tokens: ["${TOKEN}"]
  - path: /storage
    roles: [PVEDatastoreUser]
    tokens: ["${TOKEN}"]
`;

const data = (answer: { status: number; body: unknown }): any => {
  expect(answer.status).toBe(200);
  return (answer.body as { data: unknown }).data;
};

interface AclRow {
  path: string;
  ugid: string;
  roleid: string;
  propagate: number;
}

async function setUp(version: string): Promise<World> {
  const world = await createWorld(version);
  await world.writeSpec(SPEC);
  const apply = await world.run('push', pushEvent('b0'.repeat(20), 'Add the backup token'), {
    sha: 'b0'.repeat(20),
    inputs: { 'require-approved-plan': 'false' },
  });
  expect(apply.exitCode, apply.stdout).toBe(0);
  return world;
}

const makeDue = (world: World): void => void data(world.sim.exec('PUT', TOKEN_PATH, { expire: Math.floor(Date.now() / 1000) + 86_400 }));
const sealedSecret = (world: World): string => world.secrets.secretValue(REPO, 'PROXMOX_BACKUP_TOKEN')!.split('=')[1]!;

describe('end to end: rotate mode on PVE 8.4 re-creates the token and re-grants its ACLs', () => {
  let world: World;
  guardLeaks(() => world, { secretOutputs: ['tokens'] });
  const tokenAcl = (): string[] =>
    (data(world.sim.exec('GET', '/access/acl')) as AclRow[])
      .filter((e) => e.ugid === TOKEN)
      .map((e) => `${e.path} ${e.roleid} ${e.propagate}`)
      .sort();

  beforeAll(async () => {
    world = await setUp('8.4.1');
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('rotates the due token by delete, create and re-grant, keeping an undeclared entry as drift', async () => {
    const old = sealedSecret(world);
    makeDue(world);
    data(world.sim.exec('PUT', '/access/acl', { path: '/sdn', roles: 'PVEAuditor', tokens: TOKEN, propagate: 0 }));
    const before = tokenAcl();
    expect(before).toEqual(['/sdn PVEAuditor 0', '/storage PVEDatastoreUser 1', '/vms PVEDatastoreUser 1', '/vms PVEVMUser 1']);

    const { result: run, counts } = await countingPveRequests(world.sim, () =>
      world.run('schedule', scheduleEvent(), { inputs: { mode: 'rotate' } }),
    );
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs['applied']).toBe('1');
    expect(counts.written.slice(0, 2)).toEqual([`DELETE ${TOKEN_PATH}`, `POST ${TOKEN_PATH}`]);
    expect(counts.written.slice(2).every((w) => w === 'PUT /access/acl')).toBe(true);
    expect(tokenAcl()).toEqual(before);
    const fresh = sealedSecret(world);
    expect(fresh).not.toBe(old);
    expect(await authenticates(world, TOKEN, fresh)).toBe(true);
    expect(await authenticates(world, TOKEN, old)).toBe(401);
    expect(run.summary).toContain('Settled');
    expect(run.outputs['drift']).toBe('true');

    const again = await world.run('schedule', scheduleEvent(), { inputs: { mode: 'rotate' } });
    expect(again.exitCode, again.stdout).toBe(0);
    expect(again.outputs['applied']).toBe('0');
    expect(sealedSecret(world)).toBe(fresh);
  });
});

describe('end to end: a plan reviewed before the nightly rotation still applies after it', () => {
  let world: World;
  guardLeaks(() => world, { secretOutputs: ['tokens'] });

  beforeAll(async () => {
    world = await setUp('9.1.1');
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('plan comment on the PR → nightly rotate → merge: the apply matches the reviewed digest', async () => {
    makeDue(world);
    await world.writeSpec(`${SPEC}groups:\n  operators: { comment: Operators }\n`);
    world.store.addPull(REPO, { number: 7, headSha: 'b1'.repeat(20) });
    const plan = await world.run('pull_request', pullRequestEvent(7, 'b1'.repeat(20)));
    expect(plan.exitCode, plan.stdout).toBe(0);
    expect(plan.outputs['summary']).toBe('1 to create, 0 to update, 0 to delete, 1 to rotate');
    const reviewed = plan.outputs['plan-digest'];

    const rotate = await world.run('schedule', scheduleEvent(), { inputs: { mode: 'rotate' } });
    expect(rotate.exitCode, rotate.stdout).toBe(0);
    expect(rotate.outputs['applied']).toBe('1');
    const rotated = sealedSecret(world);

    const pull = world.store.pull(REPO, 7)!;
    pull.mergedAt = new Date().toISOString();
    pull.mergeCommitSha = 'b2'.repeat(20);
    const { result: apply, counts } = await countingPveRequests(world.sim, () =>
      world.run('push', pushEvent('b2'.repeat(20), 'Add operators (#7)'), { sha: 'b2'.repeat(20) }),
    );
    expect(apply.exitCode, apply.stdout).toBe(0);
    expect(apply.outputs['plan-digest']).toBe(reviewed);
    expect(apply.stdout).toContain('matches the plan reviewed on #7');
    // The group the review approved; no second rotation, the token is no longer due.
    expect(counts.written).toEqual(['POST /access/groups']);
    expect(sealedSecret(world)).toBe(rotated);
    expect(await authenticates(world, TOKEN, rotated)).toBe(true);
  });
});
