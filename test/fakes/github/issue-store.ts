/**
 * The state behind the fake's issue, comment, label and pull-request routes, shared by all three
 * route modules of one fake: a pull request is an issue too (same number space, same comments).
 * Tests seed it directly and read it back to assert what the action wrote.
 */
import type { FakeGitHub, TokenGrant } from './server.js';

export interface FakeUser {
  readonly login: string;
  readonly id: number;
  readonly type: 'User' | 'Bot';
}

export interface StoredIssue {
  /** `owner/repo` as first written. */
  readonly repo: string;
  readonly number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: string | null;
  labels: string[];
  readonly user: FakeUser;
  readonly isPullRequest: boolean;
  readonly createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface StoredComment {
  readonly id: number;
  readonly repo: string;
  readonly issueNumber: number;
  body: string;
  readonly user: FakeUser;
  readonly createdAt: string;
  updatedAt: string;
}

export interface StoredLabel {
  readonly id: number;
  readonly name: string;
  color: string;
  description: string | null;
}

export interface StoredPull {
  readonly repo: string;
  readonly number: number;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  headSha: string;
  readonly headRef: string;
  /** `owner/repo` of the head; `null` when the fork was deleted. */
  readonly headRepo: string | null;
  readonly baseRef: string;
  /** Other commits of the PR, so `commits/{sha}/pulls` finds it by any of them. */
  readonly commits: string[];
}

export interface NewPull {
  readonly number?: number;
  readonly title?: string;
  readonly headSha: string;
  readonly headRef?: string;
  readonly headRepo?: string | null;
  readonly baseRef?: string;
  /** Set for a merged PR: the merge (or squash) commit. */
  readonly mergeCommitSha?: string;
  readonly commits?: readonly string[];
  readonly user?: string;
}

const GITHUB_ACTIONS: FakeUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

export class FakeIssueStore {
  readonly issues: StoredIssue[] = [];
  readonly comments: StoredComment[] = [];
  readonly pulls: StoredPull[] = [];
  /** `GET commits/{sha}/pulls` answers `[]` this many more times: the index lag after a squash merge. */
  commitPullsLag = 0;
  private readonly labelsByRepo = new Map<string, StoredLabel[]>();
  private clock = Date.UTC(2026, 10, 1, 8, 0, 0);
  private nextId = 2_000_000_001;

  /** Strictly increasing timestamps, so ordering by time is deterministic. */
  now(): string {
    this.clock += 1_000;
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  id(): number {
    return this.nextId++;
  }

  userOf(grant: TokenGrant | undefined): FakeUser {
    const login = grant?.login;
    if (login === undefined || login === GITHUB_ACTIONS.login) return GITHUB_ACTIONS;
    return { login, id: 1000 + login.length, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
  }

  issue(repo: string, number: number): StoredIssue | undefined {
    return this.issues.find((i) => same(i.repo, repo) && i.number === number);
  }

  issuesOf(repo: string): StoredIssue[] {
    return this.issues.filter((i) => same(i.repo, repo));
  }

  commentsOn(repo: string, number: number): StoredComment[] {
    return this.comments.filter((c) => same(c.repo, repo) && c.issueNumber === number).sort((a, b) => a.id - b.id);
  }

  comment(repo: string, id: number): StoredComment | undefined {
    return this.comments.find((c) => same(c.repo, repo) && c.id === id);
  }

  pull(repo: string, number: number): StoredPull | undefined {
    return this.pulls.find((p) => same(p.repo, repo) && p.number === number);
  }

  addIssue(repo: string, fields: { title: string; body?: string; labels?: readonly string[]; user?: FakeUser }): StoredIssue {
    for (const name of fields.labels ?? []) this.ensureLabel(repo, name);
    return this.insertIssue(repo, this.nextNumber(repo), fields.title, fields.body ?? null, [...(fields.labels ?? [])], fields.user, false);
  }

  addPull(repo: string, pr: NewPull): StoredPull {
    const number = pr.number ?? this.nextNumber(repo);
    const issue = this.insertIssue(
      repo,
      number,
      pr.title ?? `Pull request ${number}`,
      null,
      [],
      pr.user ? this.userOf({ login: pr.user }) : undefined,
      true,
    );
    const merged = pr.mergeCommitSha !== undefined;
    if (merged) Object.assign(issue, { state: 'closed', closedAt: issue.createdAt });
    const stored: StoredPull = {
      repo,
      number,
      mergedAt: merged ? this.now() : null,
      mergeCommitSha: pr.mergeCommitSha ?? null,
      headSha: pr.headSha,
      headRef: pr.headRef ?? `feature-${number}`,
      headRepo: pr.headRepo === undefined ? repo : pr.headRepo,
      baseRef: pr.baseRef ?? 'main',
      commits: [...(pr.commits ?? [])],
    };
    this.pulls.push(stored);
    return stored;
  }

  addComment(repo: string, issueNumber: number, body: string, user: FakeUser = GITHUB_ACTIONS): StoredComment {
    const at = this.now();
    const comment: StoredComment = { id: this.id(), repo, issueNumber, body, user, createdAt: at, updatedAt: at };
    this.comments.push(comment);
    return comment;
  }

  labels(repo: string): StoredLabel[] {
    const key = repo.toLowerCase();
    let labels = this.labelsByRepo.get(key);
    if (!labels) this.labelsByRepo.set(key, (labels = []));
    return labels;
  }

  label(repo: string, name: string): StoredLabel | undefined {
    return this.labels(repo).find((l) => l.name.toLowerCase() === name.toLowerCase());
  }

  /** GitHub auto-creates an unknown label used on an issue, grey and without a description. */
  ensureLabel(repo: string, name: string, color = 'ededed', description: string | null = null): StoredLabel {
    const existing = this.label(repo, name);
    if (existing) return existing;
    const label: StoredLabel = { id: this.id(), name, color, description };
    this.labels(repo).push(label);
    return label;
  }

  private nextNumber(repo: string): number {
    return Math.max(0, ...this.issuesOf(repo).map((i) => i.number)) + 1;
  }

  private insertIssue(
    repo: string,
    number: number,
    title: string,
    body: string | null,
    labels: string[],
    user: FakeUser | undefined,
    isPullRequest: boolean,
  ): StoredIssue {
    const at = this.now();
    const issue: StoredIssue = {
      repo,
      number,
      title,
      body,
      state: 'open',
      stateReason: null,
      labels,
      user: user ?? GITHUB_ACTIONS,
      isPullRequest,
      createdAt: at,
      updatedAt: at,
      closedAt: null,
    };
    this.issues.push(issue);
    return issue;
  }
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

const stores = new WeakMap<FakeGitHub, FakeIssueStore>();

/** The one store of `fake`, created on first use. */
export function issueStore(fake: FakeGitHub): FakeIssueStore {
  let store = stores.get(fake);
  if (!store) stores.set(fake, (store = new FakeIssueStore()));
  return store;
}
