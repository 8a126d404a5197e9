/**
 * What this run is about, read from the runner's environment and event payload, and which mode
 * `auto` turns it into. Read explicitly from injected `env` and `readFile` rather than through
 * `@actions/github`'s context, which snapshots the environment when the module is imported.
 */
import { ActionError, InputError } from '../errors.js';
import type { Repo } from './octokit.js';

export interface PullRequestContext {
  readonly number: number;
  /** What reviewers saw; on `pull_request`, GITHUB_SHA is a test merge commit instead. */
  readonly headSha: string;
  /** `owner/repo` the head branch lives in; absent when that fork was deleted. */
  readonly headRepo?: string;
  readonly isFork: boolean;
}

export interface RunContext {
  readonly eventName: string;
  readonly repo: Repo;
  readonly sha: string;
  readonly ref: string;
  /** Absent in minimal payloads (older `schedule` events carry only the cron line). */
  readonly defaultBranch?: string;
  readonly pullRequest?: PullRequestContext;
  /** The head commit's message on `push`, for finding the merged PR when the API lags. */
  readonly commitMessage?: string;
  readonly actor?: string;
  readonly apiUrl: string;
  readonly serverUrl: string;
  /** `<server>/<owner>/<repo>/actions/runs/<id>`, linked from comments and issues. */
  readonly runUrl?: string;
}

/** What a run does; the `mode` input names one of these, or `auto` to let the event decide. */
export type RunMode = 'plan' | 'apply' | 'drift' | 'rotate' | 'validate';

export interface ResolvedMode {
  readonly mode: RunMode;
  /** One sentence for the log and the summary. */
  readonly reason: string;
  /** True when a live mode was wanted but the run has no secrets and a read-only token. */
  readonly offlineBecauseFork?: boolean;
}

type Json = Record<string, unknown>;

const DEPENDABOT = 'dependabot[bot]';

/** Builds the run context; throws `ActionError` when the payload file is unreadable or the repository unknown. */
export function readRunContext(env: NodeJS.ProcessEnv, readFile: (path: string) => string): RunContext {
  const payload = readPayload(env.GITHUB_EVENT_PATH, readFile);
  const repository = object(payload.repository);
  const repo = readRepo(env.GITHUB_REPOSITORY || string(repository?.full_name));
  const serverUrl = trimSlash(env.GITHUB_SERVER_URL || 'https://github.com');
  const defaultBranch = string(repository?.default_branch) ?? string(repository?.master_branch);
  const pullRequest = readPullRequest(payload, `${repo.owner}/${repo.repo}`);
  const commitMessage = string(object(payload.head_commit)?.message);
  const actor = env.GITHUB_ACTOR || string(object(payload.sender)?.login);
  const runId = env.GITHUB_RUN_ID;
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    repo,
    sha: env.GITHUB_SHA || string(payload.after) || '',
    ref: env.GITHUB_REF || string(payload.ref) || '',
    ...(defaultBranch === undefined ? {} : { defaultBranch }),
    ...(pullRequest === undefined ? {} : { pullRequest }),
    ...(commitMessage === undefined ? {} : { commitMessage }),
    ...(actor === undefined ? {} : { actor }),
    apiUrl: trimSlash(env.GITHUB_API_URL || 'https://api.github.com'),
    serverUrl,
    ...(runId ? { runUrl: `${serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${runId}` } : {}),
  };
}

/**
 * The mode to run. An explicit input wins. `auto` routes by event; a `pull_request` from a fork
 * or by Dependabot degrades to offline validation, because GitHub hands such runs a read-only
 * token and no secrets (`pull_request_target` runs with the base repository's token and secrets).
 */
export function resolveMode(input: RunMode | 'auto', ctx: RunContext): ResolvedMode {
  if (input !== 'auto') return { mode: input, reason: `mode ${input} was set explicitly` };
  switch (ctx.eventName) {
    case 'pull_request':
    case 'pull_request_target':
      return routePullRequest(ctx);
    case 'push':
      return routePush(ctx);
    case 'schedule':
      return { mode: 'drift', reason: 'a scheduled run checks for drift' };
    case 'workflow_dispatch':
      return { mode: 'drift', reason: 'a manual run checks for drift (set mode to plan or apply for the others)' };
    default:
      throw new InputError(
        'mode',
        `mode auto does not know what to do for the event '${ctx.eventName || '(none)'}'; set mode to plan, apply, drift, rotate or validate`,
      );
  }
}

function routePullRequest(ctx: RunContext): ResolvedMode {
  const pr = ctx.pullRequest;
  const label = pr ? `pull request #${pr.number}` : 'this pull request';
  if (ctx.eventName === 'pull_request' && pr?.isFork) {
    return {
      mode: 'validate',
      offlineBecauseFork: true,
      reason:
        `${label} comes from ${pr.headRepo ? `the fork ${pr.headRepo}` : 'a fork that no longer exists'}: GitHub runs such ` +
        'pull_request workflows with a read-only token and without secrets, so the cluster cannot be read and no plan comment ' +
        'can be posted. Ran offline validation (schema, privileges, ACL paths) instead; a run with secrets computes the live plan.',
    };
  }
  if (ctx.eventName === 'pull_request' && ctx.actor === DEPENDABOT) {
    return {
      mode: 'validate',
      offlineBecauseFork: true,
      reason:
        `${label} was opened by Dependabot: GitHub runs its pull_request workflows with a read-only token and only ` +
        'Dependabot secrets, so there is no live plan. Ran offline validation instead.',
    };
  }
  return { mode: 'plan', reason: `${label} gets a plan` };
}

function routePush(ctx: RunContext): ResolvedMode {
  const branch = ctx.ref.startsWith('refs/heads/') ? ctx.ref.slice('refs/heads/'.length) : undefined;
  if (ctx.defaultBranch === undefined) {
    return { mode: 'plan', reason: `push to ${ctx.ref || 'an unknown ref'}: the event names no default branch, so nothing is applied` };
  }
  if (branch === ctx.defaultBranch) {
    return { mode: 'apply', reason: `push to the default branch ${branch} applies` };
  }
  return { mode: 'plan', reason: `push to ${branch ?? ctx.ref}, not the default branch ${ctx.defaultBranch}: plan only` };
}

function readPayload(path: string | undefined, readFile: (path: string) => string): Json {
  if (!path) return {};
  let text: string;
  try {
    text = readFile(path);
  } catch (err) {
    throw new ActionError(`cannot read the event payload GITHUB_EVENT_PATH=${path}: ${(err as Error).message}`, { cause: err });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ActionError(`the event payload ${path} is not JSON: ${(err as Error).message}`, { cause: err });
  }
  const payload = object(parsed);
  if (payload === undefined) throw new ActionError(`the event payload ${path} is not a JSON object`);
  return payload;
}

function readRepo(fullName: string | undefined): Repo {
  const match = fullName === undefined ? null : /^([^/\s]+)\/([^/\s]+)$/.exec(fullName);
  if (!match) {
    throw new ActionError('GITHUB_REPOSITORY is not set to owner/repo; run inside GitHub Actions or set it for a local run');
  }
  return { owner: match[1]!, repo: match[2]! };
}

function readPullRequest(payload: Json, repoFullName: string): PullRequestContext | undefined {
  const pr = object(payload.pull_request);
  if (pr === undefined) return undefined;
  const number = typeof pr.number === 'number' ? pr.number : payload.number;
  const head = object(pr.head);
  const headSha = string(head?.sha);
  if (typeof number !== 'number' || headSha === undefined) {
    throw new ActionError('the pull_request payload has no number or head.sha');
  }
  const headRepo = string(object(head?.repo)?.full_name);
  const baseRepo = string(object(object(pr.base)?.repo)?.full_name) ?? repoFullName;
  // Compare names, not `head.repo.fork`: a repository that is itself a fork has fork=true on its own branches.
  const isFork = headRepo === undefined || headRepo.toLowerCase() !== baseRepo.toLowerCase();
  return { number, headSha, ...(headRepo === undefined ? {} : { headRepo }), isFork };
}

const object = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const string = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const trimSlash = (url: string): string => url.replace(/\/+$/, '');
