/**
 * The one wording of a deliver target, for the plan, the apply log, errors and dead-secret
 * notices alike. Only names: a secret value never reaches it.
 */
import type { DeliverTarget } from './model.js';

export type GitHubSecretTarget = Extract<DeliverTarget, { kind: 'github-secret' }>;
export type OutputTarget = Extract<DeliverTarget, { kind: 'output' }>;
export type VaultDeliverTarget = Extract<DeliverTarget, { kind: 'vault' }>;
export type OrgVisibility = NonNullable<GitHubSecretTarget['visibility']>;

/** An org secret without a visibility is readable by private and internal repositories only, never public ones. */
export const DEFAULT_ORG_VISIBILITY: OrgVisibility = 'private';

/**
 * `github-secret acme/infra/NAME`, `github-secret acme/infra:production/NAME`,
 * `github-secret org acme/NAME (visibility private)`; `current` is the repository the run is in.
 */
export function describeTarget(target: GitHubSecretTarget, current: { readonly owner: string; readonly repo: string } | undefined): string {
  if (target.org !== undefined) {
    const visibility = target.visibility ?? DEFAULT_ORG_VISIBILITY;
    const selected = visibility === 'selected' ? `: ${(target.selectedRepositories ?? []).join(', ')}` : '';
    return `github-secret org ${target.org}/${target.name} (visibility ${visibility}${selected})`;
  }
  const repo = target.repository ?? (current ? `${current.owner}/${current.repo}` : 'this repository');
  const env = target.environment !== undefined ? `:${target.environment}` : '';
  return `github-secret ${repo}${env}/${target.name}`;
}

export const describeOutput = (target: OutputTarget): string => `output ${target.name}`;

/** `vault secret/proxmox/terraform#token`: mount, path and the field that holds the token. */
export const describeVault = (target: VaultDeliverTarget): string => `vault ${target.mount}/${target.path}#${target.field}`;

/** `output terraform_token`, `github-secret acme/infra:production/PM_API_TOKEN`, `vault secret/proxmox/terraform#token`. */
export function describeDeliverTarget(target: DeliverTarget): string {
  switch (target.kind) {
    case 'output':
      return describeOutput(target);
    case 'vault':
      return describeVault(target);
    case 'github-secret':
      return describeTarget(target, undefined);
  }
}
