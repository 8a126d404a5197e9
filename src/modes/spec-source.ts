/**
 * Where this run's spec comes from: the checked-out file, or, with the `pull-request` input, the
 * file of that pull request's head commit read through the API, so a maintainer can plan a fork's
 * pull request with the base repository's secrets without running anything from the fork.
 */
import type { ActionDeps } from '../deps.js';
import type { GitHubClients } from '../engine/github-clients.js';
import { InputError } from '../errors.js';
import type { RunContext } from '../github/context.js';
import { readFileAtCommit, readPullRequestHead } from '../github/pull-request-file.js';
import type { Inputs } from '../inputs.js';
import { oneLine } from '../log-line.js';
import { parseSpecText } from '../spec/load.js';
import type { LoadedSpec } from '../spec/model.js';
import { loadSpecForRun, specDisplayPath } from './load-spec.js';

export interface SpecSource {
  readonly loaded: LoadedSpec;
  /** The run's context; with `pull-request`, it names that pull request, so the plan comment goes there. */
  readonly context: RunContext;
}

export async function loadRunSpec(deps: ActionDeps, github: GitHubClients, inputs: Inputs, context: RunContext): Promise<SpecSource> {
  const number = inputs.pullRequest;
  if (number === undefined) return { loaded: await loadSpecForRun(deps, inputs.spec), context };
  const octokit = github.rest();
  if (!octokit) {
    throw new InputError(
      'github-token',
      'pull-request reads the spec and posts the plan comment through the GitHub API, and needs github-token',
    );
  }
  const head = await readPullRequestHead(octokit, context.repo, number);
  const file = specDisplayPath(inputs.spec);
  const text = await readFileAtCommit(octokit, context.repo, file, head.headSha);
  const from = head.isFork ? (head.headRepo ? ` from the fork ${oneLine(head.headRepo)}` : ' from a deleted fork') : '';
  deps.logger.info(
    `planning pull request #${number}${from}: read ${oneLine(file)} of its head commit ${head.headSha} through the GitHub API; nothing of the pull request is checked out or run`,
  );
  const loaded = parseSpecText(text, file);
  const pullRequest = { number, headSha: head.headSha, isFork: head.isFork, ...(head.headRepo ? { headRepo: head.headRepo } : {}) };
  return { loaded, context: { ...context, pullRequest } };
}
