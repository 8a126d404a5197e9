/**
 * `/access/users`: the filtered, sorted list with its `full=1` shape,
 * one user, create (password stored before the group check, as PVE does), update with group
 * replace/append, and delete with its cascades.
 */
import { die, underLock } from './errors.js';
import { byText, splitList, truthy, verifyUsername } from './ids.js';
import type { ParamSpec, Params, Schema } from './params.js';
import type { HandlerContext, Route } from './route.js';
import { newUser, settleUserFields, toInt, type TokenRecord, type UserRecord } from './state.js';
import type { PveFeatures } from './version.js';

const TEXT_FIELDS = ['firstname', 'lastname', 'email', 'comment', 'keys'] as const;

const userid = { type: 'string', format: 'pve-userid', maxLength: 64 } as const satisfies ParamSpec;

function userFields(features: PveFeatures): Schema {
  const limit = (maxLength: number): { maxLength?: number } => (features.userFieldLimits ? { maxLength } : {});
  return {
    enable: { type: 'boolean', optional: true },
    expire: { type: 'integer', minimum: 0, optional: true },
    firstname: { type: 'string', optional: true, ...limit(1024) },
    lastname: { type: 'string', optional: true, ...limit(1024) },
    email: { type: 'string', format: 'email-opt', optional: true, ...limit(254) },
    comment: { type: 'string', optional: true, ...limit(2048) },
    keys: features.userFieldLimits
      ? { type: 'string', pattern: /^[0-9a-zA-Z!=]{0,4096}$/, optional: true }
      : { type: 'string', optional: true },
    groups: { type: 'string', format: 'pve-groupid-list', optional: true },
  };
}

/** The fields PVE copies when they are defined; `full` adds groups and tokens. */
function userData(user: UserRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { enable: user.enable };
  if (user.expire !== undefined) out.expire = user.expire;
  for (const field of TEXT_FIELDS) if (user[field] !== undefined) out[field] = user[field];
  return out;
}

/** Token metadata as user.cfg gives it back: privsep, expire, comment when set. */
export function tokenInfo(token: TokenRecord): Record<string, unknown> {
  return { privsep: token.privsep, expire: token.expire, ...(token.comment !== undefined ? { comment: token.comment } : {}) };
}

function listUsers(ctx: HandlerContext, params: Params): unknown {
  const full = params.full === '1';
  const enabled = params.enabled;
  const privs = ['User.Modify', 'Sys.Audit'];
  const everyone = ctx.checks.checkAny('/access/groups', privs, true);
  const visible = everyone ? undefined : ctx.checks.groupMembers(ctx.checks.filterGroups(privs, true));
  const out: Record<string, unknown>[] = [];
  for (const id of ctx.state.sortedUserIds()) {
    if (visible && id !== ctx.authid && !visible.has(id)) continue;
    const user = ctx.state.users.get(id)!;
    if (enabled !== undefined && String(user.enable) !== enabled) continue;
    const entry = userData(user);
    if (full) {
      entry.groups = [...user.groups].sort(byText).join(',');
      entry.tokens =
        user.tokens.size === 0
          ? null
          : [...user.tokens.keys()].sort(byText).map((tokenid) => ({ tokenid, ...tokenInfo(user.tokens.get(tokenid)!) }));
    }
    entry.userid = id;
    const realmType = ctx.state.realms.type(verifyUsername(id).realm);
    if (realmType) entry['realm-type'] = realmType;
    out.push(entry);
  }
  return out;
}

function readUser(ctx: HandlerContext, params: Params): unknown {
  const user = ctx.checks.userExists(params.userid, false)!;
  return {
    ...userData(user),
    groups: [...user.groups].sort(byText),
    tokens: user.tokens.size === 0 ? null : Object.fromEntries([...user.tokens].map(([id, token]) => [id, tokenInfo(token)])),
  };
}

/** Group names of a `groups` parameter, each of which must exist. */
function existingGroups(ctx: HandlerContext, groups: string | undefined): string[] {
  const wanted = splitList(groups);
  for (const groupid of wanted) if (!ctx.state.groups.has(groupid)) throw die(`no such group '${groupid}'`);
  return wanted;
}

/** Stores a password the way the realm's plugin would (pam: the simulated node's account; directories refuse). */
export function setRealmPassword(ctx: HandlerContext, userid: string, realm: string, password: string): void {
  const type = ctx.state.realms.type(realm);
  if (type === undefined) throw die(`auth domain '${realm}' does not exist`);
  if (type !== 'pve' && type !== 'pam') throw die(`can't set password on auth type '${type}'`);
  ctx.state.passwords.set(userid, password);
}

/** In a realm with `case-sensitive 0`, the user whose id differs from this one only in case. */
function sameUserIgnoringCase(ctx: HandlerContext, userid: string): string | undefined {
  const wanted = userid.toLowerCase();
  return ctx.state.sortedUserIds().find((id) => id.toLowerCase() === wanted);
}

function createUser(ctx: HandlerContext, params: Params): unknown {
  underLock('create user failed', () => {
    const { userid: id, realm } = verifyUsername(params.userid!);
    const existing = ctx.state.realms.caseSensitive(realm) ? id : sameUserIgnoringCase(ctx, id);
    if (existing !== undefined && ctx.state.users.has(existing)) throw die(`user '${existing}' already exists`);
    // Not atomic in PVE either: the password is written before the groups are checked.
    if (params.password !== undefined) setRealmPassword(ctx, id, realm, params.password);
    const groups = params.groups ? existingGroups(ctx, params.groups) : [];
    const user = newUser(id, { enable: params.enable === '0' ? 0 : 1, expire: truthy(params.expire) ? toInt(params.expire) : 0 });
    for (const field of TEXT_FIELDS) if (truthy(params[field])) user[field] = params[field];
    settleUserFields(user);
    ctx.state.addUser(user);
    for (const groupid of groups) ctx.state.addMembership(id, groupid);
    ctx.state.committed();
  });
  return null;
}

function updateUser(ctx: HandlerContext, params: Params): unknown {
  underLock('update user failed', () => {
    const user = ctx.checks.userExists(params.userid, false)!;
    const groups = params.groups ? existingGroups(ctx, params.groups) : [];
    if (params.enable !== undefined) user.enable = params.enable === '1' ? 1 : 0;
    if (params.expire !== undefined) user.expire = toInt(params.expire);
    if (params.append !== '1' && params.groups !== undefined) ctx.state.clearMemberships(user.userid);
    for (const groupid of groups) ctx.state.addMembership(user.userid, groupid);
    for (const field of TEXT_FIELDS) if (params[field] !== undefined) user[field] = params[field];
    settleUserFields(user);
    ctx.state.committed();
  });
  return null;
}

function deleteUser(ctx: HandlerContext, params: Params): unknown {
  underLock('delete user failed', () => {
    // Written without the user; a deleted root@pam is re-created on the next read, without expire.
    ctx.state.committed();
    ctx.state.removeUser(params.userid!);
  });
  return null;
}

/** The `/access/users` methods. */
export const userRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/access/users',
    permissions: { user: 'all' },
    schema: () => ({ enabled: { type: 'boolean', optional: true }, full: { type: 'boolean', optional: true } }),
    handler: listUsers,
  },
  {
    method: 'POST',
    path: '/access/users',
    permissions: {
      check: ['and', ['userid-param', 'Realm.AllocateUser'], ['userid-group', ['User.Modify'], { groupsParam: 'create' }]],
    },
    lockLabel: 'create user failed',
    schema: (features) => ({
      userid,
      ...userFields(features),
      password: { type: 'string', minLength: features.passwordMinLength, maxLength: 64, optional: true },
    }),
    handler: createUser,
  },
  {
    method: 'GET',
    path: '/access/users/{userid}',
    permissions: { check: ['userid-group', ['User.Modify', 'Sys.Audit']] },
    schema: () => ({ userid }),
    handler: readUser,
  },
  {
    method: 'PUT',
    path: '/access/users/{userid}',
    permissions: { check: ['userid-group', ['User.Modify'], { groupsParam: 'update' }] },
    lockLabel: 'update user failed',
    schema: (features) => ({ userid, ...userFields(features), append: { type: 'boolean', optional: true, requires: 'groups' } }),
    handler: updateUser,
  },
  {
    method: 'DELETE',
    path: '/access/users/{userid}',
    permissions: { check: ['and', ['userid-param', 'Realm.AllocateUser'], ['userid-group', ['User.Modify']]] },
    lockLabel: 'delete user failed',
    schema: () => ({ userid }),
    handler: deleteUser,
  },
];
