/**
 * The bundled CLI also runs inside workflow steps, where the runner reads its stdout and stderr
 * for commands: spec and cluster text must not start one there either, and `--json` output stays
 * the same JSON. Outside a runner (no GITHUB_ACTIONS=true), export's stdout is the exact spec.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPveSimulator, type PveSimulator } from '../fakes/pve/index.js';
import { parseRunnerCommands } from '../e2e/runner-commands.js';
import { cliEnv, spawnBundledCli } from './cli-terminal.js';

const payload = (field: string): string => `${field}\n::error::PWNED\r::add-mask::PWNED\n::stop-commands::PWNED\n ##[warning]PWNED`;

describe('bundled CLI: no spec or cluster text becomes a runner command', () => {
  let sim: PveSimulator;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sim = await startPveSimulator();
    // The runner sets GITHUB_ACTIONS in every step; that is where its log reads commands.
    env = { ...cliEnv(sim, sim.createToken('root@pam', 'cli', { privsep: false })), GITHUB_ACTIONS: 'true' };
    dir = await mkdtemp(path.join(tmpdir(), 'pa-cli-inject-'));
    expect(sim.exec('POST', '/access/users', { userid: 'hand@pve', comment: payload('cluster') }).status).toBe(200);
  });
  afterAll(async () => {
    await sim?.stop();
  });

  const specFile = async (text: string): Promise<string> => {
    const file = path.join(dir, `spec-${Math.random().toString(36).slice(2)}.yml`);
    await writeFile(file, text);
    return file;
  };
  const noCommands = (run: { stdout: string; stderr: string }) => {
    expect(parseRunnerCommands(run.stdout)).toEqual([]);
    expect(parseRunnerCommands(run.stderr)).toEqual([]);
  };

  it('validate: the poisoned user id is reported on one line', async () => {
    const file = await specFile(`version: 1\nusers:\n  ${JSON.stringify(`${payload('user')}@pve`)}:\n    comment: x\n`);
    const run = await spawnBundledCli(['validate', '--spec', file], { env: { GITHUB_ACTIONS: 'true' }, stdin: null });
    expect(run.code).toBe(1);
    noCommands(run);
    expect(run.stderr).toMatch(
      /:3:3: error: user id 'user\\n::error::PWNED\\r::add-mask::PWNED\\n::stop-commands::PWNED\\n ##\\u005bwarning\]PWNED@pve'/,
    );
  });

  it('plan, text and JSON, with poisoned text in the spec and on the cluster', async () => {
    const spec = `version: 1\nusers:\n  ok@pve:\n    comment: ${JSON.stringify(payload('spec'))}\n  hand@pve:\n    comment: calm\n`;
    const file = await specFile(spec);
    const text = await spawnBundledCli(['plan', '--spec', file], { env, stdin: null });
    expect(text.code, text.stderr).toBe(0);
    noCommands(text);
    expect(text.stdout).toContain('PWNED');

    const json = await spawnBundledCli(['plan', '--spec', file, '--json'], { env, stdin: null });
    expect(json.code, json.stderr).toBe(0);
    noCommands(json);
    // The escapes are JSON's own, so the value read back is the one in the spec.
    expect(json.stdout).toContain('##\\u005bwarning]');
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain(JSON.stringify(payload('spec')).slice(1, -1));
  });

  it('export to stdout is safe and says when a value was escaped', async () => {
    const run = await spawnBundledCli(['export'], { env, stdin: null });
    expect(run.code, run.stderr).toBe(0);
    noCommands(run);
    expect(run.stdout).toContain('hand@pve');
    expect(run.stderr).toMatch(/pass --out FILE for the exact text/);
  });

  it('export to stdout outside GitHub Actions is the exact spec, as --out writes it', async () => {
    const { GITHUB_ACTIONS: _runner, ...terminal } = env;
    const run = await spawnBundledCli(['export'], { env: terminal, stdin: null });
    expect(run.code, run.stderr).toBe(0);
    const out = path.join(dir, 'exported.yml');
    const written = await spawnBundledCli(['export', '--out', out], { env: terminal, stdin: null });
    expect(written.code, written.stderr).toBe(0);
    expect(run.stdout).toBe(`${await readFile(out, 'utf8')}\n`);
    // The cluster's text itself, unescaped: nothing here reads workflow commands.
    expect(run.stdout).toMatch(/^\s+::stop-commands::PWNED$/m);
    expect(run.stdout).not.toContain('\\::');
    expect(run.stderr).not.toContain('escaped');
  });
});
