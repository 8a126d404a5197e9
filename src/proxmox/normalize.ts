/**
 * PVE's wire format → LiveState. Pure. PVE answers the same fact in several spellings:
 * stored values are numbers, echoed ones numeric strings; lists are comma strings in list
 * endpoints and arrays in per-object ones; `tokens` is an array, an object or `null`; an empty
 * `email` shows up as `""` or not at all. Everything here folds those into one shape, sorted,
 * so two reads of the same cluster are deep-equal whichever endpoints they used.
 */
import { ActionError } from '../errors.js';
import { compareAclEntries, compareText, sortedUnique } from '../model/compare.js';
import type { Wire } from './api.js';
import type { AclEntry, AclSubjectType, LiveGroup, LiveRole, LiveState, LiveToken, LiveUser, ServerVersion } from '../model/live-state.js';

/** The raw answers a state read collects. */
export interface WireState {
  readonly version: Wire;
  readonly roles: readonly Wire[];
  readonly users: readonly Wire[];
  readonly groups: readonly Wire[];
  readonly acl: readonly Wire[];
}

/** Builds the LiveState from the five list answers (or their per-object equivalents). */
export function normalizeLiveState(wire: WireState): LiveState {
  const users = wire.users.map(normalizeUser).filter((u) => u !== undefined);
  const groups = wire.groups.map(normalizeGroup).filter((g) => g !== undefined);
  // Membership is visible from both sides, each possibly filtered by the caller's rights: take the union.
  const membership = new Membership();
  for (const user of users) for (const groupid of user.groups) membership.add(user.userid, groupid);
  for (const group of groups) for (const userid of group.members) membership.add(userid, group.groupid);
  return {
    version: parseServerVersion(wire.version),
    roles: byId(
      wire.roles.map(normalizeRole).filter((r) => r !== undefined),
      (r) => r.roleid,
    ),
    users: byId(
      users.map((u) => ({ ...u, groups: membership.groupsOf(u.userid) })),
      (u) => u.userid,
    ),
    groups: byId(
      groups.map((g) => ({ ...g, members: membership.membersOf(g.groupid) })),
      (g) => g.groupid,
    ),
    acl: normalizeAcl(wire.acl),
  };
}

class Membership {
  readonly #groupsOf = new Map<string, Set<string>>();
  readonly #membersOf = new Map<string, Set<string>>();
  add(userid: string, groupid: string): void {
    setIn(this.#groupsOf, userid).add(groupid);
    setIn(this.#membersOf, groupid).add(userid);
  }
  groupsOf = (userid: string): string[] => sortedUnique([...(this.#groupsOf.get(userid) ?? [])]);
  membersOf = (groupid: string): string[] => sortedUnique([...(this.#membersOf.get(groupid) ?? [])]);
}

function setIn(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

/** `/version` → ServerVersion; understands `9.1.1`, `8.2.4` and 7.x's `7.4-3`. */
export function parseServerVersion(wire: Wire): ServerVersion {
  const version = text(wire.version);
  const release = text(wire.release);
  const match = /^(\d+)\.(\d+)/.exec(version) ?? /^(\d+)\.(\d+)/.exec(release);
  if (!match) throw new ActionError(`cannot read the Proxmox VE version from /version (version '${version}')`);
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return { version: version || release, release: release || `${major}.${minor}`, major, minor };
}

function normalizeRole(wire: Wire): LiveRole | undefined {
  const roleid = text(wire.roleid);
  if (roleid === '') return undefined;
  return { roleid, privileges: privilegesOf(wire.privs), builtin: flag(wire.special, false) };
}

/** The role list sends `"A,B"`; `GET /access/roles/{id}` sends `{ "A": 1, "B": 1 }`. */
function privilegesOf(value: unknown): string[] {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return sortedUnique(
      Object.entries(value)
        .filter(([, on]) => flag(on, false))
        .map(([priv]) => priv),
    );
  }
  return sortedUnique(list(value));
}

function normalizeUser(wire: Wire): LiveUser | undefined {
  const userid = text(wire.userid);
  if (userid === '') return undefined;
  return {
    userid,
    // PVE re-creates a deleted root@pam without `enable`/`expire`; its defaults are 1 and 0.
    enable: flag(wire.enable, true),
    expire: integer(wire.expire),
    comment: text(wire.comment),
    email: text(wire.email),
    firstname: text(wire.firstname),
    lastname: text(wire.lastname),
    groups: sortedUnique(list(wire.groups)),
    tokens: normalizeTokens(wire.tokens),
  };
}

/** `tokens`: an array of `{tokenid, …}` (user list), an object keyed by id (single user), or `null`. */
function normalizeTokens(value: unknown): Record<string, LiveToken> {
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item): [string, unknown] => [text((item as Wire | null)?.tokenid), item])
    : typeof value === 'object' && value !== null
      ? Object.entries(value)
      : [];
  const tokens = entries
    .filter(([tokenid, item]) => tokenid !== '' && typeof item === 'object' && item !== null)
    .map(([tokenid, item]): LiveToken => {
      const wire = item as Wire;
      return { tokenid, privsep: flag(wire.privsep, true), expire: integer(wire.expire), comment: text(wire.comment) };
    });
  return byId(tokens, (t) => t.tokenid);
}

/** The group list sends `users: "a,b"`; `GET /access/groups/{id}` sends `members: [...]`. */
function normalizeGroup(wire: Wire): LiveGroup | undefined {
  const groupid = text(wire.groupid);
  if (groupid === '') return undefined;
  return { groupid, comment: text(wire.comment), members: sortedUnique([...list(wire.users), ...list(wire.members)]) };
}

const ACL_TYPES: readonly AclSubjectType[] = ['user', 'group', 'token'];

function normalizeAcl(wire: readonly Wire[]): AclEntry[] {
  const entries = wire
    .map((item) => ({
      path: text(item.path),
      type: text(item.type) as AclSubjectType,
      ugid: text(item.ugid),
      roleid: text(item.roleid),
      propagate: flag(item.propagate, true),
    }))
    .filter((e) => e.path !== '' && e.ugid !== '' && e.roleid !== '' && ACL_TYPES.includes(e.type));
  return entries.sort(compareAclEntries);
}

/** A record whose keys are inserted in sorted order, so serialisations are stable too. */
function byId<T>(items: readonly T[], id: (item: T) => string): Record<string, T> {
  return Object.fromEntries([...items].sort((a, b) => compareText(id(a), id(b))).map((item) => [id(item), item]));
}

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/** `1`, `"1"`, `true` → true; `0`, `"0"`, `false` → false; absent → the PVE default. */
function flag(value: unknown, fallback: boolean): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())) return Number(value) !== 0;
  return fallback;
}

/** Numbers or numeric strings (`"4102444800"`, `"+5"`, `"007"`); anything else is 0. */
function integer(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim() || 'NaN') : NaN;
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

/** Lists as arrays, or one string split like PVE splits its `*-list` formats. */
function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(text).filter((item) => item !== '');
  if (typeof value !== 'string') return [];
  return value.split(value.includes('\u0000') ? /\u0000+/ : /[,;\s]+/).filter((item) => item !== '');
}
