/**
 * The SecretDelivery the action uses: masks every form of a new secret first, then sets the
 * `deliver: output:` step outputs, seals the secret into each `github-secret` target and writes
 * it into each `vault` target.
 * It also remembers what it delivered, for the `tokens` output.
 */
import { SecretDeliveryError, errorMessage } from '../errors.js';
import { ownMessage } from '../message.js';
import type { Logger } from '../log.js';
import type { TokenChange } from '../plan/model.js';
import type { TokenSecret } from '../proxmox/api.js';
import { IncompleteDeliveryError } from './delivery-errors.js';
import { asDeliveryError, preflightDelivery } from './delivery-preflight.js';
import { formatSecret, secretForms } from './format.js';
import type { GitHubSecretsClient } from './github-secrets.js';
import type { SecretDelivery } from './model.js';
import { githubTargets, sinkNames, type SinkNames } from './sink-names.js';
import { describeOutput, describeVault } from '../spec/deliver-target-label.js';
import { vaultTargets, writeVaultSecret, type VaultAccess } from './vault-sink.js';

export interface SecretDeliveryOptions {
  /** Registers a value with the runner's masker (`core.setSecret`). */
  readonly mask: (value: string) => void;
  readonly setOutput: (name: string, value: string) => void;
  /** Absent when no `secrets-token` was given: `github-secret` targets then fail preflight. */
  readonly github?: GitHubSecretsClient;
  /** Absent when no `vault-url` was given: `vault` targets then fail preflight. */
  readonly vault?: VaultAccess;
  /** Epoch seconds: a token with a lifetime expires that long from now. */
  readonly now?: () => number;
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

export function createSecretDelivery(options: SecretDeliveryOptions): ActionSecretDelivery {
  const tokens = new Map<string, DeliveredToken>();
  const sinks = sinkNames(options.github);
  // Own properties, not methods of a prototype: callers wrap a delivery by spreading it.
  return {
    preflight: (changes) => preflightDelivery(changes, sinks, options.github, options.logger, options.vault),
    deliver: async (change, secret) => {
      const delivered = await deliverSecret(change, secret, sinks, options);
      tokens.set(change.fullid, { id: change.fullid, secret: secret.value });
      return delivered;
    },
    describe: (change) => sinks.ofChange(change),
    tokensOutput: () => Object.fromEntries(tokens),
  };
}

/** Hands the secret to every target of the change: outputs first, then GitHub secrets, in order. */
async function deliverSecret(
  change: TokenChange,
  secret: TokenSecret,
  sinks: SinkNames,
  options: SecretDeliveryOptions,
): Promise<readonly string[]> {
  // Before anything can log, return or throw a form of the secret.
  for (const form of secretForms(secret)) if (form.trim() !== '') options.mask(form);
  checkSecret(change, secret);
  const value = formatSecret(secret, change.format);
  const delivered: string[] = [];
  setOutputs(change, value, options.setOutput, delivered);
  await putGitHubSecrets(change, value, sinks, options, delivered);
  await putVaultSecrets(change, value, options, delivered);
  return delivered;
}

function checkSecret(change: TokenChange, secret: TokenSecret): void {
  const tokenSink = `token ${change.fullid}`;
  if (secret.value.trim() === '') throw new SecretDeliveryError(tokenSink, 'Proxmox returned an empty secret');
  if (secret.fullTokenId !== change.fullid) {
    throw new SecretDeliveryError(tokenSink, `the secret belongs to ${secret.fullTokenId}, not ${change.fullid}`);
  }
}

/** Sets each `output` target, recording it in `delivered`. */
function setOutputs(change: TokenChange, value: string, setOutput: SecretDeliveryOptions['setOutput'], delivered: string[]): void {
  for (const target of change.deliver) {
    if (target.kind !== 'output') continue;
    try {
      setOutput(target.name, value);
    } catch (err) {
      throw new IncompleteDeliveryError(describeOutput(target), errorMessage(err), delivered, { cause: err });
    }
    delivered.push(describeOutput(target));
  }
}

/** Seals the value into each `github-secret` target, recording it in `delivered`. */
async function putGitHubSecrets(
  change: TokenChange,
  value: string,
  sinks: SinkNames,
  { github, logger }: SecretDeliveryOptions,
  delivered: string[],
): Promise<void> {
  for (const target of githubTargets(change)) {
    const sink = sinks.github(target);
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
}

/** Writes the value into each `vault` target, recording it in `delivered`. */
async function putVaultSecrets(change: TokenChange, value: string, options: SecretDeliveryOptions, delivered: string[]): Promise<void> {
  const targets = vaultTargets(change);
  if (targets.length === 0) return;
  const expiresAt =
    change.lifetime !== undefined && options.now ? new Date((options.now() + change.lifetime) * 1000).toISOString() : undefined;
  for (const target of targets) {
    const sink = describeVault(target);
    try {
      if (!options.vault) throw new SecretDeliveryError(sink, ownMessage('no `vault-url` was given'));
      const client = await options.vault();
      const written = await writeVaultSecret(client, target, { value, tokenId: change.fullid, expiresAt }, options.logger);
      options.logger.info(`${change.fullid}: secret written to ${sink} (version ${written.version})`);
    } catch (err) {
      throw new IncompleteDeliveryError(sink, asDeliveryError(sink, err).detail, delivered, { cause: err });
    }
    delivered.push(sink);
  }
}
