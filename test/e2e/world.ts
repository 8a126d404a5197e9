/**
 * One world for end-to-end runs: the PVE simulator, the GitHub fake with every route, a
 * workspace holding the spec, and the tokens a runner would pass in.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPveSimulator, type PveSimulator } from '../fakes/pve/index.js';
import { FakeGitHub } from '../fakes/github/server.js';
import { installCommentRoutes } from '../fakes/github/comments.js';
import { installIssueRoutes } from '../fakes/github/issues.js';
import { installPullRoutes } from '../fakes/github/pulls.js';
import { installSecretsRoutes, type FakeSecrets } from '../fakes/github/secrets.js';
import type { FakeIssueStore } from '../fakes/github/issue-store.js';
import { runAction, type ActionResult } from './run-action.js';

export const REPO = 'acme/infra';
/** What `${{ github.token }}` is in these runs: comments and issues, no secrets. */
export const RUNNER_TOKEN = 'ghs_runnerTokenForAcmeInfra000000000001';
/** A fine-grained PAT with Secrets + Environments write, passed as `secrets-token`. */
export const SECRETS_TOKEN = 'github_pat_11SECRETSWRITER0000000000000000000000000';

export interface World {
  readonly sim: PveSimulator;
  readonly github: FakeGitHub;
  readonly store: FakeIssueStore;
  readonly secrets: FakeSecrets;
  readonly workspace: string;
  /** The action's own Proxmox credentials. */
  readonly actionToken: { readonly fullTokenId: string; readonly value: string };
  writeSpec(text: string): Promise<void>;
  run(eventName: string, event: unknown, options?: RunOptions): Promise<ActionResult>;
  stop(): Promise<void>;
}

export interface RunOptions {
  readonly inputs?: Readonly<Record<string, string>>;
  readonly sha?: string;
  readonly ref?: string;
  /** Without Proxmox credentials, as on a fork PR where secrets are not passed. */
  readonly withoutSecrets?: boolean;
  readonly githubToken?: string;
}

export async function createWorld(version = '9.1.1'): Promise<World> {
  const sim = await startPveSimulator({ version });
  const actionToken = sim.createToken('root@pam', 'gha', { privsep: false, comment: 'proxmox-access in CI' });
  const github = await new FakeGitHub().start();
  const store = installCommentRoutes(github);
  installIssueRoutes(github);
  installPullRoutes(github);
  const secrets = installSecretsRoutes(github, {
    repositories: { [REPO]: 701234567 },
    environments: { [REPO]: ['production'] },
  });
  github.tokens.set(RUNNER_TOKEN, { issues: 'write', pullRequests: 'write', contents: 'read', login: 'github-actions[bot]' });
  github.tokens.set(SECRETS_TOKEN, { secrets: true, environments: true, contents: 'read' });
  const workspace = await mkdtemp(path.join(tmpdir(), 'pa-workspace-'));
  return {
    sim,
    github,
    store,
    secrets,
    workspace,
    actionToken,
    writeSpec: (text) => writeFile(path.join(workspace, 'proxmox-access.yml'), text),
    run: (eventName, event, options = {}) =>
      runAction({
        workspace,
        eventName,
        event,
        repository: REPO,
        apiUrl: github.origin,
        ...(options.sha ? { sha: options.sha } : {}),
        ...(options.ref ? { ref: options.ref } : {}),
        inputs: {
          'github-token': options.githubToken ?? RUNNER_TOKEN,
          ...(options.withoutSecrets
            ? {}
            : {
                'proxmox-url': sim.url,
                'proxmox-token-id': actionToken.fullTokenId,
                'proxmox-token-secret': actionToken.value,
                'proxmox-fingerprint': sim.fingerprint,
                'secrets-token': SECRETS_TOKEN,
              }),
          ...options.inputs,
        },
      }),
    stop: async () => {
      await github.stop();
      await sim.stop();
    },
  };
}
