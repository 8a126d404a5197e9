/**
 * Lockout protection at apply time: which changes of a plan would delete or weaken the identity
 * the run authenticates as. The planner flags lockouts as findings too; this check does not rely
 * on them, so a plan built by other means (or a planner bug) still cannot cut off the operator.
 */
import type { AclEntry, LiveState } from '../model/live-state.js';
import type { Change, Plan, PrivilegeMap, RoleChange, UserChange } from '../plan/model.js';
import { splitTokenId } from '../model/identity.js';

/** What feeds the acting identity's privileges: itself, its owner user, and that user's groups. */
interface Protected {
  readonly identity: string;
  /** The identity's user (the owner when the identity is a token). */
  readonly userid: string;
  readonly tokenid?: string;
  readonly groups: ReadonlySet<string>;
  readonly heldRoles: ReadonlySet<string>;
  readonly live?: LiveState;
}

/**
 * One message per change that would delete or weaken the acting identity. Implied changes count
 * too: a cascade locks out just as well. Without `live`, group memberships and held roles are
 * known only from the plan itself, and group changes are judged conservatively.
 */
export function actingIdentityViolations(plan: Plan, live?: LiveState): string[] {
  if (plan.actingIdentity === undefined || plan.actingIdentity === '') return [];
  const scope = protectedScope(plan, plan.actingIdentity, live);
  const found = plan.changes.flatMap((change) => {
    const why = violation(change, scope);
    return why === undefined ? [] : [`${change.address}: ${why}`];
  });
  return [...found, ...privilegeLosses(plan, scope)];
}

function protectedScope(plan: Plan, identity: string, live: LiveState | undefined): Protected {
  const token = splitTokenId(identity);
  const userid = token?.userid ?? identity;
  const groups = new Set(live?.users[userid]?.groups ?? []);
  const base = { identity, userid, groups, heldRoles: new Set<string>() };
  const isOwn = (e: AclEntry): boolean => feedsIdentity(e, base);
  // Roles it holds now: live entries, plus entries the plan deletes (they exist now by definition).
  const planned = plan.changes.flatMap((c) => (c.kind === 'acl' && c.action === 'delete' ? [c.entry] : []));
  const heldRoles = new Set([...(live?.acl ?? []), ...planned].filter(isOwn).map((e) => e.roleid));
  return {
    ...base,
    heldRoles,
    ...(token ? { tokenid: token.tokenid } : {}),
    ...(live ? { live } : {}),
  };
}

function feedsIdentity(e: AclEntry, p: Pick<Protected, 'identity' | 'userid' | 'groups'>): boolean {
  if (e.type === 'token') return e.ugid === p.identity;
  if (e.type === 'user') return e.ugid === p.userid;
  return p.groups.has(e.ugid);
}

function violation(change: Change, p: Protected): string | undefined {
  switch (change.kind) {
    case 'user':
      return change.userid === p.userid ? userViolation(change, p) : undefined;
    case 'token':
      if (change.fullid !== p.identity) return undefined;
      if (change.action === 'delete') return 'deletes the token this run authenticates with';
      if (change.action === 'rotate') return 'rotates the token this run authenticates with, which would cut off the run itself';
      if (change.action === 'update' && change.privsep && before(change.fields, 'privsep') === false) {
        return 'turns on privilege separation for the token this run authenticates with';
      }
      return undefined;
    case 'role':
      return roleViolation(change, p);
    case 'group':
      if (change.action !== 'delete' || !p.groups.has(change.groupid)) return undefined;
      return groupHoldsAcl(change.groupid, p) ? `deletes a group through which ${p.identity} holds its privileges` : undefined;
    case 'acl':
      if (!feedsIdentity(change.entry, p)) return undefined;
      if (change.action === 'delete') return `removes an ACL entry ${p.identity} depends on`;
      if (change.action === 'update' && !change.entry.propagate) return `stops an ACL entry ${p.identity} depends on from propagating`;
      return undefined;
  }
}

function userViolation(change: UserChange, p: Protected): string | undefined {
  if (change.action === 'delete') return `deletes the user ${p.identity} acts as`;
  if (change.action !== 'update') return undefined;
  if (change.set.enable === false) return `disables the user ${p.identity} acts as`;
  const expire = change.set.expire;
  if (expire !== undefined && expire !== 0) {
    const previous = p.live?.users[p.userid]?.expire ?? numberOr(before(change.fields, 'expire'), 0);
    if (previous === 0 || expire < previous) return `brings forward the expiry of the user ${p.identity} acts as`;
  }
  if (change.set.groups !== undefined) {
    const kept = new Set(change.set.groups);
    const lost = [...p.groups, ...stringsOr(before(change.fields, 'groups'))].filter((g) => !kept.has(g));
    // Without live state we cannot tell which groups carry ACLs, so any lost membership counts.
    const harmful = p.live ? lost.filter((g) => groupHoldsAcl(g, p)) : lost;
    if (harmful.length > 0) return `removes the user ${p.identity} acts as from ${[...new Set(harmful)].join(', ')}`;
  }
  return undefined;
}

function roleViolation(change: RoleChange, p: Protected): string | undefined {
  if (!p.heldRoles.has(change.roleid)) return undefined;
  if (change.action === 'delete') return `deletes a role ${p.identity} holds`;
  if (change.action !== 'update') return undefined;
  const previous = p.live?.roles[change.roleid]?.privileges ?? stringsOr(before(change.fields, 'privileges'));
  const kept = new Set(change.privileges);
  const lost = previous.filter((priv) => !kept.has(priv));
  return lost.length > 0 ? `removes ${lost.join(', ')} from a role ${p.identity} holds` : undefined;
}

function groupHoldsAcl(groupid: string, p: Protected): boolean {
  return p.live === undefined || p.live.acl.some((e) => e.type === 'group' && e.ugid === groupid);
}

/** Whatever the planner computed: the identity (or the user it depends on) losing a privilege anywhere. */
function privilegeLosses(plan: Plan, p: Protected): string[] {
  const principals = new Set([p.identity, p.userid]);
  return plan.privileges
    .filter((pp) => principals.has(pp.principal))
    .flatMap((pp) =>
      pp.paths.flatMap(({ path, before: was, after: now }) => {
        const lost = weakened(was, now);
        return lost.length > 0 ? [`${pp.principal} would lose ${lost.join(', ')} on ${path}`] : [];
      }),
    );
}

function weakened(was: PrivilegeMap, now: PrivilegeMap): string[] {
  return Object.entries(was)
    .filter(([priv, propagates]) => !(priv in now) || (propagates && now[priv] === false))
    .map(([priv]) => priv);
}

const before = (fields: Change['fields'], name: string): unknown => fields.find((f) => f.field === name)?.before;
const numberOr = (value: unknown, fallback: number): number => (typeof value === 'number' ? value : fallback);
const stringsOr = (value: unknown): readonly string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
