/**
 * A prune pattern written for stale accounts can just as well match an administrator. Deleting a
 * user (and with it its tokens) that holds `Permissions.Modify` or the `Administrator` role is a
 * risk of its own, named with the principal and the path, not only one count in a mass deletion.
 */
import type { AclEntry } from '../model/live-state.js';
import type { LoadedSpec } from '../spec/model.js';
import { finding, type Finding } from '../model/finding.js';
import { matchingPattern } from '../spec/glob.js';
import type { Change } from './model.js';
import { privilegesAt, rolesAt, type AccessModel } from './permissions.js';
import type { PlanContext } from './plan-context.js';
import { relevantEntries, type IndexedState, type Principal } from './privileges.js';
import { splitTokenId } from '../model/identity.js';
import { positionOf } from '../spec/positions.js';

const ADMIN_ROLE = 'Administrator';
const ADMIN_PRIVILEGE = 'Permissions.Modify';

interface AdminGrant {
  readonly path: string;
  /** `Administrator` or `Permissions.Modify`. */
  readonly what: string;
  /** `directly`, `through group ops`, `through its user`. */
  readonly via: string;
}

const grantsAdmin = (model: AccessModel, e: AclEntry): boolean =>
  e.roleid === ADMIN_ROLE || (model.roles[e.roleid] ?? []).includes(ADMIN_PRIVILEGE);

function via(principal: Principal, e: AclEntry): string {
  if (principal.type === 'token') return e.type === 'token' ? 'directly' : 'through its user';
  return e.type === 'group' ? `through group ${e.ugid}` : 'directly';
}

/**
 * Entries that can be the source of a principal's grant: a privilege-separated token's own (its
 * user's only cap them), the user's and its groups' for a token without privsep (PVE ignores its own).
 */
function sourceEntries(principal: Principal, model: AccessModel, entries: readonly AclEntry[]): readonly AclEntry[] {
  const token = principal.type === 'token' ? splitTokenId(principal.id) : undefined;
  if (!token) return entries;
  const privsep = model.users[token.userid]?.tokens[token.tokenid]?.privsep ?? true;
  return entries.filter((e) => (e.type === 'token') === privsep);
}

/**
 * Where a principal holds administration, at the paths of the entries that grant it (not again at
 * every path below them), and only where PVE's walk confirms it (NoAccess, privsep can take it away).
 */
export function adminGrants(principal: Principal, before: IndexedState): AdminGrant[] {
  const entries = relevantEntries(principal, before);
  const model = { ...before.model, acl: entries };
  const candidates = sourceEntries(principal, model, entries);
  const out: AdminGrant[] = [];
  for (const path of [...new Set(candidates.map((e) => e.path))]) {
    const sources = candidates.filter((e) => e.path === path && grantsAdmin(model, e));
    if (sources.length === 0) continue;
    const isAdmin = rolesAt(model, principal.id, path).has(ADMIN_ROLE);
    if (!isAdmin && !Object.hasOwn(privilegesAt(model, principal.id, path), ADMIN_PRIVILEGE)) continue;
    const how = [...new Set(sources.map((e) => via(principal, e)))].join(', ');
    out.push({ path, what: isAdmin ? ADMIN_ROLE : ADMIN_PRIVILEGE, via: how });
  }
  return out;
}

const describeGrants = (grants: readonly AdminGrant[]): string => grants.map((g) => `${g.what} on ${g.path} (${g.via})`).join(', ');

/** One warning per pruned user, and per token of it, that can administer the cluster today. */
export function pruneAdminFindings(loaded: LoadedSpec, ctx: PlanContext, before: IndexedState, changes: readonly Change[]): Finding[] {
  const out: Finding[] = [];
  const position = positionOf(loaded, 'prune.users', 'prune');
  for (const change of changes) {
    if (change.kind !== 'user' || change.action !== 'delete' || change.implied) continue;
    const pattern = matchingPattern(ctx.spec.prune.users, change.userid);
    if (pattern === undefined) continue;
    const user = ctx.live.users[change.userid];
    const userGrants = adminGrants({ id: change.userid, type: 'user' }, before);
    if (userGrants.length > 0) {
      out.push(
        finding(
          'warning',
          'prune-deletes-admin',
          `prune pattern "${pattern}" deletes user ${change.userid}, which holds ${describeGrants(userGrants)}`,
          {
            address: change.address,
            position,
          },
        ),
      );
    }
    for (const tokenid of Object.keys(user?.tokens ?? {}).sort()) {
      const fullid = `${change.userid}!${tokenid}`;
      const grants = adminGrants({ id: fullid, type: 'token' }, before);
      if (grants.length === 0) continue;
      out.push(
        finding(
          'warning',
          'prune-deletes-admin',
          `prune pattern "${pattern}" deletes token ${fullid} with its user; the token holds ${describeGrants(grants)}`,
          {
            address: `token:${fullid}`,
            position,
          },
        ),
      );
    }
  }
  return out;
}
