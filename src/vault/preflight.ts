/**
 * Everything that would stop a delivery to Vault, found before anything is written on Proxmox:
 * each target's mount must be KV version 2 and visible to the token, and the token must hold
 * every capability a write and a drift check need. All problems come back together, each with
 * the policy line that would fix it, so one round of policy changes is enough.
 */
import { errorMessage } from '../errors.js';
import { oneLine } from '../log-line.js';
import { VaultMountError } from './errors.js';
import type { VaultClient } from './client.js';
import { kvV1Refusal } from './kv2-answers.js';
import { mergeGrants, missingGrants, requiredGrants, type MissingGrant } from './preflight-paths.js';
import { describeVaultTarget, type VaultTarget } from '../spec/vault-target.js';

export interface VaultPreflightProblem {
  /** `mount/path` of the target. */
  readonly target: string;
  readonly message: string;
}

export interface VaultPreflightReport {
  readonly problems: readonly VaultPreflightProblem[];
  /** Paths where capabilities are missing, each with its policy line. */
  readonly missing: readonly MissingGrant[];
}

/**
 * Checks every target. Mount problems are reported per target; a sealed Vault, a token Vault no
 * longer accepts or a network failure is thrown, since no target could be checked then.
 */
export async function preflightVaultTargets(client: VaultClient, targets: readonly VaultTarget[]): Promise<VaultPreflightReport> {
  const problems: VaultPreflightProblem[] = [];
  const usable: VaultTarget[] = [];
  for (const target of targets) {
    const problem = await mountProblem(client, target.mount);
    if (problem) problems.push({ target: oneLine(describeVaultTarget(target)), message: problem });
    else usable.push(target);
  }
  const needed = mergeGrants(usable.flatMap(requiredGrants));
  const missing = missingGrants(needed, await client.capabilitiesSelf(needed.map((g) => g.path)));
  for (const target of usable) {
    for (const gap of missing.filter((m) => requiredGrants(target).some((g) => g.path === m.path))) {
      problems.push({
        target: oneLine(describeVaultTarget(target)),
        message: oneLine(`the Vault token lacks ${gap.missing.join(', ')} on ${gap.path}; a policy with ${gap.policyLine} allows it`),
      });
    }
  }
  return { problems, missing };
}

async function mountProblem(client: VaultClient, mount: string): Promise<string | undefined> {
  try {
    if ((await client.kvVersion(mount)) === 1) return kvV1Refusal(mount).message;
    return undefined;
  } catch (err) {
    if (err instanceof VaultMountError) return errorMessage(err);
    throw err;
  }
}
