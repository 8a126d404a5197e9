/**
 * `proxmox-access simulate` as a user meets it: it prints shell lines that, pasted or sourced,
 * point the other commands at a simulated cluster on this machine only, and it serves until it is
 * stopped, then is gone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { defaultCliDeps, runCli } from '../../src/cli/run.js';
import { startSimulatedPve } from '../../src/cli/simulated-pve.js';
import { BUNDLED_CLI, PINNED_NODE, REPO_ROOT, cli } from './cli-terminal.js';

const LINE = /^export (PROXMOX_[A-Z_]+)='([^']*)'$/;

/** The variables the printed lines set, read the way a shell would (single-quoted values). */
function parseLines(out: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of out) {
    const match = LINE.exec(line);
    if (!match) throw new Error(`not an export line: ${line}`);
    env[match[1]!] = match[2]!;
  }
  return env;
}

/** Resolves once `predicate` holds, polling; the simulator starts in well under a second. */
async function waitFor(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const refusesConnections = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'proxmox-access-simulate-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `simulate` in-process until `stop` is called. */
function startInProcess(argv: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let stop: (signal: string) => void = () => {};
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  const io: CliIo = {
    env: {},
    isTTY: false,
    out: (text) => void out.push(text),
    err: (text) => void err.push(text),
    confirm: async () => false,
    writeFile: async () => {
      throw new Error('simulate writes no file');
    },
    untilStopped: () => stopped,
  };
  const exit = runCli(['simulate', ...argv], io, { ...defaultCliDeps, simulate: startSimulatedPve });
  return { out, err, stop, exit };
}

describe('simulate in-process', () => {
  it('prints four export lines; the other commands work with exactly those; stopping ends the cluster', async () => {
    const run = startInProcess([]);
    await waitFor(() => run.out.length >= 4, 'the connection lines');
    const env = parseLines(run.out);
    expect(Object.keys(env).sort()).toEqual(['PROXMOX_FINGERPRINT', 'PROXMOX_TOKEN_ID', 'PROXMOX_TOKEN_SECRET', 'PROXMOX_URL']);
    expect(new URL(env['PROXMOX_URL']!).hostname).toBe('127.0.0.1');
    expect(env['PROXMOX_TOKEN_ID']).toBe('root@pam!simulate');
    // Only stdout carries the token secret, once; stderr says what this is and how to stop it.
    expect(run.err.join('\n')).not.toContain(env['PROXMOX_TOKEN_SECRET']!);
    expect(run.err.join('\n')).toContain('Ctrl-C');
    // It names every command that connects, the new rotate included.
    expect(run.err.join('\n')).toContain('then run plan, apply, rotate, drift or export');

    // Seeded with the demo cluster: the hand-made state shows up in an export.
    const exported = await cli(['export'], { env, dir });
    expect(exported.code).toBe(0);
    for (const name of ['alice@pve', 'terraform-prov@pve', 'laptop', 'terraform-old@pve', '/storage/local'])
      expect(exported.out).toContain(name);
    const plan = await cli(['plan', path.join(REPO_ROOT, 'examples', 'proxmox-access.yml')], { env, dir });
    expect(plan.code).toBe(0);
    expect(plan.out).toContain('Acting as root@pam!simulate');
    expect(plan.out).toContain('- user:terraform-old@pve');

    run.stop('SIGINT');
    expect(await run.exit).toBe(0);
    expect(run.err.at(-1)).toContain('SIGINT');
    const port = Number(new URL(env['PROXMOX_URL']!).port);
    expect(await refusesConnections('127.0.0.1', port)).toBe(true);
  });

  it('--empty starts a freshly installed node: nothing but root@pam and the built-in roles', async () => {
    const run = startInProcess(['--empty']);
    try {
      await waitFor(() => run.out.length >= 4, 'the connection lines');
      const exported = await cli(['export'], { env: parseLines(run.out), dir });
      expect(exported.code).toBe(0);
      expect(exported.out).not.toContain('alice@pve');
      expect(exported.out).not.toMatch(/^users:/m);
    } finally {
      run.stop('SIGTERM');
      expect(await run.exit).toBe(0);
    }
  });

  it('listens on the loopback interface only', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    const run = startInProcess(['--empty']);
    try {
      await waitFor(() => run.out.length >= 4, 'the connection lines');
      const port = Number(new URL(parseLines(run.out)['PROXMOX_URL']!).port);
      expect(await refusesConnections('127.0.0.1', port)).toBe(false);
      // A machine without any other interface cannot show more than the URL's loopback host.
      if (external) expect(await refusesConnections(external, port)).toBe(true);
    } finally {
      run.stop('SIGTERM');
      await run.exit;
    }
  });
});

describe('simulate from the bundle (dist/cli/index.js)', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGKILL');
    child = undefined;
  });

  it('its lines, saved and sourced by sh, let the bundled CLI plan; SIGTERM stops it with exit 0', async () => {
    const proc = spawn(PINNED_NODE, [BUNDLED_CLI, 'simulate'], { cwd: dir, env: { PATH: process.env['PATH'] ?? '' } });
    child = proc;
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => proc.once('close', resolve));
    await waitFor(() => stdout.split('\n').filter(Boolean).length >= 4, 'the connection lines');

    await writeFile(path.join(dir, 'sim.env'), stdout);
    const spec = path.join(REPO_ROOT, 'examples', 'proxmox-access.yml');
    const planned = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const sh = spawn('sh', ['-c', `. ./sim.env && exec "$NODE" "$CLI" plan "$SPEC"`], {
        cwd: dir,
        env: { PATH: process.env['PATH'] ?? '', NODE: PINNED_NODE, CLI: BUNDLED_CLI, SPEC: spec },
      });
      let out = '';
      sh.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      sh.once('close', (code) => resolve({ code, out }));
    });
    expect(planned.code).toBe(0);
    expect(planned.out).toContain('Acting as root@pam!simulate');

    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('SIGTERM: simulated cluster stopped');
  });
});
