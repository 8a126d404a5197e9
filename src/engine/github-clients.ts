/**
 * The GitHub clients of one run, each built the first time it is needed and then shared: the
 * plan comment, the approval check, the drift issue and a pull request's spec go through one
 * `github-token` client (and one lookup of whose comments count), the secret checks and the
 * delivery through one `secrets-token` client.
 */
import type { CommentAuthor } from '../github/comment.js';
import { trustedCommentAuthor } from '../github/comment-trust.js';
import type { Octokit, Repo } from '../github/octokit.js';
import type { Logger } from '../log.js';
import { createGitHubSecretsClient, type GitHubSecretsClient } from '../secrets/github-secrets.js';

export interface GitHubSettings {
  readonly apiUrl: string;
  /** The `github-token`: comments, issues, pull requests. */
  readonly token?: string | undefined;
  /** The token allowed to read and write Actions secrets. */
  readonly secretsToken?: string | undefined;
  /**
   * Where a `github-secret` target without `repository` goes; asked only once secrets are used.
   * A command line run may know none: its targets that name a repository still work.
   */
  readonly repository: () => Repo | undefined;
}

export interface GitHubClientDeps {
  readonly logger: Logger;
  octokit(token: string, baseUrl: string): Octokit;
  sleep(ms: number): Promise<void>;
}

export interface GitHubClients {
  /** The `github-token` client; undefined without that token. */
  rest(): Octokit | undefined;
  /** Whose plan comments count (asked of GitHub once); only called when `rest()` has a client. */
  commentAuthor(): Promise<(user: CommentAuthor) => boolean>;
  /** The `secrets-token` client; undefined without that token. */
  secrets(): GitHubSecretsClient | undefined;
}

export function gitHubClients(deps: GitHubClientDeps, settings: GitHubSettings): GitHubClients {
  let rest: Octokit | undefined;
  let author: Promise<(user: CommentAuthor) => boolean> | undefined;
  let secrets: GitHubSecretsClient | undefined;
  const restClient = (): Octokit | undefined => {
    if (settings.token && !rest) rest = deps.octokit(settings.token, settings.apiUrl);
    return rest;
  };
  return {
    rest: restClient,
    commentAuthor: () => {
      const octokit = restClient();
      if (!octokit) throw new Error('no github-token to tell whose comments count');
      return (author ??= trustedCommentAuthor(octokit));
    },
    secrets: () => {
      if (settings.secretsToken && !secrets) {
        secrets = createGitHubSecretsClient({
          octokit: deps.octokit(settings.secretsToken, settings.apiUrl),
          repository: settings.repository(),
          logger: deps.logger,
          retry: { sleep: (ms) => deps.sleep(ms) },
        });
      }
      return secrets;
    },
  };
}
