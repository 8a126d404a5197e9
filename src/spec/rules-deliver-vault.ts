/**
 * Rules for `deliver: - vault:` targets: a path, mount and field Vault and the policy lines of
 * docs/vault.md can carry, and two tokens (or one token twice) writing the same Vault secret.
 * Whether the run can reach a Vault at all (`vault-url`) is the run's own check, not the spec's.
 */
import { finding, type SourcePosition } from '../model/finding.js';
import { describeVault, type VaultDeliverTarget } from './deliver-target-label.js';
import type { LoadedSpec } from './model.js';
import { specWhere, type SpecRule } from './rule-input.js';
import { vaultTargetProblems } from './vault-target.js';

interface VaultDelivery {
  readonly fullid: string;
  readonly target: VaultDeliverTarget;
  readonly address: string;
  /** Where a key of the target (or, without one, the target) is written. */
  readonly where: (key?: string) => SourcePosition;
}

/** Every `vault` deliver target of every declared token, in file order. */
function vaultDeliveries(loaded: LoadedSpec): VaultDelivery[] {
  return Object.values(loaded.spec.users).flatMap((user) =>
    Object.values(user.tokens ?? {}).flatMap((token) => {
      const tbase = `users.${user.userid}.tokens.${token.tokenid}`;
      const fullid = `${user.userid}!${token.tokenid}`;
      return token.deliver.flatMap((target, i) => {
        if (target.kind !== 'vault') return [];
        const base = `${tbase}.deliver.${i}`;
        const where = (key?: string): SourcePosition =>
          specWhere(loaded, ...(key ? [`${base}.vault.${key}`] : []), `${base}.vault`, base, `${tbase}.deliver`, tbase);
        return [{ fullid, target, address: `token:${fullid}`, where }];
      });
    }),
  );
}

const invalidVaultTarget: SpecRule = {
  code: 'invalid-vault-target',
  needs: 'spec',
  check: ({ loaded }) =>
    vaultDeliveries(loaded).flatMap(({ target, address, where }) =>
      vaultTargetProblems(target).map((problem) =>
        finding('error', 'invalid-vault-target', problem.message, { address, position: where(problem.key) }),
      ),
    ),
};

/** Each Vault target with the token that named its secret first. */
function vaultSlots(loaded: LoadedSpec): { delivery: VaultDelivery; slot: string; owner: string }[] {
  const owners = new Map<string, string>();
  return vaultDeliveries(loaded).map((delivery) => {
    // Vault paths are case-sensitive, so `Proxmox/ci` and `proxmox/ci` are two secrets.
    const slot = `${delivery.target.mount}/${delivery.target.path}`;
    const owner = owners.get(slot);
    if (owner === undefined) owners.set(slot, delivery.fullid);
    return { delivery, slot, owner: owner ?? '' };
  });
}

const duplicateVaultTarget: SpecRule = {
  code: 'duplicate-vault-target',
  needs: 'spec',
  check: ({ loaded }) =>
    vaultSlots(loaded)
      .filter(({ delivery, owner }) => owner === delivery.fullid)
      .map(({ delivery: { fullid, address, where }, slot }) =>
        finding('warning', 'duplicate-vault-target', `token '${fullid}' delivers to the Vault secret ${slot} twice`, {
          address,
          position: where(),
        }),
      ),
};

/** One Vault secret holds one token: its `token_id` and `expires_at` fields say which. */
const vaultCollision: SpecRule = {
  code: 'deliver-vault-collision',
  needs: 'spec',
  check: ({ loaded }) =>
    vaultSlots(loaded)
      .filter(({ delivery, owner }) => owner !== '' && owner !== delivery.fullid)
      .map(({ delivery: { target, address, where }, slot, owner }) =>
        finding(
          'error',
          'deliver-vault-collision',
          `${describeVault(target)}: the Vault secret ${slot} is already delivered by token '${owner}'; one secret holds one token`,
          { address, position: where('path') },
        ),
      ),
};

export const VAULT_DELIVER_RULES: readonly SpecRule[] = [invalidVaultTarget, duplicateVaultTarget, vaultCollision];

/** Whether any token of the spec delivers to Vault: the run then needs `vault-url`. */
export const hasVaultTargets = (loaded: LoadedSpec): boolean => vaultDeliveries(loaded).length > 0;
