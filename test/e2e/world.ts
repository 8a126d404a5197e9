/**
 * One world for end-to-end runs: the PVE simulator, the GitHub fake with every route, a
 * workspace holding the spec, and the tokens a runner would pass in.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO, RUNNER_TOKEN, startBackends, type Backends } from '../fakes/backends.js';
import { runAction, type ActionResult } from './run-action.js';

export { REPO, RUNNER_TOKEN, SECRETS_TOKEN } from '../fakes/backends.js';

export interface World extends Omit<Backends, 'secretInputs'> {
  readonly workspace: string;
  /** Every run made in this world, in order (for the leak checks at the end of a file). */
  readonly runs: readonly ActionResult[];
  /** Every text the GitHub fake holds or was sent (comment and issue bodies, the request transcript), for leak checks. */
  githubTexts(): Readonly<Record<string, string>>;
  writeSpec(text: string): Promise<void>;
  run(eventName: string, event: unknown, options?: RunOptions): Promise<ActionResult>;
}

export interface RunOptions {
  readonly inputs?: Readonly<Record<string, string>>;
  readonly sha?: string;
  readonly ref?: string;
  /** Without Proxmox credentials, as on a fork PR where secrets are not passed. */
  readonly withoutSecrets?: boolean;
  readonly githubToken?: string;
  /** Another workspace, e.g. an empty one for a job that checks nothing out. */
  readonly workspace?: string;
}

export async function createWorld(version = '9.1.1'): Promise<World> {
  const { secretInputs, ...backends } = await startBackends({ version });
  const workspace = await mkdtemp(path.join(tmpdir(), 'pa-workspace-'));
  const runs: ActionResult[] = [];
  return {
    ...backends,
    workspace,
    runs,
    githubTexts: () => ({
      comments: backends.store.comments.map((c) => c.body).join('\n'),
      issues: backends.store.issues.map((i) => `${i.title}\n${i.body ?? ''}`).join('\n'),
      'GitHub requests': backends.github.transcript(),
    }),
    writeSpec: (text) => writeFile(path.join(workspace, 'proxmox-access.yml'), text),
    async run(eventName, event, options = {}) {
      const result = await runAction({
        workspace: options.workspace ?? workspace,
        eventName,
        event,
        repository: REPO,
        apiUrl: backends.github.origin,
        ...(options.sha ? { sha: options.sha } : {}),
        ...(options.ref ? { ref: options.ref } : {}),
        inputs: {
          'github-token': options.githubToken ?? RUNNER_TOKEN,
          ...(options.withoutSecrets ? {} : secretInputs),
          ...options.inputs,
        },
      });
      runs.push(result);
      return result;
    },
  };
}
