/** The REST client type every GitHub module takes, so tests can point it at the fake. */
import { getOctokit } from '@actions/github';

export type Octokit = ReturnType<typeof getOctokit>;

export interface Repo {
  readonly owner: string;
  readonly repo: string;
}

export function createOctokit(token: string, baseUrl: string): Octokit {
  return getOctokit(token, { baseUrl });
}
