/**
 * One GitHub client per run for the plan comment, and one lookup of whose comments count: the
 * approval check and the result update share both instead of asking GitHub twice.
 */
import type { CommentAuthor } from '../github/comment.js';
import { trustedCommentAuthor } from '../github/comment-trust.js';
import type { Octokit } from '../github/octokit.js';
import type { RunState } from './state.js';

export interface CommentClient {
  readonly octokit: Octokit;
  author(): Promise<(user: CommentAuthor) => boolean>;
}

const clients = new WeakMap<RunState, CommentClient>();

/** Undefined when there is no github-token to comment with. */
export function commentClient(state: RunState): CommentClient | undefined {
  const token = state.inputs.githubToken;
  if (!token) return undefined;
  let client = clients.get(state);
  if (!client) {
    const octokit = state.deps.octokit(token, state.context.apiUrl);
    let author: Promise<(user: CommentAuthor) => boolean> | undefined;
    client = { octokit, author: () => (author ??= trustedCommentAuthor(octokit)) };
    clients.set(state, client);
  }
  return client;
}
