/**
 * Issues and labels on the GitHub fake: list (state, labels, creator filters; pull requests are
 * included, as on GitHub), create, get, update (close/reopen, labels replace), and labels
 * list/get/create. Writes need `issues: write`.
 */
import { bodyTooLong, BODY_LIMIT, can, characters, denied, pathNumber, repoOf, validationFailed } from './issue-access.js';
import { issueJson, labelJson } from './issue-json.js';
import { checkBody } from './issue-schemas.js';
import { issueStore, type FakeIssueStore, type StoredIssue } from './issue-store.js';
import { error, paginate, type FakeGitHub, type FakeRequest, type FakeResponse } from './server.js';

const DOCS = 'https://docs.github.com/rest/issues';

type LabelInput = string | { name?: string };
interface IssueWrite {
  title?: string | number | null;
  body?: string | null;
  state?: 'open' | 'closed';
  state_reason?: string | null;
  labels?: LabelInput[];
}

/** Registers the issue and label routes; returns the store shared with the comment and pull routes. */
export function installIssueRoutes(fake: FakeGitHub): FakeIssueStore {
  const store = issueStore(fake);
  const json = (issue: StoredIssue) => issueJson(store, issue, fake.origin);
  const labelNames = (repo: string, labels: LabelInput[]) =>
    labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).map((name) => store.ensureLabel(repo, name).name);

  fake.route('GET', '/repos/{owner}/{repo}/issues', (req, params) => {
    if (!can(req.grant, 'read', 'issues')) return denied('read', 'issues');
    const state = req.query.get('state') ?? 'open';
    const wanted = (req.query.get('labels') ?? '')
      .split(',')
      .map((l) => l.trim().toLowerCase())
      .filter((l) => l !== '');
    const creator = req.query.get('creator');
    const direction = req.query.get('direction') === 'asc' ? 1 : -1;
    const sortKey = req.query.get('sort') === 'updated' ? 'updatedAt' : 'createdAt';
    const issues = store
      .issuesOf(repoOf(params))
      .filter((i) => state === 'all' || i.state === state)
      .filter((i) => wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w)))
      .filter((i) => creator === null || i.user.login === creator)
      .sort((a, b) => direction * a[sortKey].localeCompare(b[sortKey]));
    return paginate(req, fake.origin, issues.map(json));
  });

  fake.route('POST', '/repos/{owner}/{repo}/issues', (req, params) => {
    if (!can(req.grant, 'write', 'issues')) return denied('write', 'issues');
    const invalid = checkBody('issues/create', req.body) ?? tooLong(req, 'create-an-issue');
    if (invalid) return invalid;
    const body = req.body as IssueWrite;
    const repo = repoOf(params);
    const issue = store.addIssue(repo, {
      title: String(body.title),
      ...(typeof body.body === 'string' ? { body: body.body } : {}),
      labels: labelNames(repo, body.labels ?? []),
      user: store.userOf(req.grant),
    });
    return { status: 201, body: json(issue) };
  });

  fake.route('GET', '/repos/{owner}/{repo}/issues/{issue_number}', (req, params) => {
    if (!can(req.grant, 'read', 'issues', 'pullRequests')) return denied('read', 'issues');
    const issue = store.issue(repoOf(params), pathNumber(params.issue_number) ?? -1);
    return issue ? { status: 200, body: json(issue) } : error(404, 'Not Found');
  });

  fake.route('PATCH', '/repos/{owner}/{repo}/issues/{issue_number}', (req, params) => {
    const issue = store.issue(repoOf(params), pathNumber(params.issue_number) ?? -1);
    if (!issue) return error(404, 'Not Found');
    if (!can(req.grant, 'write', 'issues')) return denied('write', 'issues');
    const invalid = checkBody('issues/update', req.body) ?? tooLong(req, 'update-an-issue');
    if (invalid) return invalid;
    update(issue, req.body as IssueWrite, (labels) => labelNames(issue.repo, labels), store.now());
    return { status: 200, body: json(issue) };
  });

  fake.route('GET', '/repos/{owner}/{repo}/labels', (req, params) => {
    if (!can(req.grant, 'read', 'issues', 'pullRequests')) return denied('read', 'issues');
    const repo = repoOf(params);
    return paginate(
      req,
      fake.origin,
      store.labels(repo).map((l) => labelJson(l, repo, fake.origin)),
    );
  });

  fake.route('GET', '/repos/{owner}/{repo}/labels/{name}', (req, params) => {
    if (!can(req.grant, 'read', 'issues', 'pullRequests')) return denied('read', 'issues');
    const repo = repoOf(params);
    const label = store.label(repo, params.name!);
    return label ? { status: 200, body: labelJson(label, repo, fake.origin) } : error(404, 'Not Found');
  });

  fake.route('POST', '/repos/{owner}/{repo}/labels', (req, params) => {
    if (!can(req.grant, 'write', 'issues', 'pullRequests')) return denied('write', 'issues');
    const invalid = checkBody('issues/create-label', req.body);
    if (invalid) return invalid;
    const { name, color, description } = req.body as { name: string; color?: string; description?: string };
    const repo = repoOf(params);
    const docs = `${DOCS}/labels#create-a-label`;
    if (color !== undefined && !/^[0-9a-fA-F]{6}$/.test(color)) return validationFailed('Label', 'invalid', 'color', docs);
    if (store.label(repo, name)) return validationFailed('Label', 'already_exists', 'name', docs);
    const label = store.ensureLabel(repo, name, (color ?? 'ededed').toLowerCase(), description ?? null);
    return { status: 201, body: labelJson(label, repo, fake.origin) };
  });

  return store;
}

function update(issue: StoredIssue, body: IssueWrite, labels: (l: LabelInput[]) => string[], now: string): void {
  if (body.title !== undefined && body.title !== null) issue.title = String(body.title);
  if (body.body !== undefined) issue.body = body.body;
  if (body.labels !== undefined) issue.labels = labels(body.labels);
  if (body.state !== undefined && body.state !== issue.state) {
    issue.state = body.state;
    // GitHub ignores state_reason unless the state changes; closing defaults to "completed".
    issue.stateReason = body.state === 'closed' ? (body.state_reason ?? 'completed') : 'reopened';
    issue.closedAt = body.state === 'closed' ? now : null;
  }
  issue.updatedAt = now;
}

function tooLong(req: FakeRequest, anchor: string): FakeResponse | undefined {
  const body = (req.body as IssueWrite).body;
  return typeof body === 'string' && characters(body) > BODY_LIMIT ? bodyTooLong('Issue', `${DOCS}/issues#${anchor}`) : undefined;
}
