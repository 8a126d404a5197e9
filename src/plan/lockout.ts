/**
 * The lockout policy, once: a plan must not delete or weaken the identity the run acts as (its
 * user, its token, the groups, roles and ACL entries it holds its rights through, its effective
 * privileges), nor take the last `Permissions.Modify` on `/` away from everyone but root@pam.
 * The planner turns each violation into a finding; the apply guard runs the same function again
 * on the changes it is about to execute, so a plan built by other means cannot cut off the
 * operator either. Pure.
 */
import { finding, type Finding, type SourcePosition } from '../model/finding.js';
import { ROOT_USER, splitTokenId } from '../model/identity.js';
import { serverPrivileges, type LiveState } from '../model/live-state.js';
import { applyChangesToState } from './apply-to-state.js';
import { actingScope, changeReasons } from './lockout-changes.js';
import type { Change } from './model.js';
import { privilegesAt } from './permissions.js';
import { indexState, principalDiff, relevantEntries, type IndexedState, type Principal } from './privileges.js';

export interface LockoutViolation {
  /** A sentence that completes "lockout: …". */
  readonly message: string;
  /** The acting identity (`user:…` or `token:…`) when the violation concerns it. */
  readonly address?: string;
}

/**
 * Every way `changes`, applied to `live`, would lock the operator out. `acting` is the identity
 * this run authenticates as (a userid or a full token id), when known; `now` is epoch seconds.
 */
export function lockoutViolations(
  changes: readonly Change[],
  live: LiveState,
  acting: string | undefined,
  now: number,
): LockoutViolation[] {
  const privileges = serverPrivileges(live);
  const before = indexState(live, privileges);
  const after = indexState(applyChangesToState(live, changes, now), privileges);
  const out: LockoutViolation[] = [];
  if (acting !== undefined && acting !== '') {
    const address = splitTokenId(acting) ? `token:${acting}` : `user:${acting}`;
    const scope = actingScope(acting, live);
    const reasons = changes.flatMap((c) => changeReasons(c, scope, now));
    const loss = privilegeLoss(acting, before, after);
    if (loss !== undefined) reasons.push(loss);
    out.push(...reasons.map((reason) => ({ message: `this plan ${reason}`, address })));
  }
  if (keepsPermissionsModify(before, now) && !keepsPermissionsModify(after, now)) {
    out.push({ message: 'after this plan no identity except root@pam holds Permissions.Modify on /' });
  }
  return out;
}

/** The finding a violation becomes, in the plan and in the apply guard alike. */
export function lockoutFinding(violation: LockoutViolation, position?: SourcePosition): Finding {
  return finding('error', 'lockout', `lockout: ${violation.message}`, { address: violation.address, position });
}

function privilegeLoss(acting: string, before: IndexedState, after: IndexedState): string | undefined {
  if (acting === ROOT_USER) return undefined;
  const principal: Principal = { id: acting, type: splitTokenId(acting) ? 'token' : 'user' };
  const losses = principalDiff(principal, before, after)
    .map(({ path, before: was, after: now }) => {
      const lost = Object.entries(was)
        .filter(([p, flag]) => !Object.hasOwn(now, p) || (flag && !now[p]))
        .map(([p]) => p);
      return lost.length > 0 ? `${lost.join(', ')} on ${path}` : undefined;
    })
    .filter((text) => text !== undefined);
  return losses.length > 0 ? `leaves ${acting} without ${losses.join('; ')}` : undefined;
}

const PERMISSIONS_MODIFY = 'Permissions.Modify';

/** Enabled, unexpired identities other than root@pam that hold Permissions.Modify on `/`. */
function keepsPermissionsModify(indexed: IndexedState, now: number): boolean {
  const { state, model } = indexed;
  const usable = (expire: number) => expire === 0 || expire > now;
  // Only a grant on `/` whose role carries the privilege can give it on `/`.
  const granting = state.acl.filter((e) => e.path === '/' && (model.roles[e.roleid] ?? []).includes(PERMISSIONS_MODIFY));
  const candidates = new Set<string>();
  for (const e of granting) {
    if (e.type === 'group') for (const m of state.groups[e.ugid]?.members ?? []) candidates.add(m);
    else candidates.add(e.ugid);
  }
  for (const id of [...candidates]) {
    if (splitTokenId(id)) continue;
    for (const t of Object.values(state.users[id]?.tokens ?? {})) if (!t.privsep) candidates.add(`${id}!${t.tokenid}`);
  }
  return [...candidates].some((id) => {
    const token = splitTokenId(id);
    const user = state.users[token?.userid ?? id];
    if (!user || user.userid === ROOT_USER || !user.enable || !usable(user.expire)) return false;
    const info = token ? user.tokens[token.tokenid] : undefined;
    if (token && (!info || !usable(info.expire))) return false;
    const principal: Principal = { id, type: token ? 'token' : 'user' };
    return Object.hasOwn(privilegesAt({ ...model, acl: relevantEntries(principal, indexed) }, id, '/'), PERMISSIONS_MODIFY);
  });
}
