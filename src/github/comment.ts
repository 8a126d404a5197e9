/**
 * The sticky plan comment: one per spec file on a pull request, found again by its hidden marker
 * and edited in place, so a PR with ten pushes still has one plan comment, always the latest.
 */
import { fitBody } from './body-limit.js';
import { gitHubError } from './http-error.js';
import { parsePlanMarker } from '../model/markers.js';
import type { Octokit, Repo } from './octokit.js';

export interface PlanComment {
  readonly id: number;
  /** The comment's page URL. */
  readonly url: string;
  readonly body: string;
  /** The digest its marker records: the plan reviewers saw. */
  readonly digest: string;
}

export interface UpsertResult {
  readonly id: number;
  readonly url: string;
  readonly created: boolean;
}

export interface CommentAuthor {
  readonly login?: string | undefined;
  readonly type?: string | undefined;
}

export interface CommentOptions {
  /**
   * Only comments by this login count (e.g. `github-actions[bot]`), or, given a predicate, by
   * the authors it accepts, so a marker pasted into someone else's comment is ignored.
   * Default: any author.
   */
  readonly author?: string | ((user: CommentAuthor) => boolean);
  /** The comment as a lookup just found it: skips listing the comments again. */
  readonly known?: PlanComment | undefined;
}

const byAuthor = (author: CommentOptions['author'], user: CommentAuthor | null | undefined): boolean =>
  author === undefined || (typeof author === 'string' ? user?.login === author : author(user ?? {}));

const FORBIDDEN_HINT =
  'The token may not write comments here. GitHub gives pull_request runs from forks (and Dependabot) a read-only ' +
  'GITHUB_TOKEN, and so does a workflow whose permissions omit pull-requests: write. Grant pull-requests: write and ' +
  'issues: write to the job, or set comment: false; the plan is in the job summary either way.';

/**
 * Creates or updates the plan comment of `specPath` on issue/PR `issueNumber`. `body` already
 * carries `planMarker(specPath, digest)`; it is cut to GitHub's limit if a renderer overshot.
 * An unchanged body is not re-sent. A 403 becomes an `ActionError` that explains the read-only token.
 */
export async function upsertPlanComment(
  octokit: Octokit,
  repo: Repo,
  issueNumber: number,
  specPath: string,
  body: string,
  options: CommentOptions = {},
): Promise<UpsertResult> {
  if (parsePlanMarker(body)?.spec !== specPath) {
    throw new Error(`the plan comment body must carry the plan marker of ${specPath}`);
  }
  const fitted = fitBody(body);
  const existing = options.known ?? (await findPlanComment(octokit, repo, issueNumber, specPath, options));
  if (existing?.body === fitted) return { id: existing.id, url: existing.url, created: false };
  try {
    if (existing) {
      const { data } = await octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body: fitted });
      return { id: data.id, url: data.html_url, created: false };
    }
    const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body: fitted });
    return { id: data.id, url: data.html_url, created: true };
  } catch (err) {
    throw gitHubError(err, `${existing ? 'update' : 'post'} the plan comment on #${issueNumber}`, FORBIDDEN_HINT);
  }
}

/**
 * The plan comment of `specPath` on `issueNumber`, reading every page of comments. When several
 * carry the marker (two runs raced), the newest wins: it is the one upserts keep editing.
 */
export async function findPlanComment(
  octokit: Octokit,
  repo: Repo,
  issueNumber: number,
  specPath: string,
  options: CommentOptions = {},
): Promise<PlanComment | undefined> {
  let comments: Awaited<ReturnType<Octokit['rest']['issues']['listComments']>>['data'];
  try {
    comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issueNumber, per_page: 100 });
  } catch (err) {
    throw gitHubError(err, `list the comments of #${issueNumber}`, 'Grant the job pull-requests: read and issues: read.');
  }
  let found: PlanComment | undefined;
  for (const comment of comments) {
    if (!byAuthor(options.author, comment.user)) continue;
    const marker = parsePlanMarker(comment.body ?? '');
    if (marker?.spec !== specPath) continue;
    if (found === undefined || comment.id > found.id) {
      found = { id: comment.id, url: comment.html_url, body: comment.body ?? '', digest: marker.digest };
    }
  }
  return found;
}
