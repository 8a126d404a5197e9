/**
 * A pull request's head and one file of its head commit, read through the REST API. This is how
 * a maintainer plans a pull request from a fork with the base repository's secrets: the file is
 * data fetched from GitHub at a fixed commit; nothing of the pull request is checked out or run.
 */
import { ActionError } from '../errors.js';
import { oneLine } from '../log-line.js';
import { gitHubError, httpStatus } from './http-error.js';
import type { Octokit, Repo } from './octokit.js';

export interface PullRequestHead {
  readonly number: number;
  readonly headSha: string;
  /** `owner/repo` of the head; absent when the fork was deleted. */
  readonly headRepo?: string;
  readonly isFork: boolean;
}

/** The contents endpoint answers files over 1 MB without their content; no spec is anywhere near that. */
const MAX_BYTES = 1024 * 1024;

export async function readPullRequestHead(octokit: Octokit, repo: Repo, number: number): Promise<PullRequestHead> {
  let data: Awaited<ReturnType<Octokit['rest']['pulls']['get']>>['data'];
  try {
    ({ data } = await octokit.rest.pulls.get({ ...repo, pull_number: number }));
  } catch (err) {
    if (httpStatus(err) === 404)
      throw new ActionError(`pull request #${number} does not exist in ${repo.owner}/${repo.repo}`, { cause: err });
    throw gitHubError(err, `read pull request #${number}`, 'Grant the job pull-requests: read.');
  }
  const headRepo = data.head.repo?.full_name;
  const isFork = headRepo === undefined || headRepo.toLowerCase() !== data.base.repo.full_name.toLowerCase();
  return { number, headSha: data.head.sha, ...(headRepo === undefined ? {} : { headRepo }), isFork };
}

/**
 * The text of `path` at commit `sha`, read from the base repository: GitHub keeps every pull
 * request's head commit there (`refs/pull/N/head`), also for forks, and also after a fork is deleted.
 */
export async function readFileAtCommit(octokit: Octokit, repo: Repo, path: string, sha: string): Promise<string> {
  const where = `${oneLine(path)} at commit ${oneLine(sha.slice(0, 12))}`;
  let data: unknown;
  try {
    ({ data } = await octokit.rest.repos.getContent({ ...repo, path, ref: sha }));
  } catch (err) {
    if (httpStatus(err) === 404)
      throw new ActionError(`the pull request's head commit has no file ${where}; check the spec input`, { cause: err });
    throw gitHubError(err, `read ${where}`, 'Grant the job contents: read.');
  }
  const file = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  if (file?.['type'] !== 'file')
    throw new ActionError(`${where} is ${Array.isArray(data) ? 'a directory' : 'not a file'}; the spec input must name a file`);
  if (typeof file['size'] === 'number' && file['size'] > MAX_BYTES)
    throw new ActionError(`${where} is larger than 1 MB; that is not a spec`);
  if (file['encoding'] !== 'base64' || typeof file['content'] !== 'string') {
    throw new ActionError(`GitHub answered ${where} without its content (encoding ${String(file['encoding'])})`);
  }
  return Buffer.from(file['content'], 'base64').toString('utf8');
}
