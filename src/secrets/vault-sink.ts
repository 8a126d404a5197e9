/**
 * Delivery into Vault / OpenBao (docs/vault.md): the preflight that checks every Vault target
 * before the first write on Proxmox, and the write itself, merged into the secret with
 * check-and-set and read again once when another writer came in between.
 */
import { SecretDeliveryError, errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import { message, ownMessage } from '../message.js';
import type { TokenChange } from '../plan/model.js';
import { describeVault, type VaultDeliverTarget } from '../spec/deliver-target-label.js';
import { deliveredFields, type VaultTarget } from '../spec/vault-target.js';
import { VaultCasConflict, preflightVaultTargets, type Kv2Written, type VaultClient } from '../vault/index.js';

/** The run's Vault client, logged in on first use; absent when the run was given no `vault-url`. */
export type VaultAccess = () => Promise<VaultClient>;

/** The `vault` targets of a change, in its order. */
export const vaultTargets = (change: TokenChange): VaultDeliverTarget[] =>
  change.deliver.filter((t): t is VaultDeliverTarget => t.kind === 'vault');

/** Each Vault secret once, however many tokens or fields name it. */
function distinctSecrets(targets: readonly VaultDeliverTarget[]): VaultDeliverTarget[] {
  const bySecret = new Map<string, VaultDeliverTarget>();
  for (const target of targets) bySecret.set(`${target.mount}/${target.path}`, target);
  return [...bySecret.values()];
}

const NO_VAULT_ADVICE = ownMessage(
  'set `vault-url`, and `vault-role` (a JWT login with the workflow OIDC token, which needs `permissions: id-token: write`) or `vault-token`',
);

/**
 * Every problem of the Vault targets, or none: logs in (the login's own failure is one problem
 * naming every target), then checks each mount and the token's capabilities on each path.
 */
export async function vaultPreflightProblems(
  targets: readonly VaultDeliverTarget[],
  vault: VaultAccess | undefined,
  logger: Logger,
): Promise<SecretDeliveryError[]> {
  if (targets.length === 0) return [];
  const names = targets.map(describeVault).join(', ');
  if (!vault) return [new SecretDeliveryError(names, message`no Vault is configured for these targets: ${NO_VAULT_ADVICE}`)];
  let client: VaultClient;
  try {
    client = await vault();
  } catch (err) {
    return [new SecretDeliveryError(names, `cannot log in to Vault: ${errorMessage(err)}`, { cause: err })];
  }
  const secrets = distinctSecrets(targets);
  let report: Awaited<ReturnType<typeof preflightVaultTargets>>;
  try {
    report = await preflightVaultTargets(client, secrets);
  } catch (err) {
    return [new SecretDeliveryError(names, errorMessage(err), { cause: err })];
  }
  if (report.problems.length === 0) logger.info(`secret delivery: ${secrets.length} Vault secret(s) writable`);
  return report.problems.map((p) => new SecretDeliveryError(`vault ${p.target}`, p.message));
}

export interface VaultWrite {
  readonly value: string;
  readonly tokenId: string;
  /** ISO 8601; absent for a token that does not expire. */
  readonly expiresAt?: string | undefined;
}

/**
 * Merges the token's fields into the secret with check-and-set. A conflict means another writer
 * added a version between the read and the write and nothing was written, so one more read and
 * write is safe; a second conflict is left to the caller's deliver-or-revoke.
 */
export async function writeVaultSecret(client: VaultClient, target: VaultTarget, write: VaultWrite, logger: Logger): Promise<Kv2Written> {
  const fields = deliveredFields(target, { value: write.value, tokenId: write.tokenId, expiresAt: write.expiresAt });
  try {
    return await client.writeFields(target, fields);
  } catch (err) {
    if (!(err instanceof VaultCasConflict)) throw err;
    logger.warning(`${describeVault({ kind: 'vault', ...target })}: ${errorMessage(err)}; reading it again and writing once more`);
    return client.writeFields(target, fields);
  }
}
