/**
 * The CLI as a user runs it: every command through `runCli` against the PVE simulator, with a
 * recording terminal, and the bundled `dist/cli/index.js` in a child process. What is asserted is
 * what a user relies on: exit codes, where the text goes, a secret printed exactly once and
 * working, a second plan that is empty, and an export that plans back to nothing.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS, commandUsage } from '../../src/cli/args.js';
import { createProxmoxClient } from '../../src/proxmox/client.js';
import type { PlanJson } from '../../src/render/json.js';
import { installSecretsRoutes } from '../fakes/github/secrets.js';
import { FakeGitHub } from '../fakes/github/server.js';
import { startPveSimulator, type PveSimulator } from '../fakes/pve/index.js';
import { BUNDLED_CLI, REPO_ROOT, cli, cliEnv, scratchDirPerTest, spawnBundledCli, type CliCall } from './cli-terminal.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** One token delivered to an output, one delivered nowhere (its secret must still reach the user). */
const SPEC = `version: 1
roles:
  CliAudit:
    privileges: [Sys.Audit, VM.Audit]
groups:
  cli-team: { comment: CLI team }
users:
  cli-bot@pve:
    comment: CLI bot
    groups: [cli-team]
    tokens:
      ci:
        comment: CI token
        deliver:
          - output: cli_bot_token
      spare:
        comment: no delivery target
acl:
  - path: /vms
    roles: [CliAudit]
    users: [cli-bot@pve]
    tokens: ["cli-bot@pve!ci", "cli-bot@pve!spare"]
`;

const occurrences = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

const scratch = scratchDirPerTest('proxmox-access-cli-');
const specFile = scratch.specFile;

async function exampleFiles(): Promise<string[]> {
  const entries = await readdir(path.join(REPO_ROOT, 'examples'), { recursive: true });
  return entries
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => path.join('examples', f))
    .sort();
}

describe('cli offline', async () => {
  const examples = await exampleFiles();
  const offline = (): CliCall => ({ env: {}, dir: scratch.path });

  it('has examples to validate', () => {
    expect(examples).toContain(path.join('examples', 'proxmox-access.yml'));
    expect(examples).toContain(path.join('examples', 'legacy', 'token_setup.json'));
  });

  it.each(examples)('validate %s: exit 0', async (file) => {
    const run = await cli(['validate', '--spec', path.join(REPO_ROOT, file)], offline());
    expect(run.err).toBe('');
    expect(run.out).toMatch(/: valid$/);
    expect(run.code).toBe(0);
  });

  it('validate of a spec that does not parse: exit 1, file:line:col on stderr', async () => {
    const file = await specFile('broken.yml', 'version: 1\nusers:\n  alice@pve:\n    comment: Alice\n    colour: blue\n');
    const run = await cli(['validate', '--spec', file], offline());
    expect(run.code).toBe(1);
    expect(run.err).toContain(`${file}:5:5`);
    expect(run.err).toContain('colour');
    expect(run.out).toBe('');
  });

  it('validate of a spec with an unknown privilege: exit 1, file:line:col of that privilege', async () => {
    const file = await specFile('bad-privilege.yml', 'version: 1\nroles:\n  Ops:\n    privileges: [VM.Audit, VM.Teleport]\n');
    const run = await cli(['validate', '--spec', file], offline());
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:\\d+: error: .*VM\\.Teleport.* \\[unknown-privilege\\]`),
    );
    expect(run.err).toMatch(/: 1 error$/);
    expect(run.out).toBe('');
  });

  it('validate of a missing file: exit 1 naming the file', async () => {
    const run = await cli(['validate', '--spec', path.join(scratch.path, 'nope.yml')], offline());
    expect(run.code).toBe(1);
    expect(run.err).toContain('nope.yml: no such file');
  });

  it('validate runs offline even when a token id is set without its secret', async () => {
    const run = await cli(['validate', '--spec', path.join(REPO_ROOT, 'examples', 'self-test.yml')], {
      env: { PROXMOX_TOKEN_ID: 'automation@pve!cli' },
      dir: scratch.path,
    });
    expect(run.code).toBe(0);
  });

  it('--help: exit 0, usage on stdout naming every command', async () => {
    for (const flag of ['--help', '-h']) {
      const run = await cli([flag], offline());
      expect(run.code).toBe(0);
      expect(run.out).toContain('Usage: proxmox-access <command>');
      for (const command of COMMANDS) expect(run.out).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
  });

  it('unknown command: exit 1 with the commands and a pointer to --help', async () => {
    const run = await cli(['frobnicate'], offline());
    expect(run.code).toBe(1);
    expect(run.err).toContain('unknown command "frobnicate"');
    expect(run.err).toContain('--help');
    for (const command of COMMANDS) expect(run.err).toContain(command);
  });

  it('unknown option: exit 1 naming it, with the command usage', async () => {
    const run = await cli(['plan', '--frobnicate'], offline());
    expect(run.code).toBe(1);
    expect(run.err).toBe(`proxmox-access: unknown option --frobnicate\n${commandUsage('plan')}`);
  });

  it('no arguments: usage, exit 2', async () => {
    const run = await cli([], offline());
    expect(run.code).toBe(2);
    expect(run.out).toContain('Usage:');
  });
});

describe('cli against the simulator', () => {
  let sim: PveSimulator;
  let call: CliCall;
  beforeEach(async () => {
    sim = await startPveSimulator();
    call = { env: cliEnv(sim, sim.createToken('root@pam', 'cli', { privsep: false })), dir: scratch.path };
  });
  afterEach(async () => {
    await sim.stop();
  });

  const userExists = (userid: string): boolean => sim.exec('GET', `/access/users/${encodeURIComponent(userid)}`).status === 200;

  it('plan prints a readable plan on stdout and exits 0 without writing', async () => {
    const spec = await specFile('spec.yml', SPEC);
    const before = sim.requestCount;
    const run = await cli(['plan', '--spec', spec], call);
    expect(run.code).toBe(0);
    expect(run.out).toContain('Acting as root@pam!cli');
    for (const address of ['role:CliAudit', 'group:cli-team', 'user:cli-bot@pve', 'token:cli-bot@pve!ci', 'token:cli-bot@pve!spare']) {
      expect(run.out).toContain(`+ ${address}`);
    }
    expect(run.out).toContain('deliver: output cli_bot_token');
    expect(run.out).toMatch(/Plan: 8 to create, 0 to update, 0 to delete\./);
    expect(run.out).not.toContain('\u001b['); // not a TTY: no colour
    expect(sim.requests.slice(before).every((r) => r.method === 'GET')).toBe(true);
    expect(userExists('cli-bot@pve')).toBe(false);
  });

  it('plan --json prints only parseable JSON with a digest', async () => {
    const spec = await specFile('spec.yml', SPEC);
    const run = await cli(['plan', '--json', '--spec', spec], call);
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.out) as PlanJson;
    expect(plan.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.hasChanges).toBe(true);
    expect(plan.changes.map((c) => c.address)).toContain('token:cli-bot@pve!ci');
    // The text plan shows the same digest, so a reviewer can match the two.
    const text = await cli(['plan', '--spec', spec], call);
    expect(text.out).toContain(`plan ${plan.digest.slice(0, 12)}`);
  });

  it('plan --insecure warns in the plan, unless a fingerprint pins the certificate anyway', async () => {
    const spec = await specFile('spec.yml', SPEC);
    const { PROXMOX_FINGERPRINT: _pin, ...unpinned } = call.env;
    const insecure = await cli(['plan', '--insecure', '--spec', spec], { env: unpinned, dir: scratch.path });
    expect(insecure.code).toBe(0);
    expect(insecure.err).toMatch(/^warning: .* \[insecure-tls\]$/m);
    const pinned = await cli(['plan', '--insecure', '--spec', spec], call);
    expect(pinned.code).toBe(0);
    expect(pinned.err).not.toContain('[insecure-tls]');
    // Without --insecure or a pin, the simulator's self-signed certificate is refused.
    const refused = await cli(['plan', '--spec', spec], { env: unpinned, dir: scratch.path });
    expect(refused.code).toBe(1);
    // The message names the CLI's own options, not the action's inputs or Node's command line.
    expect(refused.err).toMatch(/TLS verification failed[^\n]*--fingerprint[^\n]*--ca-cert/);
    expect(refused.err).not.toContain('--use-system-ca');
  });

  it('plan exits 1 when the plan has errors', async () => {
    const spec = await specFile('spec.yml', 'version: 1\nacl:\n  - { path: /vms, roles: [NoSuchRole], users: [ghost@pve] }\n');
    const run = await cli(['plan', '--spec', spec], call);
    expect(run.code).toBe(1);
  });

  it('apply asks, and anything but yes cancels with nothing written', async () => {
    const spec = await specFile('spec.yml', SPEC);
    const run = await cli(['apply', '--spec', spec], { ...call, answers: [false] });
    expect(run.questions).toHaveLength(1);
    expect(run.questions[0]).toContain('"yes"');
    expect(run.code).toBe(1);
    expect(run.err).toContain('apply cancelled');
    expect(run.out).toContain('+ user:cli-bot@pve'); // the plan was shown before the question
    expect(userExists('cli-bot@pve')).toBe(false);
    expect(sim.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('apply after a yes applies; --yes does not ask; secrets are printed once and work; a second plan is empty', async () => {
    const spec = await specFile('spec.yml', SPEC);
    const applied = await cli(['apply', '--yes', '--spec', spec], call);
    expect(applied.questions).toEqual([]);
    expect(applied.code).toBe(0);
    expect(userExists('cli-bot@pve')).toBe(true);

    const delivered = new RegExp(`^cli_bot_token=cli-bot@pve!ci=(${UUID})$`, 'm').exec(applied.out)?.[1];
    const spare = new RegExp(`^cli-bot@pve!spare=(${UUID})$`, 'm').exec(applied.out)?.[1];
    expect(delivered).toBeDefined();
    expect(spare).toBeDefined();
    const everything = `${applied.out}\n${applied.err}`;
    for (const secret of [delivered!, spare!]) expect(occurrences(everything, secret)).toBe(1);

    for (const [tokenId, secret] of [
      ['cli-bot@pve!ci', delivered!],
      ['cli-bot@pve!spare', spare!],
    ] as const) {
      const client = await createProxmoxClient({ url: sim.url, auth: { tokenId, secret }, fingerprint: sim.fingerprint });
      try {
        await expect(client.getVersion()).resolves.toMatchObject({ version: expect.any(String) });
      } finally {
        await client.close();
      }
    }

    const again = await cli(['plan', '--spec', spec], call);
    expect(again.code).toBe(0);
    expect(again.out).toContain('No changes.');
    const reapplied = await cli(['apply', '--spec', spec], call);
    expect(reapplied.code).toBe(0);
    expect(reapplied.questions).toEqual([]);
    expect(reapplied.out).not.toMatch(new RegExp(UUID));
  });

  it('apply refuses before any write when github-secret targets have no GITHUB_SECRETS_TOKEN, and says how to set it', async () => {
    const run = await cli(['apply', '--yes', '--spec', path.join(REPO_ROOT, 'examples', 'proxmox-access.yml')], call);
    expect(run.code).toBe(1);
    expect(run.err).toContain('PROXMOX_TERRAFORM_TOKEN');
    expect(run.err).toContain('GITHUB_SECRETS_TOKEN');
    expect(run.err).toContain('--repository');
    expect(sim.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('apply seals github-secret targets with GITHUB_SECRETS_TOKEN and prints only the output target', async () => {
    const repo = 'acme/infra';
    const github = await new FakeGitHub().start();
    try {
      const secrets = installSecretsRoutes(github, { repositories: { [repo]: 4242 } });
      github.tokens.set('github_pat_cli', { secrets: true, contents: 'read' });
      const env = { ...call.env, GITHUB_SECRETS_TOKEN: 'github_pat_cli', GITHUB_API_URL: github.origin };
      const spec = path.join(REPO_ROOT, 'examples', 'proxmox-access.yml');
      const run = await cli(['apply', '--yes', '--repository', repo, '--spec', spec], { env, dir: scratch.path });
      expect(run.code).toBe(0);
      const value = /^terraform_token=(terraform-prov@pve!terraform=.+)$/m.exec(run.out)?.[1];
      expect(value).toMatch(new RegExp(`=${UUID}$`));
      expect(secrets.secretValue(repo, 'PROXMOX_TERRAFORM_TOKEN')).toBe(value);
      expect(occurrences(`${run.out}\n${run.err}`, value!.split('=')[1]!)).toBe(1);
    } finally {
      await github.stop();
    }
  });

  it('apply that the user confirms runs the same as --yes', async () => {
    const spec = await specFile('spec.yml', 'version: 1\ngroups:\n  ops: { comment: Operations }\n');
    const run = await cli(['apply', '--spec', spec], { ...call, answers: [true] });
    expect(run.questions).toHaveLength(1);
    expect(run.code).toBe(0);
    expect(sim.exec('GET', '/access/groups/ops').status).toBe(200);
  });

  it('drift: exit 0 when clean, 2 when a hand-made token appears on a managed user', async () => {
    const spec = await specFile('spec.yml', SPEC);
    expect((await cli(['apply', '--yes', '--spec', spec], call)).code).toBe(0);

    const clean = await cli(['drift', '--spec', spec], call);
    expect(clean.code).toBe(0);
    expect(clean.out).toBe('No drift.');

    sim.createToken('cli-bot@pve', 'handmade');
    const drifted = await cli(['drift', '--spec', spec], call);
    expect(drifted.code).toBe(2);
    expect(drifted.out).toMatch(/^added: token:cli-bot@pve!handmade: /m);

    const json = await cli(['drift', '--json', '--spec', spec], call);
    expect(json.code).toBe(2);
    const report = JSON.parse(json.out) as { clean: boolean; items: { kind: string; address: string }[] };
    expect(report.clean).toBe(false);
    expect(report.items).toContainEqual(expect.objectContaining({ kind: 'added', address: 'token:cli-bot@pve!handmade' }));
  });

  it('export --out writes a spec that validates and plans back to no changes', async () => {
    const spec = await specFile('spec.yml', SPEC);
    expect((await cli(['apply', '--yes', '--spec', spec], call)).code).toBe(0);
    // Things the spec never declared, made by hand: the export has to carry them too.
    const ok = (method: string, apiPath: string, params: Record<string, unknown>): void => {
      const { status, body } = sim.exec(method, apiPath, params);
      if (status !== 200) throw new Error(`${method} ${apiPath}: ${status} ${JSON.stringify(body)}`);
    };
    ok('POST', '/access/groups', { groupid: 'auditors' });
    ok('POST', '/access/users', {
      userid: 'carol@pve',
      enable: 0,
      expire: 4102444800,
      email: 'carol@example.com',
      groups: 'auditors,cli-team',
    });
    sim.createToken('carol@pve', 'laptop', { privsep: false, comment: 'laptop' });
    // A token that expires in 40 days: the export must keep it expiring, not plan it to "never".
    sim.createToken('carol@pve', 'ci', { privsep: false, expire: Math.floor(Date.now() / 1000) + 40 * 86_400 });
    ok('PUT', '/access/acl', { path: '/storage/local', roles: 'PVEDatastoreUser,CliAudit', groups: 'auditors', propagate: 0 });
    ok('PUT', '/access/acl', { path: '/vms/100', roles: 'PVEVMUser', users: 'carol@pve' });

    const exported = await cli(['export', '--out', 'exported.yml'], call);
    expect(exported.code).toBe(0);
    expect(exported.out).toBe('');
    expect(exported.err).toContain('wrote exported.yml');
    const file = path.join(scratch.path, 'exported.yml');
    const text = await readFile(file, 'utf8');
    for (const name of ['CliAudit', 'cli-team', 'auditors', 'cli-bot@pve', 'carol@pve', 'laptop', '/storage/local'])
      expect(text).toContain(name);
    expect(text).toMatch(/lifetime: 40d/);
    expect(text).not.toMatch(new RegExp(UUID));

    expect((await cli(['validate', '--spec', file], call)).code).toBe(0);
    const replanned = await cli(['plan', '--json', '--spec', file], call);
    expect(replanned.code).toBe(0);
    const plan = JSON.parse(replanned.out) as PlanJson;
    expect(plan.changes.filter((c) => !c.implied)).toEqual([]);
    expect(plan.hasChanges).toBe(false);
  });

  it('export without --out prints the spec on stdout', async () => {
    const run = await cli(['export'], call);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^version: 1$/m);
  });

  it('a missing PROXMOX_TOKEN_SECRET is a clear error, exit 1, before any request', async () => {
    const spec = await specFile('spec.yml', SPEC);
    const { PROXMOX_TOKEN_SECRET: _dropped, ...env } = call.env;
    for (const command of ['plan', 'apply', 'drift', 'export']) {
      const run = await cli(command === 'export' ? [command] : [command, '--spec', spec], { env, dir: scratch.path });
      expect(run.code).toBe(1);
      expect(run.err).toContain('PROXMOX_TOKEN_SECRET');
      expect(run.err).toContain('root@pam!cli');
    }
    expect(sim.requestCount).toBe(0);
  });

  it('a missing PROXMOX_URL is a clear error, exit 1', async () => {
    const { PROXMOX_URL: _dropped, ...env } = call.env;
    const run = await cli(['plan', '--spec', await specFile('spec.yml', SPEC)], { env, dir: scratch.path });
    expect(run.code).toBe(1);
    expect(run.err).toContain('PROXMOX_URL');
    expect(run.err).toContain('--url');
  });
});

describe('the bundled CLI (dist/cli/index.js)', () => {
  it('exists (npm run bundle builds it)', () => {
    expect(existsSync(BUNDLED_CLI), `${BUNDLED_CLI} is missing: run npm run bundle`).toBe(true);
  });

  it('validate --spec examples/proxmox-access.yml exits 0', async () => {
    const run = await spawnBundledCli(['validate', '--spec', 'examples/proxmox-access.yml']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('examples/proxmox-access.yml: valid\n');
    expect(run.code).toBe(0);
  });

  it('unknown command exits 1 and points to --help', async () => {
    const run = await spawnBundledCli(['frobnicate']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--help');
  });

  describe('apply confirmation on stdin', () => {
    let sim: PveSimulator;
    let env: NodeJS.ProcessEnv;
    let spec: string;
    beforeEach(async () => {
      sim = await startPveSimulator();
      env = cliEnv(sim, sim.createToken('root@pam', 'cli', { privsep: false }));
      spec = await specFile('spec.yml', 'version: 1\ngroups:\n  ops: { comment: Operations }\n');
    });
    afterEach(async () => {
      await sim.stop();
    });
    const groupExists = (): boolean => sim.exec('GET', '/access/groups/ops').status === 200;

    it.each([
      ['no', 'no\n'],
      ['y', 'y\n'],
      ['YES', 'YES\n'],
      ['an empty line', '\n'],
      ['end of input', ''],
      ['no stdin at all', null],
    ])('answer %s: cancelled, exit 1, nothing written', async (_name, stdin) => {
      const run = await spawnBundledCli(['apply', '--spec', spec], { env, stdin });
      // stdin is not a terminal, so nothing echoes the answer: the question's line is ended for it.
      expect(run.stderr).toMatch(/Only "yes" is accepted: \napply cancelled/);
      expect(run.code).toBe(1);
      expect(groupExists()).toBe(false);
    });

    it('answer yes: applied, exit 0', async () => {
      const run = await spawnBundledCli(['apply', '--spec', spec], { env, stdin: 'yes\n' });
      expect(run.code).toBe(0);
      expect(groupExists()).toBe(true);
    });
  });
});
