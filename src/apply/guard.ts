/**
 * The last check before the first write. The planner reports the same risks as findings for the
 * PR comment; here they are enforced again on the plan that is about to run, whatever produced it.
 */
import { UnsafePlanError } from '../errors.js';
import type { LiveState } from '../model/live-state.js';
import type { Plan } from '../plan/model.js';
import { actingIdentityViolations } from './acting-identity.js';

export interface GuardOptions {
  /** The `allow-deletions` input: `false` refuses every delete the plan would send. */
  readonly allowDeletions: boolean;
  /** The state the plan was computed from; lets the guard see roles held through group membership. */
  readonly live?: LiveState;
}

/**
 * Throws UnsafePlanError listing every reason the plan must not run: error findings, deletions
 * while they are not allowed, and any change that deletes or weakens the acting identity.
 */
export function guardPlan(plan: Plan, options: GuardOptions): void {
  const problems = [
    ...plan.findings.filter((f) => f.severity === 'error').map((f) => `${f.address ? `${f.address}: ` : ''}${f.message} [${f.code}]`),
    ...forbiddenDeletions(plan, options.allowDeletions),
    ...actingIdentityViolations(plan, options.live).map((v) => `lockout: ${v}`),
  ];
  if (problems.length === 0) return;
  throw new UnsafePlanError(`refusing to apply the plan:\n${problems.map((p) => `- ${p}`).join('\n')}`);
}

function forbiddenDeletions(plan: Plan, allowDeletions: boolean): string[] {
  if (allowDeletions) return [];
  // Implied deletes are cascades PVE performs itself; the delete that causes them is listed already.
  return plan.changes
    .filter((c) => c.action === 'delete' && c.implied !== true)
    .map((c) => `${c.address}: would be deleted, but allow-deletions is false`);
}
