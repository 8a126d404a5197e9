/**
 * `proxmox-access rotate` against the simulator: only the due token gets a new secret (printed
 * once, working, the old one dead), a hand-made change stays, a second run finds nothing due,
 * `--rotate` names a token (one that names no declared token is warned about), a spec with errors
 * refuses, and a "no" changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { USAGE, commandUsage } from '../../src/cli/args.js';
import { startPveSimulator, type PveSimulator } from '../fakes/pve/index.js';
import { authenticates } from '../harness/pve-login.js';
import { cli, cliEnv, scratchDirPerTest, type CliCall } from './cli-terminal.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const SPEC = `version: 1
users:
  cli-bot@pve:
    comment: CLI bot
    tokens:
      ci:
        lifetime: 30d
        deliver:
          - output: ci_token
      spare:
        lifetime: 30d
acl:
  - path: /vms
    roles: [PVEAuditor]
    tokens: ["cli-bot@pve!ci", "cli-bot@pve!spare"]
`;

const scratch = scratchDirPerTest('proxmox-access-cli-rotate-');

describe('cli rotate', () => {
  let sim: PveSimulator;
  let call: CliCall;
  let spec: string;
  const writes = (): string[] => sim.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
  const secretIn = (out: string, name: string): string | undefined =>
    new RegExp(`^${name}=(?:cli-bot@pve!ci=)?(${UUID})$`, 'm').exec(out)?.[1];

  beforeEach(async () => {
    sim = await startPveSimulator();
    call = { env: cliEnv(sim, sim.createToken('root@pam', 'cli', { privsep: false })), dir: scratch.path };
    spec = await scratch.specFile('spec.yml', SPEC);
    expect((await cli(['apply', '--yes', '--spec', spec], call)).code).toBe(0);
  });
  afterEach(async () => {
    await sim.stop();
  });

  it('is in the help with its options', () => {
    expect(USAGE).toMatch(/^ {2}rotate {2,}rotate only the tokens that are due/m);
    expect(commandUsage('rotate')).toContain('[--rotate <ids|all>]');
    expect(commandUsage('rotate')).toContain('[--yes]');
  });

  it('rotates only the due token, leaves a hand edit alone, and then finds nothing due', async () => {
    const old = (await cli(['apply', '--yes', '--rotate', 'cli-bot@pve!ci', '--spec', spec], call)).out;
    const oldSecret = secretIn(old, 'ci_token')!;
    sim.exec('PUT', '/access/users/cli-bot@pve/token/ci', { expire: Math.floor(Date.now() / 1000) + 3600 });
    sim.exec('PUT', '/access/users/cli-bot@pve', { comment: 'edited by hand' });
    sim.resetRequests();

    const run = await cli(['rotate', '--yes', spec], call);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('Due for rotation; 1 other difference left as it is');
    expect(run.out).toMatch(/⟳ cli-bot@pve!ci \(expires .*, within rotate-before\)/);
    expect(writes()).toEqual(['PUT /access/users/cli-bot@pve/token/ci']);
    const fresh = secretIn(run.out, 'ci_token')!;
    expect(run.out.split(fresh)).toHaveLength(2);
    expect(await authenticates({ sim }, 'cli-bot@pve!ci', fresh)).toBe(true);
    expect(await authenticates({ sim }, 'cli-bot@pve!ci', oldSecret)).toBe(401);
    expect(run.out).toContain('Settled');
    expect((sim.exec('GET', '/access/users/cli-bot@pve').body as { data: { comment: string } }).data.comment).toBe('edited by hand');

    sim.resetRequests();
    const again = await cli(['rotate', '--yes', spec], call);
    expect(again.code).toBe(0);
    expect(again.out).toContain('Nothing is due for rotation; 1 other difference left as it is');
    expect(writes()).toEqual([]);
  });

  it('rotates what --rotate names, after a yes; a no changes nothing', async () => {
    sim.resetRequests();
    const no = await cli(['rotate', '--rotate', 'cli-bot@pve!spare', spec], { ...call, answers: [false] });
    expect(no.code).toBe(1);
    expect(no.err).toContain('rotate cancelled');
    expect(writes()).toEqual([]);
    const yes = await cli(['rotate', '--rotate', 'cli-bot@pve!spare', spec], { ...call, answers: [true] });
    expect(yes.code, yes.err).toBe(0);
    expect(writes()).toEqual(['PUT /access/users/cli-bot@pve/token/spare']);
    expect(yes.out).toMatch(new RegExp(`^cli-bot@pve!spare=${UUID}$`, 'm'));
  });

  it("shows the plan's warnings, as plan and apply do: a --rotate id that names no declared token", async () => {
    sim.resetRequests();
    const run = await cli(['rotate', '--yes', '--rotate', 'cli-bot@pve!typo', spec], call);
    expect(run.code, run.err).toBe(0);
    expect(run.err).toContain(
      'token:cli-bot@pve!typo: warning: rotate names cli-bot@pve!typo, which is not a token declared in the spec; it is not rotated [rotate-unknown]',
    );
    expect(run.out).toContain('Nothing is due for rotation');
    expect(writes()).toEqual([]);
  });

  it('refuses a spec with errors before any write', async () => {
    const broken = await scratch.specFile('broken.yml', `${SPEC}  - path: /vms\n    roles: [NoSuchRole]\n    users: [cli-bot@pve]\n`);
    sim.resetRequests();
    const run = await cli(['rotate', '--yes', '--rotate', 'all', broken], call);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/\[unknown-role\]/);
    expect(run.err).toContain('rotate refused: the plan has 1 error; nothing was changed');
    expect(writes()).toEqual([]);
  });
});
