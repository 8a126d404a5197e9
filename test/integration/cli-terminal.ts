/**
 * Drives the CLI for tests: in-process through `runCli` with a terminal that records what it
 * prints and answers confirmations from a script, or as the bundled `dist/cli/index.js` in a
 * child process. Relative `--out` paths land in the test's own directory, as if it were the cwd;
 * scratchDirPerTest gives each test that directory.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { startSimulatedPve } from '../../src/cli/simulated-pve.js';
import { createProxmoxClient } from '../../src/proxmox/client.js';
import type { PveSimulator } from '../fakes/pve/index.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BUNDLED_CLI = path.join(REPO_ROOT, 'dist', 'cli', 'index.js');
export const PINNED_NODE = path.join(REPO_ROOT, 'node_modules', '.bin', 'node');

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  /** Confirmation questions asked, in order. */
  readonly questions: readonly string[];
}

export interface CliCall {
  readonly env: NodeJS.ProcessEnv;
  /** Resolves with a signal name to stop a long-running command; by default it is never stopped. */
  readonly stopped?: Promise<string>;
  /** Where relative `--out` paths are written. */
  readonly dir: string;
  /** Answers to confirmation questions, in order; a question beyond them is answered no. */
  readonly answers?: readonly boolean[];
}

export async function cli(argv: readonly string[], call: CliCall): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const questions: string[] = [];
  const answers = [...(call.answers ?? [])];
  const io: CliIo = {
    env: call.env,
    isTTY: false,
    out: (text) => void out.push(text),
    err: (text) => void err.push(text),
    confirm: async (question) => {
      questions.push(question);
      return answers.shift() ?? false;
    },
    writeFile: (file, text, mode) =>
      writeFile(path.resolve(call.dir, file), text, { encoding: 'utf8', flag: mode === 'create' ? 'wx' : 'w' }),
    untilStopped: () => call.stopped ?? new Promise<string>(() => {}),
  };
  const code = await runCli(argv, io, {
    connect: createProxmoxClient,
    now: () => Math.floor(Date.now() / 1000),
    simulate: startSimulatedPve,
  });
  return { code, out: out.join('\n'), err: err.join('\n'), questions };
}

/** The environment a user exports before running the CLI against `sim` as `tokenId`. */
export function cliEnv(sim: PveSimulator, token: { fullTokenId: string; value: string }): NodeJS.ProcessEnv {
  return {
    PROXMOX_URL: sim.url,
    PROXMOX_TOKEN_ID: token.fullTokenId,
    PROXMOX_TOKEN_SECRET: token.value,
    PROXMOX_FINGERPRINT: sim.fingerprint,
  };
}

export interface SpawnedRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the bundled CLI with the pinned Node in a clean environment. `stdin` is written and then
 * closed (`null`: no stdin at all). Asynchronous, so an in-process simulator keeps answering.
 */
export async function spawnBundledCli(
  argv: readonly string[],
  options: { env?: NodeJS.ProcessEnv; stdin?: string | null; timeoutMs?: number } = {},
): Promise<SpawnedRun> {
  const child = spawn(PINNED_NODE, [BUNDLED_CLI, ...argv], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...options.env },
    stdio: [options.stdin === null ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  if (options.stdin !== null) child.stdin?.end(options.stdin ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => resolve(exitCode));
  });
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** A directory of the test's own, made fresh before each test of the calling file and removed after it. */
export interface ScratchDir {
  /** The current test's directory. */
  readonly path: string;
  /** Writes `text` to `name` in it; resolves with the file's full path. */
  readonly specFile: (name: string, text: string) => Promise<string>;
}

export function scratchDirPerTest(prefix: string): ScratchDir {
  let current = '';
  beforeEach(async () => {
    current = await mkdtemp(path.join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await rm(current, { recursive: true, force: true });
  });
  return {
    get path() {
      return current;
    },
    specFile: async (name, text) => {
      const file = path.join(current, name);
      await writeFile(file, text, 'utf8');
      return file;
    },
  };
}
