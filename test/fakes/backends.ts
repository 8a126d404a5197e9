/**
 * The two services every action-level test runs against: the PVE simulator with the action's
 * own token, and the GitHub fake that holds REPO and knows the runner's token and a secrets PAT.
 */
import { startPveSimulator, type PveSimulator } from './pve/index.js';
import { installCommentRoutes } from './github/comments.js';
import { installContentsRoutes, type FakeContents } from './github/contents.js';
import { installIssueRoutes } from './github/issues.js';
import { issueStore, type FakeIssueStore } from './github/issue-store.js';
import { installOidcRoutes, type FakeOidc } from './github/oidc.js';
import { installPullRoutes } from './github/pulls.js';
import { installSecretsRoutes, type FakeSecrets } from './github/secrets.js';
import { FakeGitHub } from './github/server.js';

export const REPO = 'acme/infra';
/** What `${{ github.token }}` is: comments and issues, no Actions secrets. */
export const RUNNER_TOKEN = 'ghs_runnerTokenForAcmeInfra000000000001';
/** A fine-grained PAT with Secrets + Environments write, passed as `secrets-token`. */
export const SECRETS_TOKEN = 'github_pat_11SECRETSWRITER0000000000000000000000000';

export interface BackendsOptions {
  /** The simulated PVE version; default `9.1.1`. */
  readonly version?: string;
  /** Environments that exist in REPO; default `production`. */
  readonly environments?: readonly string[];
  /** Comment, issue and pull request routes; default true. Without them only secrets calls are answered. */
  readonly issueRoutes?: boolean;
}

export interface Backends {
  readonly sim: PveSimulator;
  /** The action's own Proxmox credentials (root@pam!gha, no privilege separation). */
  readonly actionToken: { readonly fullTokenId: string; readonly value: string };
  readonly github: FakeGitHub;
  /** Issues, comments and pull requests of the GitHub fake (empty and unreachable without `issueRoutes`). */
  readonly store: FakeIssueStore;
  readonly secrets: FakeSecrets;
  /** The runner's OIDC token endpoint for REPO (`oidc.env()` is what a job with `id-token: write` gets). */
  readonly oidc: FakeOidc;
  /** Files of commits, served by the contents endpoint (how a fork's spec is read). */
  readonly contents: FakeContents;
  /** The inputs a workflow passes from its secrets: where the cluster is, how to log in, `secrets-token`. */
  readonly secretInputs: Readonly<Record<string, string>>;
  stop: () => Promise<void>;
}

export async function startBackends(options: BackendsOptions = {}): Promise<Backends> {
  const sim = await startPveSimulator({ version: options.version ?? '9.1.1' });
  const actionToken = sim.createToken('root@pam', 'gha', { privsep: false, comment: 'proxmox-access in CI' });
  const github = await new FakeGitHub().start();
  if (options.issueRoutes ?? true) {
    installCommentRoutes(github);
    installIssueRoutes(github);
    installPullRoutes(github);
  }
  const contents = installContentsRoutes(github);
  const secrets = installSecretsRoutes(github, {
    repositories: { [REPO]: 701234567 },
    environments: { [REPO]: options.environments ?? ['production'] },
  });
  github.tokens.set(RUNNER_TOKEN, { issues: 'write', pullRequests: 'write', contents: 'read', login: 'github-actions[bot]' });
  github.tokens.set(SECRETS_TOKEN, { secrets: true, environments: true, contents: 'read' });
  return {
    sim,
    actionToken,
    github,
    store: issueStore(github),
    secrets,
    oidc: installOidcRoutes(github, { repository: REPO, ref: 'refs/heads/main' }),
    contents,
    secretInputs: {
      'proxmox-url': sim.url,
      'proxmox-token-id': actionToken.fullTokenId,
      'proxmox-token-secret': actionToken.value,
      'proxmox-fingerprint': sim.fingerprint,
      'secrets-token': SECRETS_TOKEN,
    },
    stop: async () => {
      await github.stop();
      await sim.stop();
    },
  };
}
