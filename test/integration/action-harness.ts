/**
 * `run(deps)` in-process against the PVE simulator and the GitHub fake, with deps that record
 * everything a run leaves behind: outputs, masks, log lines, annotations, summaries. Retries
 * sleep for no time, so fault tests stay fast while the retry logic still runs for real.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ActionDeps, AnnotationKind, AnnotationProperties } from '../../src/deps.js';
import { createOctokit } from '../../src/github/octokit.js';
import type { Logger } from '../../src/log.js';
import { run, type RunOutcome } from '../../src/main.js';
import { createProxmoxClient } from '../../src/proxmox/client.js';
import { REPO, RUNNER_TOKEN, startBackends } from '../fakes/backends.js';
import type { PveSimulator } from '../fakes/pve/index.js';
import type { FakeSecrets } from '../fakes/github/secrets.js';
import type { FakeGitHub } from '../fakes/github/server.js';

export { REPO, RUNNER_TOKEN, SECRETS_TOKEN } from '../fakes/backends.js';

const WORKFLOW_DISPATCH = fileURLToPath(new URL('../fixtures/events/workflow-dispatch.json', import.meta.url));

export interface RecordedAnnotation {
  readonly kind: AnnotationKind;
  readonly message: string;
  readonly properties: AnnotationProperties;
}

/** Everything one run left behind. */
export interface RunRecord {
  readonly outcome: RunOutcome;
  readonly outputs: Readonly<Record<string, string>>;
  /** Values registered with setSecret, in order. */
  readonly masks: readonly string[];
  /** Log lines as `level: message` (groups as `::group::title`). */
  readonly lines: readonly string[];
  readonly annotations: readonly RecordedAnnotation[];
  readonly summaries: readonly string[];
  /** Simulator requests made during this run. */
  readonly simRequests: readonly { method: string; path: string; body: string; status: number }[];
  /** The log as one text, for matching. */
  readonly log: string;
  /** Masks, outputs and log lines in the order they happened: a secret must be masked before it shows anywhere. */
  readonly journal: readonly { readonly kind: 'mask' | 'output' | 'log'; readonly text: string }[];
}

export interface FaultWorld {
  readonly sim: PveSimulator;
  readonly github: FakeGitHub;
  readonly secrets: FakeSecrets;
  readonly specPath: string;
  /** The action's own Proxmox credentials (root@pam!gha, no privilege separation). */
  readonly actionToken: { readonly fullTokenId: string; readonly value: string };
  /** Every run made in this world, in order. */
  readonly runs: RunRecord[];
  writeSpec(text: string): Promise<void>;
  /** Runs the action in-process; `inputs` override the defaults (apply mode, no approved plan needed). */
  run(inputs?: Readonly<Record<string, string>>): Promise<RunRecord>;
  stop(): Promise<void>;
}

export interface FaultWorldOptions {
  readonly version?: string;
  /** Environments that exist in REPO; default `production`. */
  readonly environments?: readonly string[];
}

export async function createFaultWorld(options: FaultWorldOptions = {}): Promise<FaultWorld> {
  // Manual applies, with no pull request behind them: a comment or PR lookup would be a bug, so it gets a 404.
  const backends = await startBackends({ ...options, issueRoutes: false });
  const { sim, github, secrets, actionToken } = backends;
  const workspace = await mkdtemp(path.join(tmpdir(), 'pa-faults-'));
  const specPath = path.join(workspace, 'proxmox-access.yml');
  const runs: RunRecord[] = [];
  const defaults: Record<string, string> = {
    mode: 'apply',
    spec: specPath,
    ...backends.secretInputs,
    'github-token': RUNNER_TOKEN,
    'require-approved-plan': 'false',
    comment: 'true',
    'allow-deletions': 'true',
  };
  const env: NodeJS.ProcessEnv = {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_EVENT_PATH: WORKFLOW_DISPATCH,
    GITHUB_REPOSITORY: REPO,
    GITHUB_SHA: 'e1'.repeat(20),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_API_URL: github.origin,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '2002',
  };
  return {
    sim,
    github,
    secrets,
    specPath,
    actionToken,
    runs,
    writeSpec: (text) => writeFile(specPath, text),
    async run(inputs = {}) {
      const first = sim.requests.length;
      const record = await runRecorded(env, { ...defaults, ...inputs });
      const done = { ...record, simRequests: sim.requests.slice(first).map((r) => ({ ...r })) };
      runs.push(done);
      return done;
    },
    async stop() {
      await backends.stop();
      await rm(workspace, { recursive: true, force: true });
    },
  };
}

/** One in-process run with recording deps; `writeSummary` may be replaced to inject a failing summary file. */
export async function runRecorded(
  env: NodeJS.ProcessEnv,
  inputs: Readonly<Record<string, string>>,
  overrides: Partial<ActionDeps> = {},
): Promise<Omit<RunRecord, 'simRequests'>> {
  const outputs: Record<string, string> = {};
  const masks: string[] = [];
  const lines: string[] = [];
  const annotations: RecordedAnnotation[] = [];
  const summaries: string[] = [];
  const journal: { kind: 'mask' | 'output' | 'log'; text: string }[] = [];
  const line = (text: string): void => {
    lines.push(text);
    journal.push({ kind: 'log', text });
  };
  const logger: Logger = {
    info: (m) => line(`info: ${m}`),
    warning: (m) => line(`warning: ${m}`),
    error: (m) => line(`error: ${m}`),
    debug: (m) => line(`debug: ${m}`),
    group: async (title, fn) => {
      line(`::group::${title}`);
      try {
        return await fn();
      } finally {
        line('::endgroup::');
      }
    },
  };
  const noWait = (): Promise<void> => Promise.resolve();
  const deps: ActionDeps = {
    env,
    getInput: (name) => inputs[name] ?? '',
    setOutput: (name, value) => {
      outputs[name] = value;
      journal.push({ kind: 'output', text: `${name}=${value}` });
    },
    setSecret: (value) => {
      masks.push(value);
      journal.push({ kind: 'mask', text: value });
    },
    annotate: (kind, message, properties) => void annotations.push({ kind, message, properties }),
    logger,
    readFile: (file) => readFileSync(file, 'utf8'),
    writeSummary: async (markdown) => void summaries.push(markdown),
    now: () => Math.floor(Date.now() / 1000),
    // Real client, real retries; only the backoff waits are skipped.
    connectProxmox: (options) => createProxmoxClient({ ...options, sleep: noWait }),
    octokit: createOctokit,
    sleep: noWait,
    ...overrides,
  };
  const outcome = await run(deps);
  return { outcome, outputs, masks, lines, annotations, summaries, log: lines.join('\n'), journal };
}

/** Requests that change something (PVE's API writes are everything but GET). */
export const writesOf = (record: RunRecord): RunRecord['simRequests'] => record.simRequests.filter((r) => r.method !== 'GET');
