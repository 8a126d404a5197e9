/**
 * Where a token secret goes, named for humans. Only names: a secret value never reaches a
 * renderer, and the plan does not hold one.
 */
import type { DeliverTarget } from '../spec/model.js';

/** `output terraform_token`, `secret acme/infra:PM_API_TOKEN (environment production)`, `org secret acme:PM_API_TOKEN (private)`. */
export function describeDeliverTarget(target: DeliverTarget): string {
  if (target.kind === 'output') return `output ${target.name}`;
  if (target.org !== undefined) {
    const scope = target.visibility ?? 'private';
    const selected =
      scope === 'selected' && target.selectedRepositories !== undefined
        ? `: ${target.selectedRepositories.join(', ')}`
        : '';
    return `org secret ${target.org}:${target.name} (${scope}${selected})`;
  }
  const where = target.repository !== undefined ? `${target.repository}:` : '';
  const environment = target.environment !== undefined ? ` (environment ${target.environment})` : '';
  return `secret ${where}${target.name}${environment}`;
}
