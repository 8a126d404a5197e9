/**
 * The pull-request workflow on the in-process runner: the PVE simulator, the GitHub fake with
 * comments, issues, pull requests and secrets, and real event payloads written to a file, so
 * plan → merge → apply (and their reruns) can be driven without the bundle.
 */
import type { ActionDeps } from '../../src/deps.js';
import { REPO, RUNNER_TOKEN } from '../fakes/backends.js';
import type { PveSimulator } from '../fakes/pve/index.js';
import type { FakeIssueStore } from '../fakes/github/issue-store.js';
import type { FakeSecrets } from '../fakes/github/secrets.js';
import type { FakeGitHub } from '../fakes/github/server.js';
import { pullRequestEvent, pushEvent, scheduleEvent } from './events.js';
import type { RunRecord } from './in-process.js';
import { createWorld, type World } from './world.js';

export { REPO };

export interface ReviewWorld {
  readonly sim: PveSimulator;
  readonly github: FakeGitHub;
  readonly store: FakeIssueStore;
  readonly secrets: FakeSecrets;
  readonly specPath: string;
  /** The world underneath, for leak checks. */
  readonly world: World;
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
  const world: World = await createWorld({ version });
  const { sim, github, store, secrets, specPath } = world;

  function runEvent(
    eventName: string,
    event: unknown,
    extra: NodeJS.ProcessEnv,
    inputs: Inputs = {},
    overrides: Partial<ActionDeps> = {},
  ): Promise<RunRecord> {
    return world.runInProcess(eventName, event, {
      env: extra,
      runId: 3000 + world.records.length + 1,
      inputs: { spec: specPath, ...world.secretInputs, 'github-token': RUNNER_TOKEN, ...inputs },
      overrides,
    });
  }

  return {
    sim,
    github,
    store,
    secrets,
    specPath,
    world,
    writeSpec: (text) => world.writeSpec(text),
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
    stop: () => world.stop(),
  };
}
