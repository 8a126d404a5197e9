/**
 * Secret delivery from a terminal: GitHub secrets when GITHUB_SECRETS_TOKEN is given (a target
 * without its own `repository` goes to --repository or GITHUB_REPOSITORY); `output:` targets, and
 * tokens that deliver nowhere, are printed once at the end, as pveum prints a new token's secret,
 * because a terminal has no masked step outputs.
 */
import type { Logger } from '../log.js';
import type { GitHubSecretsClient } from '../secrets/github-secrets.js';
import { createSecretDelivery, type ActionSecretDelivery } from '../secrets/delivery.js';
import type { CliIo } from './io.js';

const PRINTED_HERE = 'printed to this terminal';

/** `github` is the run session's secrets client, when GITHUB_SECRETS_TOKEN was given. */
export function cliSecretDelivery(
  github: GitHubSecretsClient | undefined,
  io: CliIo,
  logger: Logger,
): ActionSecretDelivery & { printOutputs(): void } {
  const outputs = new Map<string, string>();
  const delivery = createSecretDelivery({
    mask: () => {},
    setOutput: (name, value) => void outputs.set(name, value),
    ...(github ? { github } : {}),
    logger,
  });
  // A token with no deliver target has its secret nowhere else (the action's `tokens` output
  // holds it); without printing it here it would live with a secret nobody holds.
  const undelivered = new Map<string, string>();
  return {
    ...delivery,
    async deliver(change, secret) {
      const sinks = await delivery.deliver(change, secret);
      if (change.deliver.length > 0) return sinks;
      undelivered.set(change.fullid, secret.value);
      return [PRINTED_HERE];
    },
    printOutputs(): void {
      if (outputs.size === 0 && undelivered.size === 0) return;
      io.err('New token secrets (shown once; store them now):');
      for (const [name, value] of outputs) io.out(`${name}=${value}`);
      for (const [fullid, value] of undelivered) io.out(`${fullid}=${value}`);
    },
  };
}
