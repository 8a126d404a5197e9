/**
 * The one wording of a deliver target, for the plan, the apply log, errors and dead-secret
 * notices alike. Only names: a secret value never reaches it.
 */
import type { DeliverTarget } from './model.js';

export type GitHubSecretTarget = Extract<DeliverTarget, { kind: 'github-secret' }>;
export type OutputTarget = Extract<DeliverTarget, { kind: 'output' }>;
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

/** `output terraform_token`, `github-secret acme/infra:production/PM_API_TOKEN`, `github-secret org acme/PM_API_TOKEN (visibility private)`. */
export function describeDeliverTarget(target: DeliverTarget): string {
  return target.kind === 'output' ? describeOutput(target) : describeTarget(target, undefined);
}
