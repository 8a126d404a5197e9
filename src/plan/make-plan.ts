/**
 * The planner: spec × live state → an ordered, checked plan. Pure: the clock, the acting
 * identity and the server's privileges come in through PlanOptions.
 *
 * Ownership (README, "Ownership rules"): declared roles, groups and users are owned whole; a user with `tokens:`
 * owns exactly those tokens; ACL entries of declared users, groups and tokens are owned; anything
 * else is deleted only when a `prune` pattern matches it, and never root@pam, a built-in role or
 * the acting identity.
 */
import type { LiveState } from '../model/live-state.js';
import type { LoadedSpec } from '../spec/model.js';
import { applyChangesToState } from './apply-to-state.js';
import { withCascades } from './cascades.js';
import { desiredAcl } from '../spec/desired-acl.js';
import { diffAcl } from './diff-acl.js';
import { diffGroups } from './diff-groups.js';
import { diffPools } from './diff-pools.js';
import { diffRealms } from './diff-realms.js';
import { diffRoles } from './diff-roles.js';
import { diffTokens } from './diff-tokens.js';
import { diffUsers } from './diff-users.js';
import { planDigest } from './digest.js';
import type { Change, ChangeCounts, Plan, PlanOptions } from './model.js';
import { orderChanges } from './order.js';
import { aclOfCurrentGenerations, planContext } from './plan-context.js';
import { effectivePrivileges, indexState } from './privileges.js';
import { runPlanRules } from './rules.js';

/** Counts what will be executed; implied cascades are shown but not counted. */
export function countChanges(changes: readonly Change[]): ChangeCounts {
  const counts = { create: 0, update: 0, delete: 0, rotate: 0 };
  for (const c of changes) if (!c.implied) counts[c.action] += 1;
  return counts;
}

export function makePlan(spec: LoadedSpec, live: LiveState, options: PlanOptions): Plan {
  const ctx = planContext(spec.spec, live, options);
  const desired = desiredAcl(aclOfCurrentGenerations(ctx));
  const tokens = diffTokens(ctx);
  const realms = diffRealms(ctx);
  const explicit: Change[] = [
    ...realms.changes,
    ...diffRoles(ctx),
    ...diffGroups(ctx),
    ...diffUsers(ctx),
    ...tokens.changes,
    ...diffPools(ctx),
    ...diffAcl(ctx, desired),
  ];
  const changes = orderChanges(withCascades(explicit, live));
  const after = applyChangesToState(live, changes, options.now);
  const before = indexState(live, options.serverPrivileges);
  const afterIndexed = indexState(after, options.serverPrivileges);
  const privileges = effectivePrivileges(before, afterIndexed, changes);
  const findings = runPlanRules({
    loaded: spec,
    options: {},
    server: {
      live,
      serverPrivileges: options.serverPrivileges,
      now: options.now,
      ...(options.actingIdentity !== undefined ? { acting: options.actingIdentity } : {}),
      ctx,
      desired,
      changes,
      before,
      after: afterIndexed,
      privileges,
      diffNotes: [...tokens.findings, ...realms.findings],
    },
  });
  return {
    changes,
    counts: countChanges(changes),
    findings,
    privileges,
    digest: planDigest(changes, live),
    server: live.version,
    ...(options.actingIdentity !== undefined ? { actingIdentity: options.actingIdentity } : {}),
  };
}
