/**
 * A managed token whose GitHub secret or Vault secret was deleted has a consumer without a
 * secret: it is rotated (and reported as drift). Checked only for tokens that exist, and only
 * when a secrets-token can read secret metadata (GitHub) or a Vault login succeeds; a Vault
 * secret is checked by its metadata alone, never its value.
 */
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { LiveState } from '../model/live-state.js';
import type { GitHubSecretsClient } from '../secrets/github-secrets.js';
import { describeVault } from '../spec/deliver-target-label.js';
import type { DeliverTarget, LoadedSpec } from '../spec/model.js';
import type { VaultAccess } from '../secrets/vault-sink.js';
import type { VaultClient } from '../vault/index.js';
import { tokenOnCluster } from '../model/token-generations.js';

export interface PresenceClients {
  readonly github: GitHubSecretsClient | undefined;
  readonly vault?: VaultAccess | undefined;
}

/** Full ids of the existing tokens with a `github-secret` target that no longer exists. */
export async function findMissingSecrets(
  loaded: LoadedSpec,
  live: LiveState,
  clients: PresenceClients,
  logger: Logger,
): Promise<readonly string[]> {
  const missing = new Set<string>();
  for (const id of await missingGitHubSecrets(loaded, live, clients.github, logger)) missing.add(id);
  for (const id of await missingVaultSecrets(existingTargets(loaded, live), clients.vault, logger)) missing.add(id);
  return [...missing];
}

interface ExistingTarget {
  readonly fullid: string;
  readonly target: DeliverTarget;
}

/** The deliver targets of tokens that exist on the cluster. */
const existingTargets = (loaded: LoadedSpec, live: LiveState): ExistingTarget[] =>
  Object.values(loaded.spec.users).flatMap((user) =>
    Object.values(user.tokens ?? {})
      .filter((token) => tokenOnCluster(live.users[user.userid]?.tokens, token.tokenid, token.rotation === 'overlap'))
      .flatMap((token) => token.deliver.map((target) => ({ fullid: `${user.userid}!${token.tokenid}`, target }))),
  );

/** Tokens with a `vault` target whose secret is gone (or its current version deleted). */
async function missingVaultSecrets(all: readonly ExistingTarget[], vault: VaultAccess | undefined, logger: Logger): Promise<string[]> {
  const targets = all.flatMap(({ fullid, target }) => (target.kind === 'vault' ? [{ fullid, target }] : []));
  if (targets.length === 0 || !vault) return [];
  let client: VaultClient;
  try {
    client = await vault();
  } catch (err) {
    // A pull request's plan may well be refused a login the role keeps for the main branch.
    logger.warning(`cannot check that the Vault secrets still exist: ${errorMessage(err)}`);
    return [];
  }
  const missing = new Set<string>();
  for (const { fullid, target } of targets) {
    if (missing.has(fullid)) continue;
    try {
      if (await client.targetExists(target)) continue;
    } catch (err) {
      logger.warning(`cannot check ${describeVault(target)} of ${fullid}: ${errorMessage(err)}`);
      continue;
    }
    logger.warning(`${describeVault(target)} of token ${fullid} is missing: the token will be rotated to restore it`);
    missing.add(fullid);
  }
  return [...missing];
}

async function missingGitHubSecrets(
  loaded: LoadedSpec,
  live: LiveState,
  client: GitHubSecretsClient | undefined,
  logger: Logger,
): Promise<readonly string[]> {
  const targets = Object.values(loaded.spec.users).flatMap((user) =>
    Object.values(user.tokens ?? {})
      .filter((token) => tokenOnCluster(live.users[user.userid]?.tokens, token.tokenid, token.rotation === 'overlap'))
      .flatMap((token) =>
        token.deliver.flatMap((target) => (target.kind === 'github-secret' ? [{ fullid: `${user.userid}!${token.tokenid}`, target }] : [])),
      ),
  );
  if (targets.length === 0) return [];
  if (!client) {
    logger.debug('no secrets-token: not checking that GitHub secrets still exist');
    return [];
  }
  const missing = new Set<string>();
  for (const { fullid, target } of targets) {
    if (missing.has(fullid)) continue;
    let exists: boolean;
    try {
      exists = await client.secretExists(target);
    } catch (err) {
      logger.warning(`cannot check GitHub secret ${target.name} of ${fullid}: ${errorMessage(err)}`);
      continue;
    }
    if (!exists) {
      logger.warning(`GitHub secret ${target.name} of token ${fullid} is missing: the token will be rotated to restore it`);
      missing.add(fullid);
    }
  }
  return [...missing];
}
