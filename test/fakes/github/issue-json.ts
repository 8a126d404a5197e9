/**
 * Wire shapes of issues, comments, labels and pull requests as GitHub's REST API returns them
 * (the fields of the API description's examples that a client could plausibly read).
 */
import type { FakeIssueStore, FakeUser, StoredComment, StoredIssue, StoredLabel, StoredPull } from './issue-store.js';

const WEB = 'https://github.com';

export function userJson(user: FakeUser, origin: string): Record<string, unknown> {
  return {
    login: user.login,
    id: user.id,
    node_id: `MDQ6VXNlcj${user.id}`,
    url: `${origin}/users/${encodeURIComponent(user.login)}`,
    html_url: `${WEB}/${user.login.replace(/\[bot\]$/, '')}`,
    type: user.type,
    site_admin: false,
  };
}

export function labelJson(label: StoredLabel, repo: string, origin: string): Record<string, unknown> {
  return {
    id: label.id,
    node_id: `MDU6TGFiZWw${label.id}`,
    url: `${origin}/repos/${repo}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: false,
  };
}

export function issueJson(store: FakeIssueStore, issue: StoredIssue, origin: string): Record<string, unknown> {
  const api = `${origin}/repos/${issue.repo}/issues/${issue.number}`;
  const kind = issue.isPullRequest ? 'pull' : 'issues';
  return {
    id: issue.number * 1000 + 7,
    node_id: `MDU6SXNzdWU${issue.number}`,
    url: api,
    repository_url: `${origin}/repos/${issue.repo}`,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    html_url: `${WEB}/${issue.repo}/${kind}/${issue.number}`,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: userJson(issue.user, origin),
    labels: issue.labels.map((name) => labelJson(store.ensureLabel(issue.repo, name), issue.repo, origin)),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    comments: store.commentsOn(issue.repo, issue.number).length,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: 'NONE',
    ...(issue.isPullRequest
      ? {
          pull_request: {
            url: `${origin}/repos/${issue.repo}/pulls/${issue.number}`,
            html_url: `${WEB}/${issue.repo}/pull/${issue.number}`,
            diff_url: `${WEB}/${issue.repo}/pull/${issue.number}.diff`,
            patch_url: `${WEB}/${issue.repo}/pull/${issue.number}.patch`,
          },
        }
      : {}),
  };
}

export function commentJson(store: FakeIssueStore, comment: StoredComment, origin: string): Record<string, unknown> {
  const kind = store.issue(comment.repo, comment.issueNumber)?.isPullRequest ? 'pull' : 'issues';
  return {
    id: comment.id,
    node_id: `IC_kwDO${comment.id}`,
    url: `${origin}/repos/${comment.repo}/issues/comments/${comment.id}`,
    html_url: `${WEB}/${comment.repo}/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${origin}/repos/${comment.repo}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: userJson(comment.user, origin),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: comment.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    performed_via_github_app: null,
  };
}

/** The `pull-request-simple` shape of list endpoints such as `commits/{sha}/pulls`. */
export function pullSimpleJson(store: FakeIssueStore, pull: StoredPull, origin: string): Record<string, unknown> {
  const issue = store.issue(pull.repo, pull.number)!;
  const branch = (ref: string, sha: string, repo: string | null) => ({
    label: `${repo?.split('/')[0] ?? 'unknown'}:${ref}`,
    ref,
    sha,
    repo: repo === null ? null : { id: repo.length * 7919, name: repo.split('/')[1], full_name: repo, fork: repo !== pull.repo },
  });
  return {
    url: `${origin}/repos/${pull.repo}/pulls/${pull.number}`,
    id: pull.number * 1000 + 3,
    node_id: `PR_kwDO${pull.number}`,
    html_url: `${WEB}/${pull.repo}/pull/${pull.number}`,
    issue_url: `${origin}/repos/${pull.repo}/issues/${pull.number}`,
    number: pull.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: userJson(issue.user, origin),
    body: issue.body,
    labels: [],
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    draft: false,
    head: branch(pull.headRef, pull.headSha, pull.headRepo),
    base: branch(pull.baseRef, 'b'.repeat(40), pull.repo),
    author_association: 'MEMBER',
  };
}

/** The full pull-request shape of `GET pulls/{n}`. */
export function pullJson(store: FakeIssueStore, pull: StoredPull, origin: string): Record<string, unknown> {
  return {
    ...pullSimpleJson(store, pull, origin),
    merged: pull.mergedAt !== null,
    mergeable: pull.mergedAt === null ? true : null,
    merged_by: null,
    comments: store.commentsOn(pull.repo, pull.number).length,
    commits: pull.commits.length + 1,
  };
}
