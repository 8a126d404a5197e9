/**
 * The CLI takes realm secrets from PROXMOX_REALM_SECRETS (the action's `realm-secrets`): the bind
 * password travels only in the request that creates the realm and is printed nowhere; a bad value
 * is refused before anything is read, without quoting it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPveSimulator, type PveSimulator } from '../fakes/pve/index.js';
import { cli, cliEnv } from './cli-terminal.js';

const BIND = 'cli-bind-Secret-0f3a77';
const SPEC = `version: 1
realms:
  ldap1:
    type: ldap
    server1: ldap.example.com
    base-dn: dc=example,dc=com
    user-attr: uid
    bind-dn: cn=pve,dc=example,dc=com
`;

describe('CLI realm secrets', () => {
  let sim: PveSimulator;
  let dir: string;
  let spec: string;
  beforeEach(async () => {
    sim = await startPveSimulator();
    dir = await mkdtemp(path.join(tmpdir(), 'proxmox-access-cli-realms-'));
    spec = path.join(dir, 'spec.yml');
    await writeFile(spec, SPEC, 'utf8');
  });
  afterEach(async () => {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  });
  const env = (realmSecrets: string) => ({
    ...cliEnv(sim, sim.createToken('root@pam', 'cli', { privsep: false })),
    PROXMOX_REALM_SECRETS: realmSecrets,
  });

  it('sends the bind password only with the create, and prints it nowhere', async () => {
    const run = await cli(['apply', '--yes', '--spec', spec], { env: env(JSON.stringify({ ldap1: BIND })), dir });
    expect(run.code, run.err).toBe(0);
    const carrying = sim.requests.filter((r) => r.body.includes(BIND));
    expect(carrying.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /access/domains']);
    expect(`${run.out}\n${run.err}`).not.toContain(BIND);
    const body = new URLSearchParams(sim.requests.find((r) => r.method === 'POST' && r.path === '/access/domains')!.body);
    expect(body.get('password')).toBe(BIND);
  });

  it('refuses a value that is not a JSON object, without quoting it, before reading the cluster', async () => {
    const run = await cli(['plan', '--spec', spec], { env: env(`{"ldap1": "${BIND}"`), dir });
    expect(run.code).toBe(1);
    expect(run.err).toContain('PROXMOX_REALM_SECRETS must be a JSON object of realm id → secret');
    expect(run.err).not.toContain(BIND);
    expect(sim.requests).toEqual([]);
  });
});
