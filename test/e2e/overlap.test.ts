/**
 * Overlapping rotation (`rotation: overlap`) from dist/index.js against the simulator: the new
 * generation is created beside the old token with its ACL entries and delivered under its own id;
 * both secrets work during the overlap, the old token's expiry is set to now + overlap, and once
 * it has passed the simulator refuses it and the next run deletes it. The same on PVE 8.4 (no
 * regenerate) and 9.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushEvent, scheduleEvent } from '../harness/events.js';
import { expectMaskedFirst, expectNoLeaks, guardLeaks } from '../harness/leaks.js';
import { authenticates } from '../harness/pve-login.js';
import { countingPveRequests } from '../harness/pve-requests.js';
import type { ActionResult } from '../harness/spawned.js';
import { REPO, createWorld, type World } from '../harness/world.js';

const USER = 'terraform@pve';
const id = (tokenid: string): string => `${USER}!${tokenid}`;

const spec = (overlap: string): string => `version: 1
users:
  ${USER}:
    tokens:
      ci:
        lifetime: 90d
        rotation: overlap
        overlap: ${overlap}
        deliver:
          - output: ci_token
          - github-secret: PROXMOX_CI_TOKEN
      json:
        rotation: overlap
        format: json
        deliver:
          - github-secret: PROXMOX_JSON_TOKEN
acl:
  - path: /vms
    roles: [PVEVMUser, PVEDatastoreUser]
    tokens: ["${id('ci')}"]
  - path: /storage
    roles: [PVEDatastoreUser]
    propagate: false
    tokens: ["${id('ci')}"]
`;

interface AclRow {
  path: string;
  ugid: string;
  roleid: string;
  propagate: number;
}

for (const version of ['9.1.1', '8.4.1']) {
  describe(`end to end: rotation overlap on PVE ${version}`, () => {
    let world: World;
    guardLeaks(() => world, { secretOutputs: ['tokens', 'ci_token'] });
    const secrets: string[] = [];
    let sha = 0;
    const apply = (inputs: Record<string, string> = {}): Promise<ActionResult> => {
      const commit = (++sha).toString(16).padStart(40, '0');
      return world.run('push', pushEvent(commit, 'Apply'), { sha: commit, inputs: { 'require-approved-plan': 'false', ...inputs } });
    };
    const delivered = (result: ActionResult): Record<string, { id: string; secret: string }> =>
      JSON.parse(result.outputs['tokens'] ?? '{}') as Record<string, { id: string; secret: string }>;
    const aclOf = (ugid: string): string[] =>
      (world.sim.exec('GET', '/access/acl').body as { data: AclRow[] }).data
        .filter((e) => e.ugid === ugid)
        .map((e) => `${e.path} ${e.roleid} ${e.propagate}`)
        .sort();
    const tokens = (): Record<string, number> =>
      Object.fromEntries(
        (world.sim.exec('GET', `/access/users/${USER}/token`).body as { data: { tokenid: string; expire?: number }[] }).data.map((t) => [
          t.tokenid,
          Number(t.expire ?? 0),
        ]),
      );
    const works = (tokenid: string, secret: string): Promise<true | number> => authenticates(world, id(tokenid), secret);

    beforeAll(async () => {
      world = await createWorld(version);
      await world.writeSpec(spec('7d'));
    });
    afterAll(async () => {
      await world?.stop();
    });

    it('creates the declared tokens under their own names first', async () => {
      const result = await apply();
      expect(result.exitCode, result.stdout).toBe(0);
      const out = delivered(result);
      expect(Object.keys(out).sort()).toEqual([id('ci'), id('json')]);
      secrets.push(out[id('ci')]!.secret, out[id('json')]!.secret);
      expect(aclOf(id('ci'))).toEqual(['/storage PVEDatastoreUser 0', '/vms PVEDatastoreUser 1', '/vms PVEVMUser 1']);
    });

    it('rotates into the next generation: its own id, the ACL entries, then the old expiry set to now + 7 days', async () => {
      const [ciOld, jsonOld] = secrets as [string, string];
      const started = Math.floor(Date.now() / 1000);
      const { result, counts } = await countingPveRequests(world.sim, () => apply({ rotate: 'all' }));
      const finished = Math.ceil(Date.now() / 1000);
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.outputs['summary']).toBe('0 to create, 0 to update, 0 to delete, 2 to rotate');
      const out = delivered(result);
      expect(Object.keys(out).sort()).toEqual([id('ci-2'), id('json-2')]);
      const ciNew = out[id('ci-2')]!.secret;
      const jsonNew = out[id('json-2')]!.secret;
      secrets.push(ciNew, jsonNew);
      expectMaskedFirst(result, ciNew);
      // Consumers see the new id in every format that carries one.
      expect(result.outputs['ci_token']).toBe(`${id('ci-2')}=${ciNew}`);
      expect(world.secrets.secretValue(REPO, 'PROXMOX_CI_TOKEN')).toBe(`${id('ci-2')}=${ciNew}`);
      expect(JSON.parse(world.secrets.secretValue(REPO, 'PROXMOX_JSON_TOKEN') ?? '')).toEqual({ id: id('json-2'), secret: jsonNew });

      // One grant per path and propagate flag, between the create and the old token's new expiry.
      const ci = `/access/users/${USER}/token/ci`;
      const json = `/access/users/${USER}/token/json`;
      expect(counts.written.filter((w) => w.includes(`/token/ci`))).toEqual([`POST ${ci}-2`, `PUT ${ci}`]);
      const create = counts.written.indexOf(`POST ${ci}-2`);
      const grants = counts.written.flatMap((w, i) => (w === 'PUT /access/acl' ? [i] : []));
      expect(grants).toHaveLength(2);
      expect(Math.min(...grants)).toBeGreaterThan(create);
      expect(counts.written.indexOf(`PUT ${ci}`)).toBeGreaterThan(Math.max(...grants));
      // The json consumer's token is rotated the same way: a new generation and the old one's expiry, never a regenerate.
      expect(counts.written.filter((w) => w.includes('/token/json'))).toEqual([`POST ${json}-2`, `PUT ${json}`]);
      expect(counts.written.some((w) => w.startsWith('DELETE'))).toBe(false);

      expect(aclOf(id('ci-2'))).toEqual(aclOf(id('ci')));
      const expiries = tokens();
      expect(expiries['ci']).toBeGreaterThanOrEqual(started + 7 * 86_400);
      expect(expiries['ci']).toBeLessThanOrEqual(finished + 7 * 86_400);
      expect(expiries['json']).toBeGreaterThanOrEqual(started + 7 * 86_400);
      expect(expiries['ci-2']).toBeGreaterThanOrEqual(started + 90 * 86_400);
      expect(expiries['json-2']).toBe(0);

      for (const [tokenid, secret] of [
        ['ci', ciOld],
        ['json', jsonOld],
        ['ci-2', ciNew],
        ['json-2', jsonNew],
      ] as const)
        expect(await works(tokenid, secret), tokenid).toBe(true);
    });

    it('is converged during the overlap: nothing to change, the old tokens shown as retiring, no drift', async () => {
      const result = await apply();
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.outputs['has-changes']).toBe('false');
      expect(result.stdout).toContain(`${id('ci')} is a previous generation of ${id('ci-2')}: retiring until`);
      const drift = await world.run('schedule', scheduleEvent());
      expect(drift.exitCode, drift.stdout).toBe(0);
      expect(drift.outputs['drift']).toBe('false');
    });

    it('after a short overlap, the simulator refuses the old generation and the next run deletes it', async () => {
      await world.writeSpec(spec('2s'));
      const rotate = await apply({ rotate: id('ci') });
      expect(rotate.exitCode, rotate.stdout).toBe(0);
      // The shorter overlap also applies to the first generation, still retiring from the last rotation.
      expect(rotate.outputs['summary']).toBe('0 to create, 1 to update, 0 to delete, 1 to rotate');
      const ci3 = delivered(rotate)[id('ci-3')]!.secret;
      secrets.push(ci3);
      const ci2 = secrets[2]!;
      expect(await works('ci-2', ci2)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 3_100));
      expect(await works('ci-2', ci2)).toBe(401);
      expect(await works('ci-3', ci3)).toBe(true);

      const cleanup = await apply();
      expect(cleanup.exitCode, cleanup.stdout).toBe(0);
      expect(cleanup.outputs['summary']).toBe('0 to create, 0 to update, 2 to delete');
      expect(Object.keys(tokens()).sort()).toEqual(['ci-3', 'json', 'json-2']);
      expect(aclOf(id('ci'))).toEqual([]);
      expect(aclOf(id('ci-2'))).toEqual([]);
      expect(aclOf(id('ci-3'))).toEqual(['/storage PVEDatastoreUser 0', '/vms PVEDatastoreUser 1', '/vms PVEVMUser 1']);
      const again = await apply();
      expect(again.outputs['has-changes']).toBe('false');
    });

    it('never lets a secret out', () => {
      expectNoLeaks([...secrets, world.actionToken.value], {
        runs: world.runs,
        secretOutputs: ['tokens', 'ci_token'],
        texts: world.githubTexts(),
      });
    });
  });
}
