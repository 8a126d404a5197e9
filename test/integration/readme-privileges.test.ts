/**
 * The Proxmox privileges the README tells users to grant the action's identity: with exactly the
 * `pveum role add ProxmoxAccess --privs "…"` of the quickstart on `/`, a full apply (create,
 * update, rotate, delete and prune of every kind of object) converges; without any one of them it
 * fails; and `Sys.Audit` alone reads the cluster as completely as root does.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanJson } from '../../src/render/json.js';
import { startPveSimulator, type PveSimulator } from '../fakes/pve/index.js';
import { README_PRIVILEGES, actionIdentity } from './readme-privileges-world.js';
import { cli, cliEnv, type CliCall } from './cli-terminal.js';

/** Touches every endpoint family the action writes to, including deletes through prune. */
const SPEC = `version: 1
roles:
  Deployer: { privileges: [VM.Audit, VM.PowerMgmt] }
  Existing: { privileges: [VM.Audit, Datastore.Audit] }
groups:
  team: { comment: new team }
  kept: { comment: changed comment }
users:
  bot@pve:
    comment: new bot
    groups: [team]
    tokens:
      ci: { comment: CI, deliver: [{ output: bot_token }] }
  alice@pve:
    comment: changed
    groups: [kept, team]
    tokens:
      laptop: { comment: renamed }
acl:
  - { path: /vms, roles: [Deployer], users: [bot@pve], tokens: ["bot@pve!ci"] }
  - { path: /storage, roles: [Existing], groups: [kept] }
prune:
  users: ["old*@pve"]
  roles: ["Old*"]
  groups: ["old*"]
`;

function seed(sim: PveSimulator): void {
  const ok = (method: string, apiPath: string, params: Record<string, unknown>): void => {
    const { status, body } = sim.exec(method, apiPath, params);
    if (status !== 200) throw new Error(`${method} ${apiPath}: ${status} ${JSON.stringify(body)}`);
  };
  ok('POST', '/access/roles', { roleid: 'Existing', privs: 'VM.Audit' });
  ok('POST', '/access/roles', { roleid: 'OldRole', privs: 'VM.Audit' });
  ok('POST', '/access/groups', { groupid: 'kept', comment: 'before' });
  ok('POST', '/access/groups', { groupid: 'oldgroup' });
  ok('POST', '/access/users', { userid: 'alice@pve', comment: 'before', groups: 'kept,oldgroup' });
  sim.createToken('alice@pve', 'laptop', { comment: 'before' });
  sim.createToken('alice@pve', 'stray');
  ok('POST', '/access/users', { userid: 'old1@pve', groups: 'oldgroup' });
  sim.createToken('old1@pve', 'build');
  ok('PUT', '/access/acl', { path: '/vms/100', roles: 'OldRole', users: 'alice@pve', groups: 'oldgroup' });
  ok('PUT', '/access/acl', { path: '/storage', roles: 'PVEAuditor', groups: 'kept' });
}

describe('the privileges README names for the action identity', () => {
  let sim: PveSimulator;
  let dir: string;
  let spec: string;
  beforeEach(async () => {
    sim = await startPveSimulator();
    seed(sim);
    dir = await mkdtemp(path.join(tmpdir(), 'proxmox-access-privileges-'));
    spec = path.join(dir, 'spec.yml');
    await writeFile(spec, SPEC, 'utf8');
  });
  afterEach(async () => {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const applyAs = async (call: CliCall) => {
    const applied = await cli(['apply', '--yes', '--spec', spec], call);
    const again = await cli(['plan', '--json', '--spec', spec], call);
    return { applied, again: JSON.parse(again.out) as PlanJson };
  };

  it('are found in the README quickstart', () => {
    expect(README_PRIVILEGES.length).toBeGreaterThan(0);
  });

  it('are enough for an apply that creates, changes and prunes every kind of object', async () => {
    const { applied, again } = await applyAs({ env: cliEnv(sim, actionIdentity(sim, README_PRIVILEGES)), dir });
    expect(applied.err).not.toContain('error');
    expect(applied.code).toBe(0);
    expect(applied.out).toMatch(/Plan: \d+ to create, \d+ to update, \d+ to delete\./);
    expect(applied.out).toContain('- user:old1@pve');
    expect(applied.out).toContain('- role:OldRole');
    expect(applied.out).toContain('- group:oldgroup');
    expect(again.hasChanges).toBe(false);
  });

  it('are enough for a privilege-separated token granted the role as well', async () => {
    const { applied, again } = await applyAs({ env: cliEnv(sim, actionIdentity(sim, README_PRIVILEGES, true)), dir });
    expect(applied.code).toBe(0);
    expect(again.hasChanges).toBe(false);
  });

  it.each(README_PRIVILEGES)('are all needed: without %s the apply fails on a 403', async (dropped) => {
    const privileges = README_PRIVILEGES.filter((p) => p !== dropped);
    const { applied } = await applyAs({ env: cliEnv(sim, actionIdentity(sim, privileges)), dir });
    expect(applied.code).toBe(1);
    expect(applied.err).toMatch(new RegExp(`403 Permission check failed \\([^)]*${dropped.replace('.', '\\.')}`));
  });

  it('Sys.Audit on / alone reads the cluster as root does', async () => {
    const asRoot = await cli(['plan', '--json', '--spec', spec], {
      env: cliEnv(sim, sim.createToken('root@pam', 'cli', { privsep: false })),
      dir,
    });
    const asAuditor = await cli(['plan', '--json', '--spec', spec], { env: cliEnv(sim, actionIdentity(sim, ['Sys.Audit'])), dir });
    expect(asAuditor.code).toBe(0);
    const addresses = (run: { out: string }): string[] => (JSON.parse(run.out) as PlanJson).changes.map((c) => c.address).sort();
    expect(addresses(asAuditor)).toEqual(addresses(asRoot));
    expect(addresses(asRoot).length).toBeGreaterThan(10);
  });
});
