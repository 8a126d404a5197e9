/**
 * Scheduled rotation (`rotate` mode): out of a full plan, only the token rotations, each reduced
 * to the rotation itself. A rotation gives a token a new secret and a new expiry; it changes no
 * declared access, so it needs no review. Everything else the plan wants, including declared
 * fields of the rotated token that differ on the cluster, is drift that stays for a reviewed apply.
 */
import { aclAddress, aclKey } from '../model/addresses.js';
import type { LiveState } from '../model/live-state.js';
import type { AclChange, Change, Plan, TokenChange } from './model.js';

/** Error findings that are about changes a rotation never makes, so they do not stop one. */
const NOT_ABOUT_ROTATION: ReadonlySet<string> = new Set(['deletions-disabled']);

/** The error findings that refuse a scheduled rotation: a spec that would be refused, a lockout. */
export const rotationBlockers = (plan: Plan): Plan['findings'] =>
  plan.findings.filter((f) => f.severity === 'error' && !NOT_ABOUT_ROTATION.has(f.code));

/**
 * The rotation keeps the token's live privsep and comment (a rotation on PVE before 9.1 creates
 * the token again, and would otherwise write the spec's values); its new expiry is the declared
 * lifetime from now, which is what rotating means.
 */
function rotationAlone(change: TokenChange, live: LiveState): TokenChange {
  const token = live.users[change.userid]?.tokens[change.tokenid];
  if (!token) return { ...change, fields: [] };
  return { ...change, privsep: token.privsep, comment: token.comment, fields: [] };
}

/** The plan a scheduled rotation runs: its rotations, nothing else; findings kept for the record. */
export function rotationOnlyPlan(plan: Plan, live: LiveState): Plan {
  const changes = plan.changes
    .filter((c): c is TokenChange => c.kind === 'token' && c.action === 'rotate' && c.implied !== true)
    .map((c) => rotationAlone(c, live));
  return { ...plan, changes, counts: { create: 0, update: 0, delete: 0, rotate: changes.length }, privileges: [] };
}

const changeKey = (c: Change): string => `${c.action} ${c.address}`;

/** ACL entries a rotated token had before and lacks after, as the grants still wanted. */
function lostGrants(rotated: ReadonlySet<string>, before: LiveState, after: LiveState): AclChange[] {
  const kept = new Set(after.acl.map(aclKey));
  return before.acl
    .filter((e) => e.type === 'token' && rotated.has(e.ugid) && !kept.has(aclKey(e)))
    .map((entry) => ({ kind: 'acl', address: aclAddress(entry), action: 'create', fields: [], entry, reason: 'lost in rotation' }));
}

export interface RotationCheck {
  /** The full plan and the state it was made from, before the rotations. */
  readonly before: { readonly plan: Plan; readonly live: LiveState };
  /** A fresh read after them, planned with no rotation asked for. */
  readonly after: { readonly plan: Plan; readonly live: LiveState };
}

/**
 * What a scheduled rotation failed to settle: a rotated token still due or missing, an ACL entry
 * it lost, or any change the rotation itself brought about. The drift that was there before is
 * not counted, and a rotated token may still differ in declared fields the rotation left alone.
 */
export function rotationLeftovers(rotated: readonly string[], check: RotationCheck): Change[] {
  const ids = new Set(rotated);
  const earlier = new Set(check.before.plan.changes.map(changeKey));
  const wanted = check.after.plan.changes.filter((c) => {
    if (c.implied === true) return false;
    if (c.kind === 'token' && ids.has(c.fullid)) return c.action !== 'update';
    return !earlier.has(changeKey(c));
  });
  const seen = new Set(wanted.map((c) => c.address));
  return [...wanted, ...lostGrants(ids, check.before.live, check.after.live).filter((c) => !seen.has(c.address))];
}
