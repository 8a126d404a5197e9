/**
 * Runs the bundled action (`dist/index.js`) the way the runner does: a clean environment with
 * INPUT_* variables (dashes kept, upper-cased), an event payload file, GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, in the workspace directory.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { githubContextEnv } from './runner-env.js';

const DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

export interface ActionInvocation {
  readonly workspace: string;
  readonly eventName: string;
  readonly event: unknown;
  readonly inputs: Readonly<Record<string, string>>;
  readonly repository: string;
  readonly sha?: string;
  readonly ref?: string;
  readonly apiUrl: string;
  readonly runId?: number;
  /** Extra environment, e.g. NODE_EXTRA_CA_CERTS must NOT be needed: the action pins on its own. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface ActionResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Readonly<Record<string, string>>;
  readonly summary: string;
}

/** Action defaults from action.yml that the runner would fill in for inputs not given. */
const RUNNER_DEFAULTS: Record<string, string> = {
  mode: 'auto',
  spec: 'proxmox-access.yml',
  'proxmox-insecure': 'false',
  comment: 'true',
  'require-approved-plan': 'true',
  'fail-on-drift': 'false',
  'drift-issue': 'true',
  'allow-deletions': 'true',
};

export async function runAction(invocation: ActionInvocation): Promise<ActionResult> {
  const files = await mkdtemp(path.join(tmpdir(), 'pa-runner-'));
  const eventPath = path.join(files, 'event.json');
  const outputPath = path.join(files, 'output');
  const summaryPath = path.join(files, 'summary');
  await writeFile(eventPath, JSON.stringify(invocation.event));
  await writeFile(outputPath, '');
  await writeFile(summaryPath, '');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? files,
    CI: 'true',
    ...githubContextEnv({
      ...invocation,
      eventPath,
      sha: invocation.sha ?? '0000000000000000000000000000000000000000',
      ref: invocation.ref ?? 'refs/heads/main',
    }),
    GITHUB_REPOSITORY_OWNER: invocation.repository.split('/')[0] ?? '',
    GITHUB_WORKSPACE: invocation.workspace,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    RUNNER_TEMP: files,
    ...invocation.env,
  };
  for (const [name, value] of Object.entries({ ...RUNNER_DEFAULTS, ...invocation.inputs })) {
    env[`INPUT_${name.toUpperCase()}`] = value;
  }
  const { exitCode, stdout, stderr } = await spawnNode(DIST, env, invocation.workspace);
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(outputPath, 'utf8')),
    summary: await readFile(summaryPath, 'utf8'),
  };
}

function spawnNode(
  script: string,
  env: Record<string, string>,
  cwd: string,
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? 1, stdout, stderr }));
  });
}

/** The runner's file command format: `name<<DELIMITER\nvalue\nDELIMITER\n`. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const [, name, delimiter] = m;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!);
    outputs[name!] = value.join('\n');
  }
  return outputs;
}
