/**
 * The live state as it will be once a plan's changes are applied, with the cascades PVE performs
 * by itself (cascades.ts). Pure. The planner uses it for "after" privileges and safety rules;
 * tests and the executor's verification use it to predict the cluster.
 */
import type { AclEntry, LiveGroup, LiveRole, LiveState, LiveToken, LiveUser } from '../model/live-state.js';
import { aclKey } from '../model/addresses.js';
import { compareAclEntries, compareText, sortedUnique } from '../model/compare.js';
import type { Change, NewGeneration, TokenChange, UserChange } from './model.js';
import { ROOT_USER } from '../model/identity.js';
import { applyPoolChanges, goesWithPool } from './pool-state.js';

interface Draft {
  roles: Map<string, LiveRole>;
  users: Map<string, LiveUser>;
  groups: Map<string, LiveGroup>;
  acl: Map<string, AclEntry>;
}

const dropAcl = (draft: Draft, gone: (e: AclEntry) => boolean): void => {
  for (const [key, entry] of draft.acl) if (gone(entry)) draft.acl.delete(key);
};

function applyUser(draft: Draft, c: UserChange): void {
  if (c.action === 'delete') {
    draft.users.delete(c.userid);
    dropAcl(draft, (e) => (e.type === 'user' && e.ugid === c.userid) || (e.type === 'token' && e.ugid.startsWith(`${c.userid}!`)));
    return;
  }
  const base: LiveUser = draft.users.get(c.userid) ?? {
    userid: c.userid,
    enable: true,
    expire: 0,
    comment: '',
    email: '',
    firstname: '',
    lastname: '',
    groups: [],
    tokens: {},
  };
  const next = { ...base, ...c.set };
  draft.users.set(c.userid, { ...next, groups: sortedUnique(next.groups) });
}

/** A lifetime counts from the moment of (re)creation, which is `now` here. */
function tokenExpire(c: TokenChange, previous: LiveToken | undefined, now: number): number {
  const expireField = c.fields.find((f) => f.field === 'expire');
  const overlapField = c.fields.find((f) => f.field === 'overlap');
  if (overlapField && typeof overlapField.after === 'number') return now + overlapField.after;
  const resets = c.action === 'create' || c.action === 'rotate' || c.fields.some((f) => f.field === 'lifetime');
  if (resets) return c.lifetime !== undefined ? now + c.lifetime : 0;
  if (expireField && typeof expireField.after === 'number') return expireField.after;
  return previous?.expire ?? 0;
}

/**
 * An overlap rotation leaves the token and adds its next generation; the old one expires after
 * the overlap, unless it expires sooner anyway.
 */
function applyOverlap(tokens: Record<string, LiveToken>, c: TokenChange, generation: NewGeneration, now: number): void {
  const old = tokens[c.tokenid];
  if (old) {
    const retire = now + generation.overlap;
    tokens[c.tokenid] = { ...old, expire: old.expire > 0 && old.expire < retire ? old.expire : retire };
  }
  tokens[generation.tokenid] = {
    tokenid: generation.tokenid,
    privsep: c.privsep,
    comment: c.comment,
    expire: c.lifetime !== undefined ? now + c.lifetime : 0,
  };
}

/** The new generation holds the ACL entries the replaced token holds once every change is in. */
function copyGenerationAcl(draft: Draft, changes: readonly Change[]): void {
  for (const c of changes) {
    if (c.kind !== 'token' || c.generation === undefined) continue;
    const { fullid } = c.generation;
    for (const entry of [...draft.acl.values()]) {
      if (entry.type !== 'token' || entry.ugid !== c.fullid) continue;
      const copy = { ...entry, ugid: fullid };
      draft.acl.set(aclKey(copy), copy);
    }
  }
}

function applyToken(draft: Draft, c: TokenChange, now: number): void {
  const user = draft.users.get(c.userid);
  if (!user) return;
  const tokens: Record<string, LiveToken> = { ...user.tokens };
  if (c.generation !== undefined) {
    applyOverlap(tokens, c, c.generation, now);
  } else if (c.action === 'delete') {
    delete tokens[c.tokenid];
    dropAcl(draft, (e) => e.type === 'token' && e.ugid === c.fullid);
  } else {
    const previous = tokens[c.tokenid];
    const field = (name: string) => c.fields.find((f) => f.field === name);
    // Updates touch only the fields they list; creates and recreations take the declared values.
    const listed = <T>(name: string, declared: T, kept: T | undefined): T =>
      c.action === 'create' || c.rotation === 'recreate' || field(name) ? declared : (kept ?? declared);
    tokens[c.tokenid] = {
      tokenid: c.tokenid,
      privsep: listed('privsep', c.privsep, previous?.privsep),
      comment: listed('comment', c.comment, previous?.comment),
      expire: tokenExpire(c, previous, now),
    };
  }
  draft.users.set(c.userid, { ...user, tokens: Object.fromEntries(Object.entries(tokens).sort(([a], [b]) => compareText(a, b))) });
}

function applyChange(draft: Draft, c: Change, now: number): void {
  switch (c.kind) {
    case 'role':
      if (c.action === 'delete') {
        if (draft.roles.get(c.roleid)?.builtin) return;
        draft.roles.delete(c.roleid);
        dropAcl(draft, (e) => e.roleid === c.roleid);
      } else draft.roles.set(c.roleid, { roleid: c.roleid, privileges: sortedUnique(c.privileges), builtin: false });
      return;
    case 'group':
      if (c.action === 'delete') {
        draft.groups.delete(c.groupid);
        for (const [id, u] of draft.users)
          if (u.groups.includes(c.groupid)) draft.users.set(id, { ...u, groups: u.groups.filter((g) => g !== c.groupid) });
        dropAcl(draft, (e) => e.type === 'group' && e.ugid === c.groupid);
      } else draft.groups.set(c.groupid, { groupid: c.groupid, comment: c.comment, members: draft.groups.get(c.groupid)?.members ?? [] });
      return;
    case 'user':
      return applyUser(draft, c);
    case 'token':
      return applyToken(draft, c, now);
    case 'pool':
      if (c.action === 'delete') dropAcl(draft, goesWithPool(c.poolid));
      return;
    case 'acl':
      if (c.action === 'delete') draft.acl.delete(aclKey(c.entry));
      else if (!(c.entry.type === 'user' && c.entry.ugid === ROOT_USER)) draft.acl.set(aclKey(c.entry), c.entry);
  }
}

const sortedRecord = <T>(map: Map<string, T>): Record<string, T> => Object.fromEntries([...map].sort(([a], [b]) => compareText(a, b)));

/** Memberships live on users; groups list them too, so rebuild that side (keeping members this state does not know). */
function withMembers(groups: Map<string, LiveGroup>, users: Map<string, LiveUser>): Map<string, LiveGroup> {
  const membersOf = new Map<string, string[]>();
  for (const user of users.values()) {
    for (const g of user.groups) {
      const list = membersOf.get(g);
      if (list) list.push(user.userid);
      else membersOf.set(g, [user.userid]);
    }
  }
  const out = new Map<string, LiveGroup>();
  for (const [id, group] of groups) {
    const unknown = group.members.filter((m) => !users.has(m));
    out.set(id, { ...group, members: sortedUnique([...unknown, ...(membersOf.get(id) ?? [])]) });
  }
  return out;
}

/** `now` (epoch seconds) turns token lifetimes into expiries; without it they count from 0. */
export function applyChangesToState(live: LiveState, changes: readonly Change[], now = 0): LiveState {
  const draft: Draft = {
    roles: new Map(Object.entries(live.roles)),
    users: new Map(Object.entries(live.users)),
    groups: new Map(Object.entries(live.groups)),
    acl: new Map(live.acl.map((e) => [aclKey(e), e])),
  };
  for (const change of changes) applyChange(draft, change, now);
  copyGenerationAcl(draft, changes);
  const acl = [...draft.acl.values()].sort(compareAclEntries);
  return {
    version: live.version,
    roles: sortedRecord(draft.roles),
    users: sortedRecord(draft.users),
    groups: sortedRecord(withMembers(draft.groups, draft.users)),
    acl,
    ...withPools(applyPoolChanges(live.pools, changes)),
  };
}

const withPools = (pools: LiveState['pools']) => (pools === undefined ? {} : { pools });
