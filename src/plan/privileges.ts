/**
 * Effective privileges before and after a plan, per principal and path: what a
 * reviewer needs to see beyond the raw changes. Computed with PVE's own walk (permissions.ts),
 * so privsep tokens come out as their own set ∩ their user's.
 *
 * Only a principal's own entries, its groups' and (for a token) its user's can shape its
 * privileges, so each principal is evaluated against just those entries: the cost stays
 * proportional to the principal's grants, not to the size of the whole ACL.
 */
import type { AclEntry, LiveState } from '../model/live-state.js';
import { compareText } from '../model/compare.js';
import type { Change, PathPrivileges, PrincipalPrivileges, PrivilegeMap } from './model.js';
import { privilegesAt, type AccessModel } from './permissions.js';
import { splitTokenId, ROOT_USER } from '../model/identity.js';
import { poolGrants, poolMemberPaths } from './pool-permissions.js';

export type PrincipalType = PrincipalPrivileges['type'];

export interface Principal {
  /** userid, `@group` or full token id. */
  readonly id: string;
  readonly type: PrincipalType;
}

/** A state with its permission model and its ACL entries indexed by subject (`user:x`, `group:g`, `token:u!t`). */
export interface IndexedState {
  readonly state: LiveState;
  readonly model: AccessModel;
  readonly entriesBySubject: ReadonlyMap<string, readonly AclEntry[]>;
}

/** The permission engine's view of a state; each group also appears as a pseudo-user `@group` that is only its member. */
export function accessModelOf(state: LiveState, allPrivileges: readonly string[]): AccessModel {
  const users: Record<string, { groups: readonly string[]; tokens: Record<string, { privsep: boolean }> }> = {};
  for (const user of Object.values(state.users)) {
    users[user.userid] = {
      groups: user.groups,
      tokens: Object.fromEntries(Object.values(user.tokens).map((t) => [t.tokenid, { privsep: t.privsep }])),
    };
  }
  for (const groupid of Object.keys(state.groups)) users[`@${groupid}`] = { groups: [groupid], tokens: {} };
  const known = new Set(allPrivileges);
  return {
    // PVE drops privileges it does not know when it parses a role, so they grant nothing.
    roles: Object.fromEntries(
      Object.values(state.roles).map((r) => [r.roleid, known.size > 0 ? r.privileges.filter((p) => known.has(p)) : r.privileges]),
    ),
    users,
    acl: state.acl,
    allPrivileges,
    ...(state.pools !== undefined && { pools: state.pools }),
  };
}

export function indexState(state: LiveState, allPrivileges: readonly string[]): IndexedState {
  const entriesBySubject = new Map<string, AclEntry[]>();
  for (const e of state.acl) {
    const key = `${e.type}:${e.ugid}`;
    const list = entriesBySubject.get(key);
    if (list) list.push(e);
    else entriesBySubject.set(key, [e]);
  }
  return { state, model: accessModelOf(state, allPrivileges), entriesBySubject };
}

/** The entries that can shape a principal's privileges in one state. */
export function relevantEntries(principal: Principal, indexed: IndexedState): AclEntry[] {
  const subjects: string[] = [];
  const addUser = (userid: string) => {
    subjects.push(`user:${userid}`);
    for (const g of indexed.state.users[userid]?.groups ?? []) subjects.push(`group:${g}`);
  };
  if (principal.type === 'group') subjects.push(`group:${principal.id.slice(1)}`);
  else if (principal.type === 'user') addUser(principal.id);
  else {
    subjects.push(`token:${principal.id}`);
    addUser(splitTokenId(principal.id)?.userid ?? principal.id);
  }
  return subjects.flatMap((s) => indexed.entriesBySubject.get(s) ?? []);
}

export const samePrivileges = (a: PrivilegeMap, b: PrivilegeMap): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([p, flag]) => Object.hasOwn(b, p) && b[p] === flag);

/** A principal's privileges on the paths of its grants in either state, only where before and after differ. */
export function principalDiff(principal: Principal, before: IndexedState, after: IndexedState): PathPrivileges[] {
  const was = relevantEntries(principal, before);
  const now = relevantEntries(principal, after);
  const beforeModel = { ...before.model, acl: was };
  const afterModel = { ...after.model, acl: now };
  const paths = [
    ...new Set([
      ...[...was, ...now].map((e) => e.path),
      ...poolMemberPaths(before.state.pools, was),
      ...poolMemberPaths(after.state.pools, now),
    ]),
  ].sort(compareText);
  const out: PathPrivileges[] = [];
  for (const path of paths) {
    const b = privilegesAt(beforeModel, principal.id, path);
    const a = privilegesAt(afterModel, principal.id, path);
    if (!samePrivileges(b, a)) out.push({ path, before: b, after: a });
  }
  return out;
}

/** Every principal whose privileges a change can move: its subjects, holders of changed roles, members and tokens. */
export function touchedPrincipals(changes: readonly Change[], before: LiveState, after: LiveState): Principal[] {
  const users = new Set<string>();
  const groups = new Set<string>();
  const tokens = new Set<string>();
  const subject = (type: 'user' | 'group' | 'token', ugid: string) =>
    (type === 'user' ? users : type === 'group' ? groups : tokens).add(ugid);
  const changedRoles = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'user') users.add(c.userid);
    else if (c.kind === 'group') groups.add(c.groupid);
    else if (c.kind === 'token') tokens.add(c.fullid);
    else if (c.kind === 'acl') subject(c.entry.type, c.entry.ugid);
    else if (c.kind === 'role') changedRoles.add(c.roleid);
    else if (c.kind === 'pool') {
      // A guest moved in leaves its old pool: that pool's grants stop reaching it.
      for (const id of [c.poolid, ...c.moves.map((m) => m.from)]) {
        for (const state of [before, after]) for (const e of poolGrants(id, state.acl)) subject(e.type, e.ugid);
      }
    }
  }
  if (changedRoles.size > 0) {
    for (const state of [before, after]) for (const e of state.acl) if (changedRoles.has(e.roleid)) subject(e.type, e.ugid);
  }
  for (const state of [before, after]) for (const g of groups) for (const m of state.groups[g]?.members ?? []) users.add(m);
  for (const state of [before, after]) {
    for (const u of users) for (const t of Object.keys(state.users[u]?.tokens ?? {})) tokens.add(`${u}!${t}`);
  }
  users.delete(ROOT_USER);
  const list = (ids: Set<string>, type: PrincipalType, prefix = ''): Principal[] =>
    [...ids].sort(compareText).map((id) => ({ id: `${prefix}${id}`, type }));
  return [...list(users, 'user'), ...list(groups, 'group', '@'), ...list(tokens, 'token')];
}

/** Before/after privileges of every principal the changes touch, only where they differ. */
export function effectivePrivileges(before: IndexedState, after: IndexedState, changes: readonly Change[]): PrincipalPrivileges[] {
  const out: PrincipalPrivileges[] = [];
  for (const principal of touchedPrincipals(changes, before.state, after.state)) {
    const paths = principalDiff(principal, before, after);
    if (paths.length > 0) out.push({ principal: principal.id, type: principal.type, paths });
  }
  return out;
}
