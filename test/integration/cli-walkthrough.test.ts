/**
 * What a new user met on a first walk through the CLI: settings given on the command line and
 * in the environment, refusals that said nothing, option errors in node's words, options taken
 * and then ignored, and validate and plan reporting one spec's problems in two ways.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandUsage } from '../../src/cli/args.js';
import { installSecretsRoutes } from '../fakes/github/secrets.js';
import { FakeGitHub } from '../fakes/github/server.js';
import { startPveSimulator, type PveSimulator } from '../fakes/pve/index.js';
import { cli, cliEnv, scratchDirPerTest, type CliCall } from './cli-terminal.js';

const scratch = scratchDirPerTest('proxmox-access-walk-');
const specFile = scratch.specFile;

/** Two misspelt privileges, an unknown role, an undeclared user and a path PVE refuses. */
const BAD_SPEC = `version: 1
roles:
  Ops:
    privileges: [VM.Allocte, Datastore.audit]
acl:
  - path: /vm/100
    roles: [PVEVMAdmn]
    users: [nobody@pve]
`;

const offline = (): CliCall => ({ env: {}, dir: scratch.path });

describe('option errors in the CLI’s own words', () => {
  it('an unknown option gets a did-you-mean and the command usage', async () => {
    const run = await cli(['plan', '--jsn'], offline());
    expect(run.code).toBe(1);
    expect(run.err).toBe(`proxmox-access: unknown option --jsn (did you mean --json?)\n${commandUsage('plan')}`);
  });

  it('a value missing, or given to a flag, is said with the option’s own placeholder', async () => {
    const missing = await cli(['plan', '--fingerprint'], offline());
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`proxmox-access: --fingerprint needs a value: --fingerprint <sha256>\n${commandUsage('plan')}`);
    const extra = await cli(['apply', '--yes=no'], offline());
    expect(extra.code).toBe(1);
    expect(extra.err).toBe(`proxmox-access: --yes takes no value: give --yes alone\n${commandUsage('apply')}`);
    for (const run of [missing, extra]) expect(run.err).not.toMatch(/Option '|<value>/);
  });
});

describe('options that used to be accepted and ignored', () => {
  it('export --force without --out is a usage error', async () => {
    const run = await cli(['export', '--force'], offline());
    expect(run.code).toBe(1);
    expect(run.err).toContain('--force only lets --out replace an existing file');
    expect(run.err).toContain(commandUsage('export'));
    expect(run.out).toBe('');
  });

  it('--fingerprint and --ca-cert together are refused', async () => {
    const run = await cli(['plan', '--url', 'https://127.0.0.1:1', '--fingerprint', 'AA', '--ca-cert', 'ca.pem'], offline());
    expect(run.code).toBe(1);
    expect(run.err).toContain('--fingerprint and --ca-cert are two ways to trust the server: give one');
  });

  it('--token-id and --username together are refused', async () => {
    const run = await cli(['plan', '--url', 'https://127.0.0.1:1', '--token-id', 'a@pve!ci', '--username', 'a@pve'], offline());
    expect(run.code).toBe(1);
    expect(run.err).toContain('--token-id and --username are two ways to log in: give one');
  });

  it('a one-letter token name is named as the problem', async () => {
    const env = { PROXMOX_URL: 'https://127.0.0.1:1', PROXMOX_TOKEN_SECRET: 'not-a-real-secret-0001' };
    const spec = await specFile('spec.yml', 'version: 1\n');
    const again = await cli(['plan', '--token-id', 'a@pve!b', spec], { env, dir: scratch.path });
    expect(again.code).toBe(1);
    expect(again.err).toContain('the token name after "!" must start with a letter and have at least 2 characters');
    expect(again.err).not.toContain('not-a-real-secret-0001');
  });
});

describe('against the simulator', () => {
  let sim: PveSimulator;
  let call: CliCall;
  let tokenSecret: string;
  beforeEach(async () => {
    sim = await startPveSimulator();
    const token = sim.createToken('root@pam', 'cli', { privsep: false });
    tokenSecret = token.value;
    call = { env: cliEnv(sim, token), dir: scratch.path };
  });
  afterEach(async () => {
    await sim.stop();
  });
  const writes = (): unknown[] => sim.requests.filter((r) => r.method !== 'GET');
  const both = (run: { out: string; err: string }): string => `${run.out}\n${run.err}`;

  it('--username beats PROXMOX_TOKEN_ID from the environment, and says so once', async () => {
    const spec = await specFile('spec.yml', 'version: 1\n');
    const env = { ...call.env, PROXMOX_PASSWORD: sim.rootPassword };
    const run = await cli(['plan', '--username', 'root@pam', spec], { env, dir: scratch.path });
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('Acting as root@pam\n');
    expect(run.out).not.toContain('root@pam!cli');
    expect(run.err.match(/PROXMOX_TOKEN_ID from the environment is not used/g)).toHaveLength(1);

    // A wrong password is really tried, not skipped in favour of the token.
    const wrong = await cli(['plan', '--username', 'root@pam', spec], {
      env: { ...env, PROXMOX_PASSWORD: 'wrong-password-123' },
      dir: scratch.path,
    });
    expect(wrong.code).toBe(1);
    expect(wrong.out).not.toContain('Acting as');
    for (const secret of [sim.rootPassword, 'wrong-password-123', tokenSecret]) {
      expect(both(run)).not.toContain(secret);
      expect(both(wrong)).not.toContain(secret);
    }
  });

  it('--token-id beats PROXMOX_USERNAME from the environment, and says so', async () => {
    const spec = await specFile('spec.yml', 'version: 1\n');
    const env = { ...call.env, PROXMOX_USERNAME: 'root@pam', PROXMOX_PASSWORD: 'unused-password-123' };
    const run = await cli(['plan', '--token-id', 'root@pam!cli', spec], { env, dir: scratch.path });
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('Acting as root@pam!cli');
    expect(run.err).toContain('PROXMOX_USERNAME from the environment is not used');
  });

  it('--ca-cert beats PROXMOX_FINGERPRINT from the environment; a missing file is said plainly', async () => {
    const spec = await specFile('spec.yml', 'version: 1\n');
    const ca = await specFile('ca.pem', sim.certificatePem);
    const trusted = await cli(['plan', '--ca-cert', ca, spec], call);
    expect(trusted.code, trusted.err).toBe(0);
    expect(trusted.err).toContain('PROXMOX_FINGERPRINT from the environment is not used');

    sim.resetRequests();
    const missing = path.join(scratch.path, 'nope.pem');
    const run = await cli(['plan', '--ca-cert', missing, spec], call);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`cannot read --ca-cert ${missing}: no such file`);
    expect(run.err).not.toMatch(/ENOENT|open '/);
    expect(sim.requestCount).toBe(0);
  });

  it('apply refused because of plan errors says so, lists the errors, and changes nothing', async () => {
    sim.exec('POST', '/access/users', { userid: 'old@pve' });
    sim.exec('POST', '/access/users', { userid: 'older@pve' });
    const spec = await specFile('spec.yml', 'version: 1\ngroups:\n  ops: {}\nprune:\n  users: ["old*@pve"]\n');
    const run = await cli(['apply', spec, '--no-deletions', '--yes'], call);
    expect(run.code).toBe(1);
    const lines = run.err.split('\n');
    expect(lines.filter((l) => /^.*error: .*would be deleted, but --no-deletions was given \[deletions-disabled\]$/.test(l))).toHaveLength(
      2,
    );
    expect(lines.at(-1)).toBe('apply refused: the plan has 2 errors; nothing was changed');
    expect(run.out).not.toContain('+ group:ops');
    expect(writes()).toEqual([]);
  });

  it('validate and plan show one spec’s problems the same way, at the same positions', async () => {
    const spec = await specFile('bad.yml', BAD_SPEC);
    const validated = await cli(['validate', spec], call);
    const planned = await cli(['plan', spec], call);
    for (const run of [validated, planned]) expect(run.code).toBe(1);
    const findings = (err: string): string[] => err.split('\n').filter((l) => l.startsWith(`${spec}:`) && /^\S+:\d+:\d+: /.test(l));
    const at = (line: string): string => line.slice(0, line.indexOf(': '));
    const [v, p] = [findings(validated.err), findings(planned.err)];
    expect(v.map(at)).toEqual([`${spec}:4:18`, `${spec}:4:30`, `${spec}:6:5`, `${spec}:7:13`, `${spec}:8:13`]);
    expect(p.map(at)).toEqual(v.map(at));
    for (const line of [...v, ...p]) expect(line).toMatch(/^\S+:\d+:\d+: error: .+ \[[a-z-]+\]$/);
    // Same codes in the same order; no doubled parentheses in a hint.
    const codes = (lines: string[]) => lines.map((l) => /\[([a-z-]+)\]$/.exec(l)?.[1]);
    expect(codes(p)).toEqual(codes(v));
    expect(`${validated.err}\n${planned.err}`).not.toMatch(/\)\)/);

    expect(validated.err.split('\n').at(-1)).toBe(`${spec}: 5 errors`);
    expect(validated.out).toBe('');
    expect(planned.err.split('\n').at(-1)).toBe('plan refused: the plan has 5 errors; nothing can be applied until they are fixed');
    // No changes built from the invalid values are listed.
    expect(planned.out).not.toMatch(/PVEVMAdmn|VM\.Allocte|Privilege changes|Plan:/);
    expect(planned.err).not.toMatch(/\d+ \w+\(s\)|\b1 (roles|users|groups|requests)\b/);
  });

  it('a spec that does not load is shown the same way, with the count', async () => {
    const spec = await specFile('typo.yml', 'version: 1\nroles:\n  Ops:\n    privilges: [VM.Audit]\n');
    for (const command of ['validate', 'plan']) {
      const run = await cli([command, spec], call);
      expect(run.code).toBe(1);
      const lines = run.err.split('\n');
      expect(lines).toContain(`${spec}:3:3: error: missing required key 'privileges'`);
      expect(lines.at(-1)).toMatch(new RegExp(`${command === 'plan' ? '^plan refused: ' : '^'}.*typo\\.yml does not load \\(2 errors\\)`));
    }
    expect(sim.requestCount).toBe(0);
  });

  it('plan --rotate speaks of a repair on apply, not of a reviewed digest', async () => {
    const spec = await specFile(
      'spec.yml',
      'version: 1\nusers:\n  bot@pve:\n    tokens:\n      ci: { deliver: [{ output: bot_token }] }\n',
    );
    expect((await cli(['apply', '--yes', spec], call)).code).toBe(0);
    const run = await cli(['plan', '--rotate', 'all', spec], call);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('repair on apply:');
    expect(run.out).not.toContain('reviewed digest');
  });

  it('GITHUB_SECRETS_TOKEN without a repository: targets naming one are written; the others are named as lacking one', async () => {
    const github = await new FakeGitHub().start();
    try {
      const secrets = installSecretsRoutes(github, { repositories: { 'acme/infra': 4242 } });
      github.tokens.set('github_pat_walk', { secrets: true, contents: 'read' });
      const env = { ...call.env, GITHUB_SECRETS_TOKEN: 'github_pat_walk', GITHUB_API_URL: github.origin };
      const named = await specFile(
        'named.yml',
        'version: 1\nusers:\n  bot@pve:\n    tokens:\n      ci:\n        deliver:\n          - github-secret: { name: BOT_TOKEN, repository: acme/infra }\n',
      );
      const ok = await cli(['apply', '--yes', named], { env, dir: scratch.path });
      expect(ok.code, ok.err).toBe(0);
      const secret = /^bot@pve!ci=([0-9a-f-]{36})$/.exec(secrets.secretValue('acme/infra', 'BOT_TOKEN') ?? '')?.[1];
      expect(secret).toBeDefined();
      expect(both(ok)).not.toContain(secret!);

      const unnamed = await specFile(
        'unnamed.yml',
        'version: 1\nusers:\n  bot2@pve:\n    tokens:\n      ci:\n        deliver:\n          - github-secret: BOT2_TOKEN\n',
      );
      const refused = await cli(['apply', '--yes', unnamed], { env, dir: scratch.path });
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('no repository is known for a target without `repository`');
      expect(refused.err).toContain('--repository');
      expect(refused.err).not.toContain('no GITHUB_SECRETS_TOKEN was given');
      expect(sim.exec('GET', '/access/users/bot2%40pve').status).not.toBe(200);
    } finally {
      await github.stop();
    }
  });
});
