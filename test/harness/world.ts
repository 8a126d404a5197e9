/**
 * One world for action-level tests: the PVE simulator, the GitHub fake, a workspace holding the
 * spec, and the tokens a runner would pass in. Two runners share it: `run` spawns the bundled
 * `dist/index.js` as the runner does, `runInProcess` calls `run(deps)` with recording deps. Both
 * take the same event payloads and GitHub context variables.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ActionDeps } from '../../src/deps.js';
import type { FakeVault } from '../fakes/vault/index.js';
import { REPO, RUNNER_TOKEN, startBackends, type Backends, type BackendsOptions } from '../fakes/backends.js';
import { runRecorded, type RunRecord } from './in-process.js';
import { githubContextEnv } from './runner-env.js';
import { runAction, type ActionResult } from './spawned.js';

export { REPO, RUNNER_TOKEN, SECRETS_TOKEN } from '../fakes/backends.js';

type Inputs = Readonly<Record<string, string>>;

export interface World extends Backends {
  readonly workspace: string;
  /** `proxmox-access.yml` in the workspace. */
  readonly specPath: string;
  /** Every spawned run made in this world, in order. */
  readonly runs: readonly ActionResult[];
  /** Every in-process run made in this world, in order. */
  readonly records: readonly RunRecord[];
  /** The Vault fake of this world, once a test attached one (`attachVault` in vault-world.ts); its requests are leak-checked too. */
  vault: FakeVault | undefined;
  /** Every text the GitHub fake holds or was sent (comment and issue bodies, the request transcript), for leak checks. */
  githubTexts(): Readonly<Record<string, string>>;
  writeSpec(text: string): Promise<void>;
  /** Spawns `dist/index.js` for one event; the runner fills in action.yml defaults. */
  run(eventName: string, event: unknown, options?: RunOptions): Promise<ActionResult>;
  /** Calls `run(deps)` for one event; only the inputs given exist. */
  runInProcess(eventName: string, event: unknown, options: InProcessOptions): Promise<RunRecord>;
  stop(): Promise<void>;
}

export interface RunOptions {
  readonly inputs?: Inputs;
  readonly sha?: string;
  readonly ref?: string;
  /** Without Proxmox credentials, as on a fork PR where secrets are not passed. */
  readonly withoutSecrets?: boolean;
  readonly githubToken?: string;
  /** Another workspace, e.g. an empty one for a job that checks nothing out. */
  readonly workspace?: string;
  /** More runner variables, e.g. the OIDC token endpoint of a job with `id-token: write`. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface InProcessOptions {
  /** The complete inputs of the step. */
  readonly inputs: Inputs;
  readonly runId: number;
  /** More runner variables, e.g. GITHUB_SHA and GITHUB_REF (left out when not given). */
  readonly env?: NodeJS.ProcessEnv;
  /** Replaces recording deps, e.g. a failing summary file or a fixed clock. */
  readonly overrides?: Partial<ActionDeps>;
}

/** A world for `version` (default 9.1.1), or with the given backend options. */
export async function createWorld(options: string | BackendsOptions = {}): Promise<World> {
  const backends = await startBackends(typeof options === 'string' ? { version: options } : options);
  const workspace = await mkdtemp(path.join(tmpdir(), 'pa-workspace-'));
  const specPath = path.join(workspace, 'proxmox-access.yml');
  const runs: ActionResult[] = [];
  const records: RunRecord[] = [];
  let events = 0;
  const world: World = {
    ...backends,
    workspace,
    specPath,
    runs,
    records,
    vault: undefined,
    githubTexts: () => ({
      comments: backends.store.comments.map((c) => c.body).join('\n'),
      issues: backends.store.issues.map((i) => `${i.title}\n${i.body ?? ''}`).join('\n'),
      'GitHub requests': backends.github.transcript(),
    }),
    writeSpec: (text) => writeFile(specPath, text),
    async run(eventName, event, options = {}) {
      const result = await runAction({
        workspace: options.workspace ?? workspace,
        eventName,
        event,
        repository: REPO,
        apiUrl: backends.github.origin,
        ...(options.sha ? { sha: options.sha } : {}),
        ...(options.ref ? { ref: options.ref } : {}),
        ...(options.env ? { env: options.env } : {}),
        inputs: {
          'github-token': options.githubToken ?? RUNNER_TOKEN,
          ...(options.withoutSecrets ? {} : backends.secretInputs),
          ...options.inputs,
        },
      });
      runs.push(result);
      return result;
    },
    async runInProcess(eventName, event, options) {
      const eventPath = path.join(workspace, `event-${(events += 1)}.json`);
      await writeFile(eventPath, JSON.stringify(event));
      const env = {
        ...githubContextEnv({ eventName, eventPath, repository: REPO, apiUrl: backends.github.origin, runId: options.runId }),
        ...options.env,
      };
      const first = backends.sim.requests.length;
      const record = await runRecorded(env, options.inputs, options.overrides);
      const done = { ...record, simRequests: backends.sim.requests.slice(first).map((r) => ({ ...r })) };
      records.push(done);
      return done;
    },
    async stop() {
      await world.vault?.stop();
      await backends.stop();
      await rm(workspace, { recursive: true, force: true });
    },
  };
  return world;
}
