/**
 * Issue comments on the GitHub fake (PR conversation comments are issue comments): list with
 * pagination and `since`, create, get, update, delete. Writes need `issues: write`, or
 * `pull-requests: write` on a pull request; a fork PR's read-only token gets GitHub's 403.
 */
import { bodyTooLong, BODY_LIMIT, can, characters, denied, pathNumber, repoOf } from './issue-access.js';
import { commentJson } from './issue-json.js';
import { checkBody } from './issue-schemas.js';
import { issueStore, type FakeIssueStore } from './issue-store.js';
import { error, paginate, type FakeGitHub, type FakeRequest, type FakeResponse } from './server.js';

const DOCS = 'https://docs.github.com/rest/issues/comments';

/** Registers the comment routes; returns the store shared with the issue and pull routes. */
export function installCommentRoutes(fake: FakeGitHub): FakeIssueStore {
  const store = issueStore(fake);

  /** Who may write on this issue: PR comments accept either permission. */
  const writeAreas = (repo: string, number: number) =>
    store.issue(repo, number)?.isPullRequest ? (['issues', 'pullRequests'] as const) : (['issues'] as const);

  fake.route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', (req, params) => {
    const repo = repoOf(params);
    if (!can(req.grant, 'read', 'issues', 'pullRequests')) return denied('read', 'issues', 'pullRequests');
    const number = pathNumber(params.issue_number);
    if (number === undefined || !store.issue(repo, number)) return error(404, 'Not Found');
    const since = req.query.get('since');
    const comments = store.commentsOn(repo, number).filter((c) => since === null || c.updatedAt >= since);
    return paginate(
      req,
      fake.origin,
      comments.map((c) => commentJson(store, c, fake.origin)),
    );
  });

  fake.route('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', (req, params) => {
    const repo = repoOf(params);
    const number = pathNumber(params.issue_number);
    if (number === undefined || !store.issue(repo, number)) return error(404, 'Not Found');
    const areas = writeAreas(repo, number);
    if (!can(req.grant, 'write', ...areas)) return denied('write', ...areas);
    const invalid = checkBody('issues/create-comment', req.body) ?? tooLong(req, 'create-an-issue-comment');
    if (invalid) return invalid;
    const comment = store.addComment(repo, number, bodyOf(req), store.userOf(req.grant));
    return { status: 201, body: commentJson(store, comment, fake.origin) };
  });

  fake.route('GET', '/repos/{owner}/{repo}/issues/comments/{comment_id}', (req, params) => {
    if (!can(req.grant, 'read', 'issues', 'pullRequests')) return denied('read', 'issues', 'pullRequests');
    const comment = store.comment(repoOf(params), pathNumber(params.comment_id) ?? -1);
    return comment ? { status: 200, body: commentJson(store, comment, fake.origin) } : error(404, 'Not Found');
  });

  fake.route('PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}', (req, params) => {
    const comment = store.comment(repoOf(params), pathNumber(params.comment_id) ?? -1);
    if (!comment) return error(404, 'Not Found');
    const areas = writeAreas(comment.repo, comment.issueNumber);
    if (!can(req.grant, 'write', ...areas)) return denied('write', ...areas);
    const invalid = checkBody('issues/update-comment', req.body) ?? tooLong(req, 'update-an-issue-comment');
    if (invalid) return invalid;
    comment.body = bodyOf(req);
    comment.updatedAt = store.now();
    return { status: 200, body: commentJson(store, comment, fake.origin) };
  });

  fake.route('DELETE', '/repos/{owner}/{repo}/issues/comments/{comment_id}', (req, params) => {
    const comment = store.comment(repoOf(params), pathNumber(params.comment_id) ?? -1);
    if (!comment) return error(404, 'Not Found');
    const areas = writeAreas(comment.repo, comment.issueNumber);
    if (!can(req.grant, 'write', ...areas)) return denied('write', ...areas);
    store.comments.splice(store.comments.indexOf(comment), 1);
    return { status: 204 };
  });

  return store;
}

const bodyOf = (req: FakeRequest): string => (req.body as { body: string }).body;

function tooLong(req: FakeRequest, anchor: string): FakeResponse | undefined {
  return characters(bodyOf(req)) > BODY_LIMIT ? bodyTooLong('IssueComment', `${DOCS}#${anchor}`) : undefined;
}
