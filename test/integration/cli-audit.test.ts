/**
 * The command line against the simulator on both PVE lines: `apply` verifies each new secret as
 * the action does and says so, and `drift --audit` prints the token inventory as JSON, each
 * token's privileges as PVE answers that token about itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TokenInventoryEntry } from '../../src/plan/token-inventory.js';
import { startPveSimulator, type PveSimulator } from '../fakes/pve/index.js';
import { cli, cliEnv, scratchDirPerTest, type CliCall } from './cli-terminal.js';

const SPEC = `version: 1
users:
  audit-bot@pve:
    comment: audited
    tokens:
      ci:
        deliver:
          - output: ci_token
acl:
  - path: /vms
    roles: [PVEAuditor]
    users: [audit-bot@pve]
    tokens: ["audit-bot@pve!ci"]
  - path: /storage
    roles: [PVEDatastoreUser]
    tokens: ["audit-bot@pve!ci"]
`;

const scratch = scratchDirPerTest('proxmox-access-cli-audit-');

describe.each(['8.4.1', '9.1.1'])('cli on PVE %s', (version) => {
  let sim: PveSimulator | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  async function setup(): Promise<{ call: CliCall; spec: string }> {
    sim = await startPveSimulator({ version });
    const call = { env: cliEnv(sim, sim.createToken('root@pam', 'cli', { privsep: false })), dir: scratch.path };
    return { call, spec: await scratch.specFile('spec.yml', SPEC) };
  }

  it('apply verifies the new secret; drift --audit prints every token with what PVE says it holds', async () => {
    const { call, spec } = await setup();
    const apply = await cli(['apply', '--yes', spec], call);
    expect(apply.code, apply.err).toBe(0);
    // Privilege-separated: on /storage its user holds nothing, so neither does it.
    expect(apply.out).toMatch(/audit-bot@pve!ci → output ci_token \(verified: holds the \d+ planned privileges on 1 path\)/);

    const run = await cli(['drift', '--audit', spec], call);
    expect(run.code, run.err).toBe(0);
    const audit = JSON.parse(run.out) as TokenInventoryEntry[];
    expect(audit.map((e) => [e.id, e.managed])).toEqual([
      ['audit-bot@pve!ci', true],
      ['root@pam!cli', false],
    ]);
    const auditor = Object.keys((sim!.exec('GET', '/access/roles/PVEAuditor').body as { data: object }).data).sort();
    expect(audit[0]).toMatchObject({
      owner: 'audit-bot@pve',
      privsep: true,
      privileges: { '/vms': auditor },
      targets: ['output ci_token'],
    });
    expect(auditor.includes('VM.GuestAgent.Audit')).toBe(version.startsWith('9.'));
    for (const entry of audit) {
      const held = (sim!.exec('GET', '/access/permissions', {}, entry.id).body as { data: Record<string, Record<string, number>> }).data;
      for (const [path, names] of Object.entries(entry.privileges))
        expect(names, `${entry.id} ${path}`).toEqual(Object.keys(held[path] ?? {}).sort());
    }
  });

  it('drift --audit keeps the exit code of drift; --audit with --json, or on plan, is refused', async () => {
    const { call, spec } = await setup();
    expect((await cli(['apply', '--yes', spec], call)).code).toBe(0);
    sim!.createToken('audit-bot@pve', 'handmade');
    const drifted = await cli(['drift', '--audit', spec], call);
    expect(drifted.code).toBe(2);
    expect((JSON.parse(drifted.out) as TokenInventoryEntry[]).find((e) => e.id === 'audit-bot@pve!handmade')?.managed).toBe(false);

    const both = await cli(['drift', '--audit', '--json', spec], call);
    expect(both.code).toBe(1);
    expect(both.err).toMatch(/--audit and --json each print a JSON document of their own: give one/);
    const plan = await cli(['plan', '--audit', spec], call);
    expect(plan.code).toBe(1);
    expect(plan.err).toMatch(/--audit does not apply to plan \(only to drift\)/);
  });
});
