/**
 * The wording of every sink of a token change, as deliveries say it in logs, errors and
 * dead-secret notices. With a GitHub client, targets without `repository` name the workflow's
 * repository; without one, they say "this repository".
 */
import type { TokenChange } from '../plan/model.js';
import type { GitHubSecretsClient } from './github-secrets.js';
import { describeOutput, describeTarget, describeVault, type GitHubSecretTarget } from '../spec/deliver-target-label.js';

export interface SinkNames {
  github(target: GitHubSecretTarget): string;
  /** Every target of the change, in its order. */
  ofChange(change: TokenChange): readonly string[];
}

export function sinkNames(client: GitHubSecretsClient | undefined): SinkNames {
  const github = (target: GitHubSecretTarget): string => (client ? client.describe(target) : describeTarget(target, undefined));
  return {
    github,
    ofChange: (change) =>
      change.deliver.map((t) => (t.kind === 'output' ? describeOutput(t) : t.kind === 'vault' ? describeVault(t) : github(t))),
  };
}

/** The `github-secret` targets of a change, in its order. */
export const githubTargets = (change: TokenChange): GitHubSecretTarget[] =>
  change.deliver.filter((t): t is GitHubSecretTarget => t.kind === 'github-secret');
