/**
 * Pull requests on the GitHub fake: `GET commits/{sha}/pulls` (which PRs a commit belongs to,
 * with an optional lag during which it answers `[]`, as GitHub does right after a squash merge)
 * and `GET pulls/{n}`. Seed PRs with `store.addPull`; a PR is an issue too, so it takes comments.
 */
import { can, denied, pathNumber, repoOf } from './issue-access.js';
import { pullJson, pullSimpleJson } from './issue-json.js';
import { issueStore, type FakeIssueStore } from './issue-store.js';
import { error, paginate, type FakeGitHub } from './server.js';

export interface FakePullOptions {
  /** The first this-many `commits/{sha}/pulls` calls answer `[]`. */
  readonly lag?: number;
}

/** Registers the pull-request routes; returns the store shared with the issue and comment routes. */
export function installPullRoutes(fake: FakeGitHub, options: FakePullOptions = {}): FakeIssueStore {
  const store = issueStore(fake);
  if (options.lag !== undefined) store.commitPullsLag = options.lag;

  fake.route('GET', '/repos/{owner}/{repo}/commits/{commit_sha}/pulls', (req, params) => {
    if (!can(req.grant, 'read', 'contents', 'pullRequests')) return denied('read', 'contents', 'pullRequests');
    if (store.commitPullsLag > 0) {
      store.commitPullsLag -= 1;
      return { status: 200, body: [] };
    }
    const ref = params.commit_sha!;
    const repo = repoOf(params);
    // A branch name lists that branch's pull requests, as the API description says.
    const pulls = store.pulls.filter(
      (p) =>
        p.repo.toLowerCase() === repo.toLowerCase() &&
        (p.mergeCommitSha === ref || p.headSha === ref || p.commits.includes(ref) || p.headRef === ref),
    );
    return paginate(
      req,
      fake.origin,
      pulls.map((p) => pullSimpleJson(store, p, fake.origin)),
    );
  });

  fake.route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}', (req, params) => {
    if (!can(req.grant, 'read', 'pullRequests')) return denied('read', 'pullRequests');
    const pull = store.pull(repoOf(params), pathNumber(params.pull_number) ?? -1);
    return pull ? { status: 200, body: pullJson(store, pull, fake.origin) } : error(404, 'Not Found');
  });

  return store;
}
