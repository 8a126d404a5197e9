/**
 * Execution order of a plan.
 *
 * 1. Creates, updates and rotations, by dependency: roles, groups, users, tokens, pools, ACLs
 *    (a grant needs its role and subject; a user needs its groups; a token needs its user; a
 *    grant on `/pool/<id>` means its pool, and a nested pool needs its parent).
 * 2. Then deletions, in reverse: ACLs, pools (children first), tokens, users, groups, roles.
 *
 * Deleting first would shrink privileges sooner, but it can cut off the acting identity half-way:
 * replacing its grant (delete the old entry, create the new one) would leave it without
 * `Permissions.Modify` between the two, and since PVE 8.0 a caller without `Permissions.Modify`
 * may only grant privileges it holds itself. Granting first keeps the identity's rights intact
 * until the last write; the plan as a whole is still checked for what it removes (safety.ts).
 * Explicit ACL deletions come before role, group, token and user deletions because PVE refuses
 * to delete an entry whose role or subject no longer exists. Implied changes keep their slot
 * beside the deletion that causes them and are never executed.
 */
import { compareText } from '../model/compare.js';
import type { Change } from './model.js';

const KIND_RANK: Readonly<Record<Change['kind'], number>> = { realm: -1, role: 0, group: 1, user: 2, token: 3, pool: 4, acl: 5 };

/** Realms go first (a user `name@ldap1` needs its realm) and are deleted last, after the users in them. */
function rank(change: Change): number {
  const kind = KIND_RANK[change.kind];
  return change.action === 'delete' ? 10 + (5 - kind) : kind;
}

/** Nested pools: a parent is created before its children (the address sorts first) and deleted after them. */
const childFirst = (a: Change, b: Change): number =>
  a.kind === 'pool' && b.kind === 'pool' && a.action === 'delete' ? b.poolid.split('/').length - a.poolid.split('/').length : 0;

export function orderChanges(changes: readonly Change[]): Change[] {
  return [...changes].sort((a, b) => rank(a) - rank(b) || childFirst(a, b) || compareText(a.address, b.address));
}
