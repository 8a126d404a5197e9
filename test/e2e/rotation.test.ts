/**
 * Rotation on PVE 8.4, which has no `regenerate`: a manual apply with `rotate: all` deletes and
 * recreates each token, re-grants its ACLs, delivers the new secret, and the old one stops working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushEvent } from '../harness/events.js';
import { expectMaskedFirst, expectNoLeaks, guardLeaks } from '../harness/leaks.js';
import { countingPveRequests } from '../harness/pve-requests.js';
import { authenticates as tokenAuthenticates } from '../harness/pve-login.js';
import type { ActionResult } from '../harness/spawned.js';
import { REPO, createWorld, type World } from '../harness/world.js';

const TOKEN = 'backup@pve!nightly';

const SPEC = `version: 1
users:
  backup@pve:
    comment: Nightly backups
    tokens:
      nightly:
        comment: backup job
        lifetime: 30d
        deliver:
          - output: backup_token
          - github-secret: PROXMOX_BACKUP_TOKEN
acl:
  - path: /vms
    roles: [PVEDatastoreUser, PVEVMUser]
    tokens: ["${TOKEN}"]
  - path: /storage
    roles: [PVEDatastoreUser]
    tokens: ["${TOKEN}"]
`;

const MANUAL_APPLY = { 'require-approved-plan': 'false' };

interface AclRow {
  path: string;
  type: string;
  ugid: string;
  roleid: string;
  propagate: number;
}

describe('end to end: rotation by delete and re-create (PVE 8.4)', () => {
  let world: World;
  guardLeaks(() => world, { secretOutputs: ['tokens', 'backup_token'] });
  const tokenAcl = (): string[] =>
    (world.sim.exec('GET', '/access/acl').body as { data: AclRow[] }).data
      .filter((e) => e.ugid === TOKEN)
      .map((e) => `${e.path} ${e.type} ${e.roleid} ${e.propagate}`)
      .sort();
  const delivered = (result: ActionResult): { id: string; secret: string } =>
    (JSON.parse(result.outputs['tokens']!) as Record<string, { id: string; secret: string }>)[TOKEN]!;
  const authenticates = (secret: string): Promise<true | number> => tokenAuthenticates(world, TOKEN, secret);
  let firstSecret = '';
  let secondSecret = '';
  let aclBefore: string[] = [];

  beforeAll(async () => {
    world = await createWorld('8.4.1');
    await world.writeSpec(SPEC);
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('creates the token and delivers it on a manual apply', async () => {
    const { result: apply, counts } = await countingPveRequests(world.sim, () =>
      world.run('push', pushEvent('a0'.repeat(20), 'Add backup token'), { sha: 'a0'.repeat(20), inputs: MANUAL_APPLY }),
    );
    expect(apply.exitCode, apply.stdout).toBe(0);
    // Seven reads (the access lists, the realm list and the pool list), the writes, the new secret
    // tried once as the token, seven reads again to verify the cluster converged.
    expect(counts).toEqual({
      total: 19,
      reads: 15,
      writes: 4,
      written: ['POST /access/users', 'POST /access/users/backup@pve/token/nightly', 'PUT /access/acl', 'PUT /access/acl'],
    });
    expect(apply.outputs['mode']).toBe('apply');
    firstSecret = delivered(apply).secret;
    expect(world.secrets.secretValue(REPO, 'PROXMOX_BACKUP_TOKEN')).toBe(`${TOKEN}=${firstSecret}`);
    expect(await authenticates(firstSecret)).toBe(true);
    aclBefore = tokenAcl();
    expect(aclBefore).toEqual(['/storage token PVEDatastoreUser 1', '/vms token PVEDatastoreUser 1', '/vms token PVEVMUser 1']);
  });

  it('rotates with rotate: all by re-creating the token, keeping its ACLs', async () => {
    const { result: rotate, counts } = await countingPveRequests(world.sim, () =>
      world.run('push', pushEvent('a1'.repeat(20), 'Rotate'), { sha: 'a1'.repeat(20), inputs: { ...MANUAL_APPLY, rotate: 'all' } }),
    );
    expect(rotate.exitCode, rotate.stdout).toBe(0);
    expect(counts).toMatchObject({ total: 19, reads: 15, writes: 4 });
    expect(rotate.summary).toContain('✅ verified: holds the');
    expect(rotate.outputs['summary']).toBe('0 to create, 0 to update, 0 to delete, 1 to rotate');
    secondSecret = delivered(rotate).secret;
    expect(secondSecret).not.toBe(firstSecret);
    expectMaskedFirst(rotate, secondSecret);
    expect(rotate.outputs['backup_token']).toBe(`${TOKEN}=${secondSecret}`);
    expect(world.secrets.secretValue(REPO, 'PROXMOX_BACKUP_TOKEN')).toBe(`${TOKEN}=${secondSecret}`);

    // The recreate path: no regenerate on 8.4; delete, create, then the ACLs granted again.
    const tokenPath = '/access/users/backup@pve/token/nightly';
    expect(counts.written.filter((w) => w.includes('regenerate'))).toEqual([]);
    const del = counts.written.indexOf(`DELETE ${tokenPath}`);
    const create = counts.written.indexOf(`POST ${tokenPath}`);
    const grant = counts.written.findIndex((w) => w.startsWith('PUT /access/acl'));
    expect(del).toBeGreaterThanOrEqual(0);
    expect(create).toBeGreaterThan(del);
    expect(grant).toBeGreaterThan(create);
    // One PUT per path: /vms carries both roles, /storage its one.
    expect(counts.written.filter((w) => w.startsWith('PUT /access/acl'))).toHaveLength(2);

    expect(await authenticates(firstSecret)).toBe(401);
    expect(await authenticates(secondSecret)).toBe(true);
    expect(tokenAcl()).toEqual(aclBefore);
  });

  it('is converged afterwards: the next manual apply has nothing to do', async () => {
    const { result: again, counts } = await countingPveRequests(world.sim, () =>
      world.run('push', pushEvent('a2'.repeat(20), 'Nothing'), { sha: 'a2'.repeat(20), inputs: MANUAL_APPLY }),
    );
    expect(again.exitCode, again.stdout).toBe(0);
    expect(again.outputs['has-changes']).toBe('false');
    expect(again.outputs['tokens']).toBe('{}');
    expect(counts).toMatchObject({ total: 7, reads: 7, writes: 0 });
    expect(await authenticates(secondSecret)).toBe(true);
  });

  it('never lets either secret out', () => {
    expectNoLeaks([firstSecret, secondSecret, world.actionToken.value], {
      runs: world.runs,
      secretOutputs: ['tokens', 'backup_token'],
      texts: world.githubTexts(),
    });
  });
});
