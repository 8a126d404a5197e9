/**
 * Everything that would stop a delivery, found before the first write: names GitHub or the runner
 * refuse, two tokens writing one sink, GitHub targets that cannot be reached or written, and
 * Vault targets the run cannot log in for, whose mount is not KV version 2, or whose policy is short.
 * All problems are reported together, so one fix round is enough.
 */
import { SecretDeliveryError, errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import { message, ownMessage } from '../message.js';
import type { TokenChange } from '../plan/model.js';
import { DeliveryPreflightError } from './delivery-errors.js';
import type { GitHubSecretsClient } from './github-secrets.js';
import { githubTargets, type SinkNames } from './sink-names.js';
import { describeOutput, type GitHubSecretTarget } from '../spec/deliver-target-label.js';
import { outputNameProblem, secretNameProblem } from './targets.js';
import { count } from '../model/count.js';
import { vaultPreflightProblems, vaultTargets, type VaultAccess } from './vault-sink.js';

/** Only these produce a secret; updates and deletes deliver nothing. */
export const makesSecret = (change: TokenChange): boolean => change.action === 'create' || change.action === 'rotate';

/** Throws a DeliveryPreflightError listing every problem of the changes that produce a secret. */
export async function preflightDelivery(
  changes: readonly TokenChange[],
  sinks: SinkNames,
  github: GitHubSecretsClient | undefined,
  logger: Logger,
  vault?: VaultAccess,
): Promise<void> {
  const producing = changes.filter(makesSecret);
  const targets = distinctGitHubTargets(producing, sinks);
  const problems = [
    ...nameProblems(producing, sinks),
    ...collisions(producing, sinks),
    ...(await reachabilityProblems(targets, sinks, github)),
    ...(await vaultPreflightProblems(producing.flatMap(vaultTargets), vault, logger)),
  ];
  if (problems.length > 0) throw new DeliveryPreflightError(problems);
  if (targets.length > 0) logger.info(`secret delivery: ${count(targets.length, 'GitHub secret target')} reachable`);
}

function nameProblems(changes: readonly TokenChange[], sinks: SinkNames): SecretDeliveryError[] {
  return changes.flatMap((change) =>
    change.deliver.flatMap((t) => {
      if (t.kind === 'vault') return [];
      const problem = t.kind === 'output' ? outputNameProblem(t.name) : secretNameProblem(t.name);
      const sink = t.kind === 'output' ? describeOutput(t) : sinks.github(t);
      return problem ? [new SecretDeliveryError(sink, problem)] : [];
    }),
  );
}

/** Two tokens writing one sink would leave one of them with a secret nobody holds. */
function collisions(changes: readonly TokenChange[], sinks: SinkNames): SecretDeliveryError[] {
  const owners = new Map<string, string>();
  const problems: SecretDeliveryError[] = [];
  for (const change of changes) {
    const named = new Map(sinks.ofChange(change).map((d) => [d.replace(/ \(visibility .*\)$/, '').toLowerCase(), d]));
    for (const [key, sink] of named) {
      const other = owners.get(key);
      if (other !== undefined && other !== change.fullid) {
        problems.push(new SecretDeliveryError(sink, `both ${other} and ${change.fullid} deliver here; one would overwrite the other`));
      }
      owners.set(key, change.fullid);
    }
  }
  return problems;
}

function distinctGitHubTargets(changes: readonly TokenChange[], sinks: SinkNames): GitHubSecretTarget[] {
  const byDescription = new Map<string, GitHubSecretTarget>();
  for (const target of changes.flatMap(githubTargets)) byDescription.set(sinks.github(target), target);
  return [...byDescription.values()];
}

/** Without a client, one problem naming every target; with one, a problem per target it cannot reach. */
async function reachabilityProblems(
  targets: readonly GitHubSecretTarget[],
  sinks: SinkNames,
  github: GitHubSecretsClient | undefined,
): Promise<SecretDeliveryError[]> {
  if (targets.length === 0) return [];
  if (!github) {
    const names = targets.map((target) => sinks.github(target)).join(', ');
    const s = targets.length === 1 ? 's' : '';
    return [
      new SecretDeliveryError(
        'secrets-token',
        message`no \`secrets-token\` was given, but ${names} need${s} one. ${NO_SECRETS_TOKEN_ADVICE}`,
      ),
    ];
  }
  const problems: SecretDeliveryError[] = [];
  for (const target of targets) {
    try {
      await github.check(target);
    } catch (err) {
      problems.push(asDeliveryError(sinks.github(target), err));
    }
  }
  return problems;
}

/** `err` as it is when it already names its sink, otherwise wrapped with `sink`. */
export const asDeliveryError = (sink: string, err: unknown): SecretDeliveryError =>
  err instanceof SecretDeliveryError ? err : new SecretDeliveryError(sink, errorMessage(err), { cause: err });

const NO_SECRETS_TOKEN_ADVICE = ownMessage(
  'GITHUB_TOKEN cannot write Actions secrets; pass a GitHub App token or fine-grained PAT with `Secrets: write` ' +
    '(repository) / `Secrets: write` on environments / `Organization secrets: write` as `secrets-token`',
);
