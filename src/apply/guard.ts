/**
 * The last check before the first write. The planner reports the same risks as findings for the
 * PR comment; here they are enforced again on the plan that is about to run, whatever produced
 * it: the lockout policy runs once more on the changes about to be executed.
 */
import { UnsafePlanError } from '../errors.js';
import type { Finding } from '../model/finding.js';
import type { LiveState } from '../model/live-state.js';
import { lockoutFinding, lockoutViolations } from '../plan/lockout.js';
import type { Plan } from '../plan/model.js';

export interface GuardOptions {
  /** The `allow-deletions` input: `false` refuses every delete the plan would send. */
  readonly allowDeletions: boolean;
  /** The state the plan was computed from, which its changes are about to be applied to. */
  readonly live: LiveState;
  /** Epoch seconds, to judge expiries. */
  readonly now: number;
}

/**
 * Throws UnsafePlanError listing every reason the plan must not run, each once: error findings,
 * lockouts (the plan's own, and any the policy finds again), and deletions while they are not allowed.
 */
export function guardPlan(plan: Plan, options: GuardOptions): void {
  const lockouts = lockoutViolations(plan.changes, options.live, plan.actingIdentity, options.now).map((v) => lockoutFinding(v));
  const errors = [...plan.findings, ...lockouts].filter((f) => f.severity === 'error');
  // A delete the planner already refused (deletions-disabled) is listed once, as its finding.
  const refused = new Set(errors.filter((f) => f.code === 'deletions-disabled').map((f) => f.address));
  const deletions = forbiddenDeletions(plan, options.allowDeletions).filter(([address]) => !refused.has(address));
  const problems = [...new Set([...errors.map(findingProblem), ...deletions.map(([, problem]) => problem)])];
  if (problems.length === 0) return;
  throw new UnsafePlanError(`refusing to apply the plan:\n${problems.map((p) => `- ${p}`).join('\n')}`);
}

const findingProblem = (f: Finding): string => `${f.address ? `${f.address}: ` : ''}${f.message} [${f.code}]`;

/** [address, problem] for each delete the plan would send while deletions are not allowed. */
function forbiddenDeletions(plan: Plan, allowDeletions: boolean): [string, string][] {
  if (allowDeletions) return [];
  // Implied deletes are cascades PVE performs itself; the delete that causes them is listed already.
  return plan.changes
    .filter((c) => c.action === 'delete' && c.implied !== true)
    .map((c) => [c.address, `${c.address}: would be deleted, but allow-deletions is false`]);
}
