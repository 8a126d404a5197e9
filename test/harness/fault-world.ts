/**
 * Manual applies on the in-process runner (`workflow_dispatch`, mode apply, no reviewed plan
 * needed), for fault tests: the world without comment, issue and pull request routes, since a
 * run with no pull request behind it must not look for one (such a lookup gets a 404).
 */
import { RUNNER_TOKEN } from '../fakes/backends.js';
import type { FakeSecrets } from '../fakes/github/secrets.js';
import type { FakeGitHub } from '../fakes/github/server.js';
import type { PveSimulator } from '../fakes/pve/index.js';
import { workflowDispatchEvent } from './events.js';
import type { RunRecord } from './in-process.js';
import { createWorld, type World } from './world.js';

export { REPO, RUNNER_TOKEN, SECRETS_TOKEN } from '../fakes/backends.js';
export { writesOf, type RecordedAnnotation, type RunRecord } from './in-process.js';

export interface FaultWorld {
  readonly sim: PveSimulator;
  readonly github: FakeGitHub;
  readonly secrets: FakeSecrets;
  readonly specPath: string;
  /** The action's own Proxmox credentials (root@pam!gha, no privilege separation). */
  readonly actionToken: { readonly fullTokenId: string; readonly value: string };
  /** Every run made in this world, in order. */
  readonly runs: readonly RunRecord[];
  /** The world underneath, for leak checks. */
  readonly world: World;
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
  const world = await createWorld({ ...options, issueRoutes: false });
  const defaults: Record<string, string> = {
    mode: 'apply',
    spec: world.specPath,
    ...world.secretInputs,
    'github-token': RUNNER_TOKEN,
    'require-approved-plan': 'false',
    comment: 'true',
    'allow-deletions': 'true',
  };
  return {
    sim: world.sim,
    github: world.github,
    secrets: world.secrets,
    specPath: world.specPath,
    actionToken: world.actionToken,
    runs: world.records,
    world,
    writeSpec: (text) => world.writeSpec(text),
    run: (inputs = {}) =>
      world.runInProcess('workflow_dispatch', workflowDispatchEvent(), {
        inputs: { ...defaults, ...inputs },
        runId: 2002,
        env: { GITHUB_SHA: 'e1'.repeat(20), GITHUB_REF: 'refs/heads/main' },
      }),
    stop: () => world.stop(),
  };
}
