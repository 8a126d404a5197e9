/**
 * Verified secrets from dist/index.js as the runner runs it, on PVE 9.1 (rotation by regenerate)
 * and 8.4 (by delete and re-create): each new or rotated secret is tried once as its token and
 * the job summary says what it holds; a secret that stops authenticating, or one whose grant was
 * removed by hand before the check, is revoked with its token, the job fails, and the next apply
 * converges with no orphan token. No secret shows anywhere but in its mask and its outputs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushEvent } from '../harness/events.js';
import { guardLeaks } from '../harness/leaks.js';
import { authenticates } from '../harness/pve-login.js';
import { countingPveRequests } from '../harness/pve-requests.js';
import type { ActionResult } from '../harness/spawned.js';
import { REPO, createWorld, type World } from '../harness/world.js';

const TOKEN = 'ci@pve!deploy';
const TOKEN_PATH = '/api2/json/access/users/ci@pve/token/deploy';
const PERMISSIONS = '/access/permissions';

const SPEC = `version: 1
users:
  ci@pve:
    comment: CI
    tokens:
      deploy:
        deliver:
          - output: deploy_token
          - github-secret: PROXMOX_DEPLOY_TOKEN
acl:
  - path: /vms
    roles: [PVEVMUser]
    users: [ci@pve]
    tokens: ["${TOKEN}"]
  - path: /storage
    roles: [PVEDatastoreUser]
    users: [ci@pve]
`;

const MANUAL_APPLY = { 'require-approved-plan': 'false' };

describe.each([
  ['9.1.1', 'regenerate'],
  ['8.4.1', 'recreate'],
])('end to end: verified secrets (PVE %s, rotation by %s)', (version, method) => {
  let world: World;
  let runs = 0;
  guardLeaks(() => world, { secretOutputs: ['tokens', 'deploy_token'] });

  const apply = async (inputs: Record<string, string> = {}): Promise<{ run: ActionResult; checks: number[] }> => {
    const sha = (runs += 1).toString(16).padStart(2, '0').repeat(20);
    const { result, counts } = await countingPveRequests(world.sim, () =>
      world.run('push', pushEvent(sha, 'Apply'), { sha, inputs: { ...MANUAL_APPLY, ...inputs } }),
    );
    expect(counts.total).toBeGreaterThan(0);
    const checks = world.sim.requests.filter((r) => r.method === 'GET' && r.path === PERMISSIONS).map((r) => r.status);
    return { run: result, checks };
  };
  const tokens = (): string[] =>
    (world.sim.exec('GET', '/access/users/ci@pve/token').body as { data: { tokenid: string }[] | null }).data?.map((t) => t.tokenid) ?? [];
  const secretIn = (run: ActionResult): string => (JSON.parse(run.outputs['tokens']!) as Record<string, { secret: string }>)[TOKEN]!.secret;
  const privileges = (role: string): number =>
    Object.keys((world.sim.exec('GET', `/access/roles/${role}`).body as { data: object }).data).length;

  beforeAll(async () => {
    world = await createWorld(version);
    await world.writeSpec(SPEC);
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('a new token: its secret is tried once, and the summary says it holds what was planned', async () => {
    const { run, checks } = await apply();
    expect(run.exitCode, run.stdout).toBe(0);
    expect(checks).toEqual([200]);
    // Privilege-separated: PVEVMUser on /vms, which its user holds there too; nothing on /storage.
    expect(run.summary).toContain(`✅ verified: holds the ${privileges('PVEVMUser')} planned privileges on 1 path`);
    expect(run.stdout).toMatch(new RegExp(`verified the secret of ci@pve!deploy: holds the \\d+ planned privileges on 1 path`));
    expect(await authenticates(world, TOKEN, secretIn(run))).toBe(true);
  });

  it(`a rotated token (${method}): the new secret is verified once its grants are back`, async () => {
    const { run, checks } = await apply({ rotate: 'all' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toContain(`rotate token ${TOKEN} (${method})`);
    expect(checks).toEqual([200]);
    expect(run.summary).toContain('✅ verified: holds the');
  });

  it('a secret replaced before the check is refused: the token is deleted, the job fails, and the next apply converges', async () => {
    world.sim.inject({
      method: 'GET',
      path: PERMISSIONS,
      kind: 'meanwhile',
      // Someone makes the delivered secret worthless: a new secret (9.1) or the token deleted and made again (8.4).
      meanwhile: (exec) => {
        if (version.startsWith('9.')) exec('PUT', TOKEN_PATH, { regenerate: 1 });
        else {
          exec('DELETE', TOKEN_PATH);
          exec('POST', TOKEN_PATH, {});
        }
      },
    });
    const { run, checks } = await apply({ rotate: 'all' });
    expect(run.exitCode).toBe(1);
    expect(checks).toEqual([401]);
    expect(tokens()).toEqual([]);
    expect(run.summary).toContain('❌ failed, revoked: PVE did not accept it');
    expect(run.summary).toMatch(/dead secret/);
    expect(run.stdout).toMatch(/::error::.*rotated but its new secret failed its verification/);

    const { run: rerun, checks: again } = await apply();
    expect(rerun.exitCode, rerun.stdout).toBe(0);
    expect(again).toEqual([200]);
    expect(tokens()).toEqual(['deploy']);
    expect(world.secrets.secretValue(REPO, 'PROXMOX_DEPLOY_TOKEN')).toBe(`${TOKEN}=${secretIn(rerun)}`);
    expect(await authenticates(world, TOKEN, secretIn(rerun))).toBe(true);
  });

  it('a grant removed by hand before the check: revoked, the difference named, and the next apply converges', async () => {
    world.sim.inject({
      method: 'GET',
      path: PERMISSIONS,
      kind: 'meanwhile',
      meanwhile: (exec) => void exec('PUT', '/api2/json/access/acl', { path: '/vms', roles: 'PVEVMUser', tokens: TOKEN, delete: 1 }),
    });
    const { run } = await apply({ rotate: 'all' });
    expect(run.exitCode).toBe(1);
    expect(run.summary).toMatch(/holds other privileges than planned: \/vms: lacks .*VM\.Audit/);
    expect(tokens()).toEqual([]);
    const { run: rerun } = await apply();
    expect(rerun.exitCode, rerun.stdout).toBe(0);
    expect(rerun.outputs['applied']).toBe('2');
    const { run: quiet, checks } = await apply();
    expect(quiet.outputs['has-changes']).toBe('false');
    expect(checks).toEqual([]);
  });
});
