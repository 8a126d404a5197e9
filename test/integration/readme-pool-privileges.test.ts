/**
 * The two privileges the README adds for specs with pools: with the quickstart's role plus
 * exactly those, an apply that creates, changes, moves into, empties and prunes pools converges;
 * without `Pool.Allocate` it fails on a 403, and without `Pool.Audit` the plan cannot see the
 * pools that exist (PVE filters the list), which is why the README asks for it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanJson } from '../../src/render/json.js';
import { startPveSimulator, type PveSimulator } from '../fakes/pve/index.js';
import { README_PRIVILEGES, actionIdentity, readmePrivileges } from './readme-privileges-world.js';
import { cli, cliEnv } from './cli-terminal.js';

const QUICKSTART = README_PRIVILEGES;
const FOR_POOLS = readmePrivileges(/pveum role modify ProxmoxAccess --append 1 --privs "([^"]+)"/);

const SPEC = `version: 1
pools:
  prod:
    allow-move: true
    members: { vms: [100, 200], storage: [local] }
  prod/web: { comment: web }
  kept: { comment: new }
prune:
  pools: ["old*"]
`;

function seed(sim: PveSimulator): void {
  const ok = (method: string, apiPath: string, params: Record<string, unknown>): void => {
    const { status, body } = sim.exec(method, apiPath, params);
    if (status !== 200) throw new Error(`${method} ${apiPath}: ${status} ${JSON.stringify(body)}`);
  };
  ok('POST', '/pools', { poolid: 'old' });
  ok('PUT', '/pools', { poolid: 'old', vms: '101', storage: 'local-lvm' });
  ok('POST', '/pools', { poolid: 'dev' });
  ok('PUT', '/pools', { poolid: 'dev', vms: '100' });
  ok('POST', '/pools', { poolid: 'kept', comment: 'old' });
}

describe('the privileges README adds for pools', () => {
  let sim: PveSimulator;
  let dir: string;
  let spec: string;
  beforeEach(async () => {
    sim = await startPveSimulator();
    seed(sim);
    dir = await mkdtemp(path.join(tmpdir(), 'proxmox-access-pool-privileges-'));
    spec = path.join(dir, 'spec.yml');
    await writeFile(spec, SPEC, 'utf8');
  });
  afterEach(async () => {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('are named in the README', () => {
    expect(QUICKSTART.length).toBeGreaterThan(0);
    expect(FOR_POOLS.sort()).toEqual(['Pool.Allocate', 'Pool.Audit']);
  });

  it('are enough, with the quickstart role, to create, change, move into, empty and prune pools', async () => {
    const env = cliEnv(sim, actionIdentity(sim, [...QUICKSTART, ...FOR_POOLS]));
    const applied = await cli(['apply', '--yes', '--spec', spec], { env, dir });
    expect(applied.code, applied.err).toBe(0);
    expect(applied.out).toContain('- pool:old');
    const again = JSON.parse((await cli(['plan', '--json', '--spec', spec], { env, dir })).out) as PlanJson;
    expect(again.hasChanges).toBe(false);
    const listed = (sim.exec('GET', '/pools').body as { data: { poolid: string }[] }).data.map((p) => p.poolid);
    expect(listed).toEqual(['dev', 'kept', 'prod', 'prod/web']);
  });

  it('without Pool.Allocate the apply fails on a 403', async () => {
    const env = cliEnv(sim, actionIdentity(sim, [...QUICKSTART, 'Pool.Audit']));
    const applied = await cli(['apply', '--yes', '--spec', spec], { env, dir });
    expect(applied.code).toBe(1);
    expect(applied.err).toMatch(/403 Permission check failed \(\/pool\/[^,]+, Pool\.Allocate\)/);
  });

  it('without Pool.Audit the plan does not see the pools that exist', async () => {
    const env = cliEnv(sim, actionIdentity(sim, [...QUICKSTART, 'Pool.Allocate']));
    const plan = JSON.parse((await cli(['plan', '--json', '--spec', spec], { env, dir })).out) as PlanJson;
    const kept = plan.changes.find((c) => c.address === 'pool:kept');
    expect(kept?.action).toBe('create');
  });
});
