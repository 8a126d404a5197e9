/** One comment on an issue, fitted under GitHub's body limit. */
import { fitBody } from './body-limit.js';
import { gitHubError } from './http-error.js';
import type { Octokit, Repo } from './octokit.js';

const HINT = 'Grant the job issues: write, or set drift-issue: false.';

export async function commentOnIssue(octokit: Octokit, repo: Repo, issueNumber: number, body: string): Promise<void> {
  try {
    await octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body: fitBody(body) });
  } catch (err) {
    throw gitHubError(err, `comment on issue #${issueNumber}`, HINT);
  }
}
