/**
 * The SecretDelivery the action uses: masks every form of a new secret first, then sets the
 * `deliver: output:` step outputs and seals the secret into each `github-secret` target.
 * It also remembers what it delivered, for the `tokens` output.
 */
import { SecretDeliveryError, errorMessage } from '../errors.js';
import { message, ownMessage } from '../message.js';
import type { Logger } from '../log.js';
import type { TokenChange } from '../plan/model.js';
import type { TokenSecret } from '../proxmox/api.js';
import { DeliveryPreflightError, IncompleteDeliveryError } from './delivery-errors.js';
import { formatSecret, secretForms } from './format.js';
import type { GitHubSecretsClient } from './github-secrets.js';
import type { SecretDelivery } from './model.js';
import type { GitHubSecretTarget } from './targets.js';
import { describeOutput, describeTarget, outputNameProblem, secretNameProblem } from './targets.js';

export interface SecretDeliveryOptions {
  /** Registers a value with the runner's masker (`core.setSecret`). */
  readonly mask: (value: string) => void;
  readonly setOutput: (name: string, value: string) => void;
  /** Absent when no `secrets-token` was given: `github-secret` targets then fail preflight. */
  readonly github?: GitHubSecretsClient;
  readonly logger: Logger;
}

/** One entry of the `tokens` output. */
export interface DeliveredToken {
  readonly id: string;
  readonly secret: string;
}

export type ActionSecretDelivery = SecretDelivery & {
  /** Tokens delivered in full so far, keyed by full token id; the caller masks and sets the JSON. */
  tokensOutput(): Record<string, DeliveredToken>;
};

/** Only these produce a secret; updates and deletes deliver nothing. */
const makesSecret = (change: TokenChange): boolean => change.action === 'create' || change.action === 'rotate';

const githubTargets = (change: TokenChange): GitHubSecretTarget[] =>
  change.deliver.filter((t): t is GitHubSecretTarget => t.kind === 'github-secret');

export function createSecretDelivery(options: SecretDeliveryOptions): ActionSecretDelivery {
  const { mask, setOutput, github, logger } = options;
  const tokens = new Map<string, DeliveredToken>();

  const describeGitHub = (target: GitHubSecretTarget): string =>
    github ? github.describe(target) : describeTarget(target, undefined);

  function describe(change: TokenChange): readonly string[] {
    return change.deliver.map((t) => (t.kind === 'output' ? describeOutput(t) : describeGitHub(t)));
  }

  async function preflight(changes: readonly TokenChange[]): Promise<void> {
    const producing = changes.filter(makesSecret);
    const problems = [...nameProblems(producing), ...collisions(producing)];
    const targets = distinctGitHubTargets(producing);
    if (targets.length > 0 && !github) {
      problems.push(
        new SecretDeliveryError(
          'secrets-token',
          message`no \`secrets-token\` was given, but ${targets.map(describeGitHub).join(', ')} need${targets.length === 1 ? 's' : ''} one. ${NO_SECRETS_TOKEN_ADVICE}`,
        ),
      );
    } else if (github) {
      for (const target of targets) {
        try {
          await github.check(target);
        } catch (err) {
          problems.push(asDeliveryError(describeGitHub(target), err));
        }
      }
    }
    if (problems.length > 0) throw new DeliveryPreflightError(problems);
    if (targets.length > 0) logger.info(`secret delivery: ${targets.length} GitHub secret target(s) reachable`);
  }

  function nameProblems(changes: readonly TokenChange[]): SecretDeliveryError[] {
    return changes.flatMap((change) =>
      change.deliver.flatMap((t) => {
        const problem = t.kind === 'output' ? outputNameProblem(t.name) : secretNameProblem(t.name);
        const sink = t.kind === 'output' ? describeOutput(t) : describeGitHub(t);
        return problem ? [new SecretDeliveryError(sink, problem)] : [];
      }),
    );
  }

  /** Two tokens writing one sink would leave one of them with a secret nobody holds. */
  function collisions(changes: readonly TokenChange[]): SecretDeliveryError[] {
    const owners = new Map<string, string>();
    const problems: SecretDeliveryError[] = [];
    for (const change of changes) {
      const sinks = new Map(describe(change).map((d) => [d.replace(/ \(visibility .*\)$/, '').toLowerCase(), d]));
      for (const [key, sink] of sinks) {
        const other = owners.get(key);
        if (other !== undefined && other !== change.fullid) {
          problems.push(new SecretDeliveryError(sink, `both ${other} and ${change.fullid} deliver here; one would overwrite the other`));
        }
        owners.set(key, change.fullid);
      }
    }
    return problems;
  }

  function distinctGitHubTargets(changes: readonly TokenChange[]): GitHubSecretTarget[] {
    const byDescription = new Map<string, GitHubSecretTarget>();
    for (const target of changes.flatMap(githubTargets)) byDescription.set(describeGitHub(target), target);
    return [...byDescription.values()];
  }

  async function deliver(change: TokenChange, secret: TokenSecret): Promise<readonly string[]> {
    // Before anything can log, return or throw a form of the secret.
    for (const form of secretForms(secret)) if (form.trim() !== '') mask(form);
    const tokenSink = `token ${change.fullid}`;
    if (secret.value.trim() === '') throw new SecretDeliveryError(tokenSink, 'Proxmox returned an empty secret');
    if (secret.fullTokenId !== change.fullid) {
      throw new SecretDeliveryError(tokenSink, `the secret belongs to ${secret.fullTokenId}, not ${change.fullid}`);
    }
    const value = formatSecret(secret, change.format);
    const delivered: string[] = [];
    for (const target of change.deliver) {
      if (target.kind !== 'output') continue;
      try {
        setOutput(target.name, value);
      } catch (err) {
        throw new IncompleteDeliveryError(describeOutput(target), errorMessage(err), delivered, { cause: err });
      }
      delivered.push(describeOutput(target));
    }
    for (const target of githubTargets(change)) {
      const sink = describeGitHub(target);
      if (!github) throw new IncompleteDeliveryError(sink, ownMessage('no `secrets-token` was given'), delivered);
      try {
        const result = await github.putSecret(target, value);
        logger.info(`${change.fullid}: secret ${result} in ${sink}`);
      } catch (err) {
        // The detail, without the sink, so the re-wrapped error does not name the sink twice.
        throw new IncompleteDeliveryError(sink, asDeliveryError(sink, err).detail, delivered, { cause: err });
      }
      delivered.push(sink);
    }
    tokens.set(change.fullid, { id: change.fullid, secret: secret.value });
    return delivered;
  }

  return {
    preflight,
    deliver,
    describe,
    tokensOutput: () => Object.fromEntries(tokens),
  };
}

const asDeliveryError = (sink: string, err: unknown): SecretDeliveryError =>
  err instanceof SecretDeliveryError ? err : new SecretDeliveryError(sink, errorMessage(err), { cause: err });

const NO_SECRETS_TOKEN_ADVICE = ownMessage(
  'GITHUB_TOKEN cannot write Actions secrets; pass a GitHub App token or fine-grained PAT with `Secrets: write` ' +
    '(repository) / `Secrets: write` on environments / `Organization secrets: write` as `secrets-token`',
);
