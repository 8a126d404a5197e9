/**
 * The traps a new user fell into when trying the CLI: a spec file given as an argument was
 * ignored, export overwrote files, misplaced options were silently ignored, an empty
 * PROXMOX_FINGERPRINT was "malformed", messages named the action's inputs, apply asked before
 * finding out it could not deliver, and there was no --version.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS, COMMAND_OPTIONS, type Command } from '../../src/cli/args.js';
import { ACTION_INPUT_NAME } from '../../src/cli/terms.js';
import { startPveSimulator, type PveSimulator } from '../fakes/pve/index.js';
import { REPO_ROOT, cli, cliEnv, scratchDirPerTest, spawnBundledCli, type CliCall } from './cli-terminal.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'proxmox-access.yml');
const PACKAGE_VERSION = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const scratch = scratchDirPerTest('proxmox-access-traps-');
const specFile = scratch.specFile;

describe('the spec file as an argument', () => {
  const offline = (): CliCall => ({ env: {}, dir: scratch.path });

  it('validate FILE reads that file, not the default', async () => {
    const bad = await specFile('bad.yml', 'version: 1\nroles:\n  Ops:\n    privileges: [VM.Teleport]\n');
    const run = await cli(['validate', bad], offline());
    expect(run.code).toBe(1);
    expect(run.err).toContain(`${bad}:4:`);
    expect(run.err.split('\n').at(-1)).toBe(`${bad}: 1 error`);
    expect(run.out).toBe('');
    const good = await cli(['validate', EXAMPLE], offline());
    expect(good.code).toBe(0);
    expect(good.out).toBe(`${EXAMPLE}: valid`);
  });

  it('the same file as FILE and --spec is fine; two different files are refused', async () => {
    expect((await cli(['validate', EXAMPLE, '--spec', EXAMPLE], offline())).code).toBe(0);
    const other = await specFile('other.yml', 'version: 1\n');
    const run = await cli(['validate', EXAMPLE, '--spec', other], offline());
    expect(run.code).toBe(1);
    expect(run.err).toContain('two spec files given');
    expect(run.err).toContain('Usage: proxmox-access validate');
    expect(run.out).toBe('');
  });

  it('a second argument, or one to a command that takes no file, is refused with the usage', async () => {
    const twice = await cli(['validate', EXAMPLE, EXAMPLE], offline());
    expect(twice.code).toBe(1);
    expect(twice.err).toContain(`unexpected argument "${EXAMPLE}" after validate`);
    const toExport = await cli(['export', 'cluster.yml'], offline());
    expect(toExport.code).toBe(1);
    expect(toExport.err).toContain('unexpected argument "cluster.yml" after export');
    expect(toExport.err).toContain('[--out <file>]');
  });
});

describe('options that do not apply to a command', () => {
  const ALL_OPTIONS = [...new Set(Object.values(COMMAND_OPTIONS).flat())];
  const cases = COMMANDS.flatMap((command) =>
    ALL_OPTIONS.filter((option) => !COMMAND_OPTIONS[command].includes(option)).map((option) => [command, option] as const),
  );

  it('every command refuses some option (the table is not all-accepting)', () => {
    for (const command of COMMANDS)
      expect(
        cases.some(([c]) => c === command),
        command,
      ).toBe(true);
  });

  it.each(cases)('%s --%s: exit 1 with the command usage, nothing run', async (command, option) => {
    const flag = ['spec', 'url', 'token-id', 'username', 'fingerprint', 'ca-cert', 'rotate', 'repository', 'out'].includes(option)
      ? [`--${option}`, 'x']
      : [`--${option}`];
    const run = await cli([command, ...flag], { env: {}, dir: scratch.path });
    expect(run.code).toBe(1);
    expect(run.err).toContain(`--${option} does not apply to ${command}`);
    expect(run.err).toContain(`Usage: proxmox-access ${command}`);
    expect(run.out).toBe('');
    expect(run.questions).toEqual([]);
  });

  it('an option given an empty value is refused instead of meaning "not given"', async () => {
    const run = await cli(['plan', '--fingerprint', ''], { env: {}, dir: scratch.path });
    expect(run.code).toBe(1);
    expect(run.err).toContain('--fingerprint was given an empty value');
  });
});

describe('--version', () => {
  it('prints the package version, with or without a command', async () => {
    for (const argv of [['--version'], ['plan', '--version']]) {
      const run = await cli(argv, { env: {}, dir: scratch.path });
      expect(run.code).toBe(0);
      expect(run.out).toBe(PACKAGE_VERSION);
    }
  });

  it('the bundle prints it too, and starts with a shebang so npm can install it as a command', async () => {
    const run = await spawnBundledCli(['--version']);
    expect(run.stdout).toBe(`${PACKAGE_VERSION}\n`);
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(REPO_ROOT, 'dist', 'cli', 'index.js'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });
});

describe('against the simulator', () => {
  let sim: PveSimulator;
  let call: CliCall;
  beforeEach(async () => {
    sim = await startPveSimulator();
    call = { env: cliEnv(sim, sim.createToken('root@pam', 'cli', { privsep: false })), dir: scratch.path };
  });
  afterEach(async () => {
    await sim.stop();
  });
  const writes = (): unknown[] => sim.requests.filter((r) => r.method !== 'GET');

  it('plan FILE plans that file', async () => {
    const spec = await specFile('spec.yml', 'version: 1\ngroups:\n  from-argument: { comment: given as FILE }\n');
    const run = await cli(['plan', spec], call);
    expect(run.code).toBe(0);
    expect(run.out).toContain('+ group:from-argument');
  });

  it('export --out refuses to replace an existing file; --force replaces it', async () => {
    const target = await specFile('mine.yml', 'version: 1\n# my own notes\n');
    const refused = await cli(['export', '--out', target], call);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`${target} already exists`);
    expect(refused.err).toContain('--force');
    expect(await readFile(target, 'utf8')).toBe('version: 1\n# my own notes\n');

    const forced = await cli(['export', '--out', target, '--force'], call);
    expect(forced.code).toBe(0);
    const text = await readFile(target, 'utf8');
    expect(text).not.toContain('my own notes');
    expect(text).toMatch(/^version: 1$/m);
  });

  it('an empty PROXMOX_FINGERPRINT is unset: the certificate is then checked against PROXMOX_CA_CERT', async () => {
    const spec = await specFile('spec.yml', 'version: 1\n');
    const env = { ...call.env, PROXMOX_FINGERPRINT: '', PROXMOX_CA_CERT: sim.certificatePem };
    const run = await cli(['plan', spec], { env, dir: scratch.path });
    expect(run.err).not.toMatch(/fingerprint/i);
    expect(run.code).toBe(0);
    // And unset it is: without the CA, the self-signed certificate is refused.
    const unpinned = await cli(['plan', spec], { env: { ...env, PROXMOX_CA_CERT: ' ' }, dir: scratch.path });
    expect(unpinned.code).toBe(1);
  });

  it('blank PROXMOX_URL and PROXMOX_TOKEN_ID count as unset, and the messages name the CLI variables', async () => {
    const spec = await specFile('spec.yml', 'version: 1\n');
    const noUrl = await cli(['plan', spec], { env: { ...call.env, PROXMOX_URL: '' }, dir: scratch.path });
    expect(noUrl.code).toBe(1);
    expect(noUrl.err).toContain('set PROXMOX_URL or pass --url');
    const noToken = await cli(['drift', spec], { env: { ...call.env, PROXMOX_TOKEN_ID: '' }, dir: scratch.path });
    expect(noToken.code).toBe(1);
    expect(noToken.err).toContain('PROXMOX_TOKEN_ID and PROXMOX_TOKEN_SECRET');
    for (const run of [noUrl, noToken]) expect(run.err).not.toMatch(ACTION_INPUT_NAME);
    expect(sim.requestCount).toBe(0);
  });

  it('--insecure: the warning and the plan finding name the CLI flags', async () => {
    const spec = await specFile('spec.yml', 'version: 1\n');
    const { PROXMOX_FINGERPRINT: _pin, ...env } = call.env;
    const run = await cli(['plan', spec, '--insecure'], { env, dir: scratch.path });
    expect(run.code).toBe(0);
    expect(run.err).toContain('--insecure');
    expect(run.err).toMatch(/^warning: .*--fingerprint.* \[insecure-tls\]$/m);
    expect(`${run.out}\n${run.err}`).not.toMatch(ACTION_INPUT_NAME);
    const json = await cli(['plan', spec, '--insecure', '--json'], { env, dir: scratch.path });
    expect(json.out).toContain('--insecure');
    expect(json.out).not.toMatch(ACTION_INPUT_NAME);
  });

  it('--no-deletions: the refusal names the flag', async () => {
    sim.exec('POST', '/access/users', { userid: 'old@pve' });
    const spec = await specFile('spec.yml', 'version: 1\nprune:\n  users: ["old@pve"]\n');
    const run = await cli(['apply', spec, '--no-deletions', '--yes'], call);
    expect(run.code).toBe(1);
    expect(run.err).toContain('user:old@pve would be deleted, but --no-deletions was given');
    expect(`${run.out}\n${run.err}`).not.toMatch(ACTION_INPUT_NAME);
    expect(writes()).toEqual([]);
  });

  it('apply checks secret delivery before it asks: no question when delivery cannot work', async () => {
    const run = await cli(['apply', EXAMPLE], { ...call, answers: [true] });
    expect(run.questions).toEqual([]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('PROXMOX_TERRAFORM_TOKEN');
    expect(run.err).toContain('GITHUB_SECRETS_TOKEN');
    expect(run.err).not.toMatch(ACTION_INPUT_NAME);
    expect(writes()).toEqual([]);
  });

  it('apply asks once delivery can work, and a no still changes nothing', async () => {
    const spec = await specFile(
      'spec.yml',
      'version: 1\nusers:\n  bot@pve:\n    tokens:\n      ci: { deliver: [{ output: bot_token }] }\n',
    );
    const run = await cli(['apply', spec], { ...call, answers: [false] });
    expect(run.questions).toHaveLength(1);
    expect(run.code).toBe(1);
    expect(writes()).toEqual([]);
  });
});

describe('usage lines', () => {
  it.each(COMMANDS)('%s lists exactly its options', async (command: Command) => {
    // Each command refuses --yes or --empty, and the refusal shows its usage line.
    const usage = await cli([command, '--yes', '--empty'], { env: {}, dir: scratch.path });
    const line = usage.err.split('\n').find((l) => l.startsWith(`Usage: proxmox-access ${command}`)) ?? '';
    const listed = [...line.matchAll(/\[--([a-z-]+)/g)].map((m) => m[1]);
    expect(usage.code).toBe(1);
    expect(listed).toEqual(COMMAND_OPTIONS[command]);
  });
});
