/**
 * A GitHub fake with the issue, comment and pull routes, and real Octokit clients pointed at it:
 * `GITHUB_TOKEN` as a same-repository workflow gets it, and the read-only token of a fork PR.
 */
import net, { type AddressInfo } from 'node:net';
import { afterEach, beforeEach } from 'vitest';
import { createOctokit, type Octokit, type Repo } from '../../src/github/octokit.js';
import { installCommentRoutes } from '../fakes/github/comments.js';
import type { FakeIssueStore } from '../fakes/github/issue-store.js';
import { installIssueRoutes } from '../fakes/github/issues.js';
import { installPullRoutes } from '../fakes/github/pulls.js';
import { FakeGitHub } from '../fakes/github/server.js';

export const REPO: Repo = { owner: 'acme', repo: 'infra' };
export const FULL_NAME = `${REPO.owner}/${REPO.repo}`;
export const WRITE_TOKEN = 'ghs_workflowTokenWithWriteAccess0001';
export const FORK_TOKEN = 'ghs_forkPullRequestReadOnlyToken0002';

export interface GitHubHarness {
  readonly fake: FakeGitHub;
  readonly store: FakeIssueStore;
  octokit(token?: string): Octokit;
}

/** Starts a fresh fake before each test and stops it after; read the fields inside tests only. */
export function useGitHubFake(): GitHubHarness {
  let fake: FakeGitHub | undefined;
  let store: FakeIssueStore | undefined;
  beforeEach(async () => {
    fake = await new FakeGitHub().start();
    fake.tokens.set(WRITE_TOKEN, { issues: 'write', pullRequests: 'write', contents: 'read' });
    fake.tokens.set(FORK_TOKEN, { issues: 'read', pullRequests: 'read', contents: 'read' });
    installCommentRoutes(fake);
    installIssueRoutes(fake);
    store = installPullRoutes(fake);
  });
  afterEach(async () => {
    await fake?.stop();
  });
  return {
    get fake() {
      return fake!;
    },
    get store() {
      return store!;
    },
    octokit: (token = WRITE_TOKEN) => createOctokit(token, fake!.origin),
  };
}

/** A 64-hex digest that differs per seed. */
export const digest = (seed: string): string => seed.repeat(64).slice(0, 64);

/** A loopback port nothing listens on: bound once, then released. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
