/**
 * The README's extra privilege for realms: with the quickstart role plus `Realm.Allocate`, an apply
 * that creates a directory realm with sync defaults (and starts its sync), puts a user in it and
 * prunes another realm converges; without `Realm.Allocate` it fails on the first realm write.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanJson } from '../../src/render/json.js';
import { startPveSimulator, type PveSimulator } from '../fakes/pve/index.js';
import { README_PRIVILEGES, README_TEXT, actionIdentity } from './readme-privileges-world.js';
import { cli, cliEnv } from './cli-terminal.js';

const readme = README_TEXT;

const SPEC = `version: 1
realms:
  ldap1:
    type: ldap
    server1: ldap.example.com
    base-dn: dc=example,dc=com
    user-attr: uid
    sync: { scope: users }
users:
  carol@ldap1: { comment: from the directory }
prune:
  realms: ["old*"]
`;

describe('the privileges README names for realms', () => {
  let sim: PveSimulator;
  let dir: string;
  let spec: string;
  beforeEach(async () => {
    sim = await startPveSimulator();
    const old = sim.exec('POST', '/access/domains', { realm: 'oldad', type: 'ad', server1: 'dc.example.com', domain: 'example.com' });
    expect(old.status).toBe(200);
    dir = await mkdtemp(path.join(tmpdir(), 'proxmox-access-realm-privileges-'));
    spec = path.join(dir, 'spec.yml');
    await writeFile(spec, SPEC, 'utf8');
  });
  afterEach(async () => {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('names Realm.Allocate on /access/realm for realm writes', () => {
    expect(readme).toMatch(/\| create, change, delete realms \| .* \| `Realm\.Allocate` on `\/access\/realm` \|/);
    expect(README_PRIVILEGES).not.toContain('Realm.Allocate');
  });

  it('the quickstart role plus Realm.Allocate creates, syncs and prunes realms', async () => {
    const call = { env: cliEnv(sim, actionIdentity(sim, [...README_PRIVILEGES, 'Realm.Allocate'])), dir };
    const applied = await cli(['apply', '--yes', '--spec', spec], call);
    expect(applied.code, applied.err).toBe(0);
    const syncs = sim.requests.filter((r) => r.method === 'POST' && r.path === '/access/domains/ldap1/sync');
    expect(syncs.map((r) => r.status)).toEqual([200]);
    const again = JSON.parse((await cli(['plan', '--json', '--spec', spec], call)).out) as PlanJson;
    expect(again.hasChanges).toBe(false);
    const realms = (sim.exec('GET', '/access/domains').body as { data: { realm: string }[] }).data.map((r) => r.realm).sort();
    expect(realms).toEqual(['ldap1', 'pam', 'pve']);
  });

  it('without Realm.Allocate the first realm write fails on a 403', async () => {
    const applied = await cli(['apply', '--yes', '--spec', spec], { env: cliEnv(sim, actionIdentity(sim, README_PRIVILEGES)), dir });
    expect(applied.code).toBe(1);
    expect(applied.err).toMatch(/403 Permission check failed \([^)]*Realm\.Allocate/);
  });
});
