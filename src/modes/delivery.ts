/** Secret delivery for the action: masked step outputs, and GitHub secrets via `secrets-token`. */
import { createGitHubSecretsClient, type GitHubSecretsClient } from '../secrets/github-secrets.js';
import { createSecretDelivery, type ActionSecretDelivery } from '../secrets/delivery.js';
import type { RunState } from './state.js';

export function githubSecretsClient(state: RunState): GitHubSecretsClient | undefined {
  const { deps, inputs, context } = state;
  if (!inputs.secretsToken) return undefined;
  return createGitHubSecretsClient({
    octokit: deps.octokit(inputs.secretsToken, context.apiUrl),
    repository: context.repo,
    logger: deps.logger,
    retry: { sleep: (ms) => deps.sleep(ms) },
  });
}

export function buildSecretDelivery(state: RunState): ActionSecretDelivery {
  const { deps } = state;
  const github = githubSecretsClient(state);
  return createSecretDelivery({
    mask: (value) => deps.setSecret(value),
    setOutput: (name, value) => state.outputs.set(name, value),
    ...(github ? { github } : {}),
    logger: deps.logger,
  });
}

