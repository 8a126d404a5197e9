/**
 * Which pull request a push to the default branch merged. The push event carries no PR number,
 * and `GET /commits/{sha}/pulls` can miss the association for a while right after a squash merge,
 * so the lookup retries with backoff, then trusts the commit message only if the PR confirms it.
 * Only an answer that lists no merged PR means "not associated yet": a GitHub that cannot be
 * reached or answers 5xx is retried a few times and then reported as what it is.
 */
import { ActionError } from '../errors.js';
import { nullLogger, type Logger } from '../log.js';
import { errorText, gitHubError, httpStatus, isTransient, isUnreachable, unreachableReason } from './http-error.js';
import type { Octokit, Repo } from './octokit.js';
import { failureOf, retry, sleep, valueOf, type Sleep } from './retry.js';

export interface MergedPullRequestOptions {
  /** Lookups of the commit's pull requests before falling back to the message; default 6 (about 45 s). */
  readonly attempts?: number;
  /** Tries of one lookup that fails with a 5xx or no answer at all; default 3. */
  readonly transientAttempts?: number;
  /** Injected for tests. */
  readonly sleep?: Sleep;
  readonly log?: Logger;
}

const PERMISSION_HINT = 'Grant the job pull-requests: read and contents: read.';

/**
 * The number of the merged PR that introduced `sha`, or `undefined` when none is found: a PR whose
 * `merge_commit_sha` is `sha` wins over other merged ones. Falls back to `(#123)` at the end of the
 * subject (squash) or `Merge pull request #123` (merge commit), accepted only when that PR is merged
 * with `merge_commit_sha === sha`, so a hand-written message cannot borrow another PR's approval.
 */
export async function findMergedPullRequest(
  octokit: Octokit,
  repo: Repo,
  sha: string,
  commitMessage: string | undefined,
  options: MergedPullRequestOptions = {},
): Promise<number | undefined> {
  const attempts = Math.max(1, options.attempts ?? 6);
  const wait = options.sleep ?? sleep;
  const log = options.log ?? nullLogger;
  const transient = { attempts: Math.max(1, options.transientAttempts ?? 3), sleep: wait, log };
  const { outcome } = await retry(() => lookupByCommit(octokit, repo, sha, transient), {
    attempts,
    sleep: wait,
    delay: (looked, attempt) => (looked.ok && looked.value === undefined ? backoff(attempt) : undefined),
    onRetry: (_, attempt, delay) =>
      log.info(`No merged pull request is associated with ${sha} yet (attempt ${attempt}/${attempts}); retrying in ${delay / 1000}s`),
  });
  return valueOf(outcome) ?? (await lookupByCommitMessage(octokit, repo, sha, commitMessage, log));
}

/** `Title (#123)` (squash) or `Merge pull request #123 from …` (merge commit): the number, if any. */
export function pullNumberFromCommitMessage(message: string | undefined): number | undefined {
  const subject = message?.split('\n', 1)[0]?.trim() ?? '';
  const match = /\(#(\d+)\)$/.exec(subject) ?? /^Merge pull request #(\d+)\b/.exec(subject);
  return match ? Number(match[1]) : undefined;
}

interface TransientRetry {
  readonly attempts: number;
  readonly sleep: Sleep;
  readonly log: Logger;
}

/** The merged PR GitHub associates with `sha`; undefined while it associates none yet. */
async function lookupByCommit(octokit: Octokit, repo: Repo, sha: string, transient: TransientRetry): Promise<number | undefined> {
  const what = `the pull requests of commit ${sha}`;
  const { outcome, tries } = await retry(
    () => octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha, per_page: 100 }),
    {
      attempts: transient.attempts,
      sleep: transient.sleep,
      delay: (listed, attempt) => (!listed.ok && isTransient(listed.error) ? TRANSIENT_DELAY_MS * 2 ** (attempt - 1) : undefined),
      onRetry: (listed, attempt, delay) =>
        transient.log.info(
          `${transientCause(failureOf(listed))} while listing ${what} (attempt ${attempt}/${transient.attempts}); retrying in ${delay / 1000}s`,
        ),
    },
  );
  if (!outcome.ok) return notAssociatedYet(outcome.error, what, tries);
  const merged = outcome.value.data.filter((pr) => typeof pr.merged_at === 'string');
  return (merged.find((pr) => pr.merge_commit_sha === sha) ?? merged[0])?.number;
}

/** Undefined for GitHub's own ways of saying it knows no PR for the commit yet; throws for every other failure. */
function notAssociatedYet(err: unknown, what: string, tries: number): undefined {
  const status = httpStatus(err);
  // No commit (422), no history (409): both pass once the merge is indexed.
  if (status === 409 || status === 422) return undefined;
  if (isTransient(err)) throw transientError(err, what, tries);
  throw gitHubError(err, `list ${what}`, PERMISSION_HINT);
}

/** Falls back to the PR the commit message names, trusted only when that PR was merged as `sha`. */
async function lookupByCommitMessage(
  octokit: Octokit,
  repo: Repo,
  sha: string,
  commitMessage: string | undefined,
  log: Logger,
): Promise<number | undefined> {
  const claimed = pullNumberFromCommitMessage(commitMessage);
  if (claimed === undefined) return undefined;
  if (await confirmMerged(octokit, repo, claimed, sha)) {
    log.info(`Found pull request #${claimed} through the commit message`);
    return claimed;
  }
  log.warning(`The commit message names #${claimed}, but that pull request was not merged as ${sha}; ignoring it`);
  return undefined;
}

/** First wait after a 5xx or a lost connection, doubled each time: 1 s, 2 s. */
const TRANSIENT_DELAY_MS = 1_000;

/** `could not reach GitHub: connect ECONNREFUSED …` or `GitHub answered 502`. */
function transientCause(err: unknown): string {
  return isUnreachable(err) ? `could not reach GitHub: ${unreachableReason(err)}` : `GitHub answered ${httpStatus(err)}`;
}

function transientError(err: unknown, what: string, tries: number): ActionError {
  const after = tries > 1 ? ` (${tries} tries)` : '';
  const message = isUnreachable(err)
    ? `could not reach GitHub to list ${what}${after}: ${unreachableReason(err)}`
    : `GitHub answered ${httpStatus(err)} when asked for ${what}${after}: ${errorText(err)}`;
  return new ActionError(
    `${message}. The merged pull request, and so the reviewed plan, could not be looked up; re-run the job once GitHub answers.`,
    { cause: err },
  );
}

async function confirmMerged(octokit: Octokit, repo: Repo, number: number, sha: string): Promise<boolean> {
  try {
    const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
    return data.merged_at !== null && data.merge_commit_sha === sha;
  } catch (err) {
    if (httpStatus(err) === 404) return false;
    throw gitHubError(err, `read pull request #${number}`, PERMISSION_HINT);
  }
}

/** 2 s, 4 s, 8 s, then 15 s: about 45 s over six attempts, the lag users report after squash merges. */
const backoff = (attempt: number): number => Math.min(2_000 * 2 ** (attempt - 1), 15_000);
