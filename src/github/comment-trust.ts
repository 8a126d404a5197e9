/**
 * Who may have written the plan comment apply trusts. A person who can comment on the pull
 * request could paste a marker with any digest; only the token's own identity should count.
 * A personal access token can tell its login (GET /user); installation tokens (GITHUB_TOKEN,
 * GitHub Apps) cannot, and then only bot accounts are trusted, which people cannot post as.
 */
import type { CommentAuthor } from './comment.js';
import type { Octokit } from './octokit.js';

export async function trustedCommentAuthor(octokit: Octokit): Promise<(user: CommentAuthor) => boolean> {
  const login = await ownLogin(octokit);
  return login !== undefined ? (user) => user.login === login : (user) => user.type === 'Bot';
}

async function ownLogin(octokit: Octokit): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    return data.login;
  } catch {
    return undefined;
  }
}
