/**
 * The changes that cut the acting identity off directly: deleting or disabling what it is, and
 * weakening what it holds its rights through (its groups, the roles it is granted, its ACL
 * entries). Part of the lockout policy (lockout.ts). Implied changes count too: a cascade locks
 * out just as well.
 */
import type { AclEntry, LiveState } from '../model/live-state.js';
import { splitTokenId } from '../model/identity.js';
import { realmOf } from '../model/realm.js';
import type { Change, RoleChange, TokenChange, UserChange } from './model.js';

/** The acting identity and everything its rights come through, as the live state has them. */
export interface ActingScope {
  readonly identity: string;
  /** The identity itself, or the user owning the token. */
  readonly userid: string;
  /** ACL subjects (`type:ugid`) whose entries give the identity its rights. */
  readonly subjects: ReadonlySet<string>;
  /** Roles granted to one of those subjects. */
  readonly heldRoles: ReadonlySet<string>;
  readonly live: LiveState;
}

export function actingScope(identity: string, live: LiveState): ActingScope {
  const userid = splitTokenId(identity)?.userid ?? identity;
  const subjects = new Set([`user:${userid}`, ...(live.users[userid]?.groups ?? []).map((g) => `group:${g}`)]);
  if (identity !== userid) subjects.add(`token:${identity}`);
  const heldRoles = new Set(live.acl.filter((e) => subjects.has(subjectOf(e))).map((e) => e.roleid));
  return { identity, userid, subjects, heldRoles, live };
}

const subjectOf = (e: Pick<AclEntry, 'type' | 'ugid'>): string => `${e.type}:${e.ugid}`;
const describeEntry = (e: AclEntry): string => `${e.roleid} on ${e.path} for ${e.type} ${e.ugid}`;
const groupCarriesAcl = (groupid: string, live: LiveState): boolean => live.acl.some((e) => e.type === 'group' && e.ugid === groupid);

/** Why this change cuts the acting identity off, each reason worded to follow "this plan". */
export function changeReasons(change: Change, scope: ActingScope, now: number): string[] {
  switch (change.kind) {
    case 'user':
      return change.userid === scope.userid ? userReasons(change, scope, now) : [];
    case 'token':
      return change.fullid === scope.identity ? tokenReasons(change) : [];
    case 'role':
      return scope.heldRoles.has(change.roleid) ? roleReasons(change, scope.live) : [];
    case 'realm':
      return change.action === 'delete' && realmOf(scope.userid) === change.realm
        ? [`deletes realm ${change.realm}, which this run's identity logs in through`]
        : [];
    case 'group':
      if (change.action !== 'delete' || !scope.subjects.has(`group:${change.groupid}`) || !groupCarriesAcl(change.groupid, scope.live))
        return [];
      return [`deletes group ${change.groupid}, through which this run's identity holds its privileges`];
    case 'pool':
      // A pool change moves privileges only through members, never the acting identity's own grants.
      return [];
    case 'acl': {
      if (!scope.subjects.has(subjectOf(change.entry))) return [];
      if (change.action === 'delete') return [`revokes ${describeEntry(change.entry)}, which this run's identity relies on`];
      const was = scope.live.acl.find(
        (e) => e.path === change.entry.path && subjectOf(e) === subjectOf(change.entry) && e.roleid === change.entry.roleid,
      );
      return change.action === 'update' && was?.propagate === true && !change.entry.propagate
        ? [`stops ${describeEntry(change.entry)} from propagating`]
        : [];
    }
  }
}

function userReasons(change: UserChange, scope: ActingScope, now: number): string[] {
  const acts = `user ${change.userid}, which this run acts as`;
  if (change.action === 'delete') return [`deletes ${acts}`];
  const reasons: string[] = [];
  if (change.set.enable === false) reasons.push(`disables ${acts}`);
  const expire = change.set.expire;
  const previous = scope.live.users[change.userid]?.expire ?? 0;
  if (expire !== undefined && expire !== 0 && expire <= now) reasons.push(`expires ${acts}`);
  // A later expiry still cuts the identity off then, with nothing in the plan to show for it.
  else if (expire !== undefined && expire !== 0 && (previous === 0 || expire < previous))
    reasons.push(`brings forward the expiry of ${acts}`);
  if (change.set.groups !== undefined) {
    const kept = new Set(change.set.groups);
    const lost = (scope.live.users[change.userid]?.groups ?? []).filter((g) => !kept.has(g) && groupCarriesAcl(g, scope.live));
    if (lost.length > 0) reasons.push(`removes ${acts}, from ${lost.join(', ')}`);
  }
  return reasons;
}

function tokenReasons(change: TokenChange): string[] {
  const authenticates = `token ${change.fullid}, which this run authenticates with`;
  if (change.action === 'delete') return [`deletes ${authenticates}`];
  if (change.action === 'rotate') return [`rotates ${authenticates}, so the run would cut itself off`];
  const privsepWas = change.fields.find((f) => f.field === 'privsep')?.before;
  if (change.action === 'update' && change.privsep && privsepWas === false) return [`turns on privilege separation for ${authenticates}`];
  return [];
}

function roleReasons(change: RoleChange, live: LiveState): string[] {
  const held = `role ${change.roleid}, which this run's identity holds`;
  if (change.action === 'delete') return [`deletes ${held}`];
  const kept = new Set(change.privileges);
  const lost = (live.roles[change.roleid]?.privileges ?? []).filter((p) => !kept.has(p));
  return lost.length > 0 ? [`removes ${lost.join(', ')} from ${held}`] : [];
}
