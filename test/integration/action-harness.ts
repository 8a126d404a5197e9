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
import { startPveSimulator, type PveSimulator } from '../fakes/pve/index.js';
import { installSecretsRoutes, type FakeSecrets } from '../fakes/github/secrets.js';
import { FakeGitHub } from '../fakes/github/server.js';

export const REPO = 'acme/infra';
/** What `${{ github.token }}` is: no Actions secrets permission, as GITHUB_TOKEN. */
export const RUNNER_TOKEN = 'ghs_runnerTokenWithoutSecrets000000000001';
/** A fine-grained PAT with Secrets + Environments write. */
export const SECRETS_TOKEN = 'github_pat_11FAULTTESTSECRETSWRITER000000000000000';

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
  const sim = await startPveSimulator({ version: options.version ?? '9.1.1', latencyMs: 0 });
  const actionToken = sim.createToken('root@pam', 'gha', { privsep: false, comment: 'proxmox-access in CI' });
  const github = await new FakeGitHub().start();
  const secrets = installSecretsRoutes(github, {
    repositories: { [REPO]: 701234567 },
    environments: { [REPO]: options.environments ?? ['production'] },
  });
  github.tokens.set(RUNNER_TOKEN, { issues: 'write', pullRequests: 'write', contents: 'read' });
  github.tokens.set(SECRETS_TOKEN, { secrets: true, environments: true, contents: 'read' });
  const workspace = await mkdtemp(path.join(tmpdir(), 'pa-faults-'));
  const specPath = path.join(workspace, 'proxmox-access.yml');
  const runs: RunRecord[] = [];
  const defaults: Record<string, string> = {
    mode: 'apply',
    spec: specPath,
    'proxmox-url': sim.url,
    'proxmox-token-id': actionToken.fullTokenId,
    'proxmox-token-secret': actionToken.value,
    'proxmox-fingerprint': sim.fingerprint,
    'github-token': RUNNER_TOKEN,
    'secrets-token': SECRETS_TOKEN,
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
      await github.stop();
      await sim.stop();
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
