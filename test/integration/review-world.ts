/**
 * `run(deps)` in-process for the pull-request workflow: the PVE simulator, the GitHub fake with
 * comments, issues, pull requests and secrets, and real event payloads written to a file, so
 * plan → merge → apply (and their reruns) can be driven without the bundle.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ActionDeps } from '../../src/deps.js';
import { REPO, RUNNER_TOKEN, startBackends } from '../fakes/backends.js';
import type { PveSimulator } from '../fakes/pve/index.js';
import type { FakeIssueStore } from '../fakes/github/issue-store.js';
import type { FakeSecrets } from '../fakes/github/secrets.js';
import type { FakeGitHub } from '../fakes/github/server.js';
import { pullRequestEvent, pushEvent, scheduleEvent } from '../e2e/events.js';
import { runRecorded, type RunRecord } from './action-harness.js';

export { REPO };

export interface ReviewWorld {
  readonly sim: PveSimulator;
  readonly github: FakeGitHub;
  readonly store: FakeIssueStore;
  readonly secrets: FakeSecrets;
  readonly specPath: string;
  writeSpec(text: string): Promise<void>;
  /** A `pull_request` run for PR `number` at `headSha` (the PR is created on first use). */
  plan(number: number, headSha: string, inputs?: Inputs, overrides?: Partial<ActionDeps>): Promise<RunRecord>;
  /** Marks PR `number` merged as `sha`. */
  merge(number: number, sha: string): void;
  /** The `push` to the default branch that follows a squash merge of PR `number` as `sha`. */
  push(number: number, sha: string, inputs?: Inputs, overrides?: Partial<ActionDeps>): Promise<RunRecord>;
  /** Any event; `env` adds to (or overrides) the runner's variables. */
  runEvent(eventName: string, event: unknown, env: NodeJS.ProcessEnv, inputs?: Inputs, overrides?: Partial<ActionDeps>): Promise<RunRecord>;
  /** A `schedule` run. */
  schedule(inputs?: Inputs, overrides?: Partial<ActionDeps>): Promise<RunRecord>;
  commentsOn(pr: number): string[];
  stop(): Promise<void>;
}

type Inputs = Readonly<Record<string, string>>;

export async function createReviewWorld(version = '9.1.1'): Promise<ReviewWorld> {
  const backends = await startBackends({ version });
  const { sim, github, store, secrets } = backends;
  const workspace = await mkdtemp(path.join(tmpdir(), 'pa-review-'));
  const specPath = path.join(workspace, 'proxmox-access.yml');
  let events = 0;

  async function runEvent(
    eventName: string,
    event: unknown,
    extra: NodeJS.ProcessEnv,
    inputs: Inputs = {},
    overrides: Partial<ActionDeps> = {},
  ): Promise<RunRecord> {
    const eventPath = path.join(workspace, `event-${(events += 1)}.json`);
    await writeFile(eventPath, JSON.stringify(event));
    const env: NodeJS.ProcessEnv = {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: REPO,
      GITHUB_API_URL: github.origin,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: String(3000 + events),
      ...extra,
    };
    const first = sim.requests.length;
    const record = await runRecorded(
      env,
      { spec: specPath, ...backends.secretInputs, 'github-token': RUNNER_TOKEN, ...inputs },
      overrides,
    );
    return { ...record, simRequests: sim.requests.slice(first).map((r) => ({ ...r })) };
  }

  return {
    sim,
    github,
    store,
    secrets,
    specPath,
    writeSpec: (text) => writeFile(specPath, text),
    runEvent,
    plan(number, headSha, inputs = {}, overrides = {}) {
      if (!store.pull(REPO, number)) store.addPull(REPO, { number, headSha });
      const env = { GITHUB_SHA: 'f0'.repeat(20), GITHUB_REF: `refs/pull/${number}/merge` };
      return runEvent('pull_request', pullRequestEvent(number, headSha), env, inputs, overrides);
    },
    merge(number, sha) {
      const pull = store.pull(REPO, number)!;
      pull.mergedAt = new Date().toISOString();
      pull.mergeCommitSha = sha;
    },
    push(number, sha, inputs = {}, overrides = {}) {
      const env = { GITHUB_SHA: sha, GITHUB_REF: 'refs/heads/main' };
      return runEvent('push', pushEvent(sha, `Change access (#${number})`), env, inputs, overrides);
    },
    schedule(inputs = {}, overrides = {}) {
      return runEvent('schedule', scheduleEvent(), { GITHUB_SHA: 'e2'.repeat(20), GITHUB_REF: 'refs/heads/main' }, inputs, overrides);
    },
    commentsOn: (pr) => store.commentsOn(REPO, pr).map((c) => c.body),
    async stop() {
      await backends.stop();
      await rm(workspace, { recursive: true, force: true });
    },
  };
}
