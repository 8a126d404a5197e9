/**
 * PVE's permission engine, pure: which privileges an identity has on a path, from the user,
 * group and token ACL entries along it, walked as PVE walks them. The planner uses it for
 * before/after privilege diffs and safety rules. The simulator has its own engine;
 * test/integration/plan-permissions-golden.test.ts checks this one against the real PVE answers
 * of the golden vectors.
 * Pool members get the roles of their pools' paths (pool-permissions.ts).
 */
import { ROOT_USER, splitTokenId } from '../model/identity.js';
import type { AclEntry } from '../model/live-state.js';
import type { PrivilegeMap } from './model.js';
import { withPoolRoles, type Pools } from './pool-permissions.js';

export interface AccessModel {
  /** roleid -> privileges, built-in roles included. */
  readonly roles: Readonly<Record<string, readonly string[]>>;
  readonly users: Readonly<
    Record<string, { readonly groups: readonly string[]; readonly tokens: Readonly<Record<string, { readonly privsep: boolean }>> }>
  >;
  readonly acl: readonly AclEntry[];
  /** Every privilege of the server: what root@pam holds. */
  readonly allPrivileges: readonly string[];
  /** Pools with their members; absent: no pool roles reach `/vms` or `/storage`. */
  readonly pools?: Pools;
}

/** roleid -> propagate */
export type RoleSet = ReadonlyMap<string, boolean>;

/** `/`, `/vms`, `/vms/100` for `/vms/100`. */
function pathLevels(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return ['/', ...parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`)];
}

/** Groups ACL entries by path once, so a walk costs one lookup per level. */
export function indexAcl(acl: readonly AclEntry[]): Map<string, AclEntry[]> {
  const byPath = new Map<string, AclEntry[]>();
  for (const e of acl) {
    const list = byPath.get(e.path);
    if (list) list.push(e);
    else byPath.set(e.path, [e]);
  }
  return byPath;
}

const indexes = new WeakMap<readonly AclEntry[], Map<string, AclEntry[]>>();
function aclIndex(acl: readonly AclEntry[]): Map<string, AclEntry[]> {
  let idx = indexes.get(acl);
  if (!idx) indexes.set(acl, (idx = indexAcl(acl)));
  return idx;
}

/** The roles of an identity on a path, as `PVE::AccessControl::roles` computes them. */
export function rolesAt(model: AccessModel, identity: string, path: string): RoleSet {
  if (identity === ROOT_USER) return new Map([['Administrator', true]]);
  const token = splitTokenId(identity);
  if (token) {
    const info = model.users[token.userid]?.tokens[token.tokenid];
    if (!info) return new Map();
    if (!info.privsep) return rolesAt(model, token.userid, path);
  }
  const groups = new Set(token ? [] : (model.users[identity]?.groups ?? []));
  const index = aclIndex(model.acl);
  const levels = pathLevels(path);
  let current: Map<string, boolean> = new Map();
  levels.forEach((level, i) => {
    const final = i === levels.length - 1;
    const here = (index.get(level) ?? []).filter((e) => e.propagate || final);
    const pick = (match: (e: AclEntry) => boolean): Map<string, boolean> => new Map(here.filter(match).map((e) => [e.roleid, e.propagate]));
    // Token entries replace for tokens; user entries beat groups; a union of groups replaces otherwise.
    const own = token ? pick((e) => e.type === 'token' && e.ugid === identity) : pick((e) => e.type === 'user' && e.ugid === identity);
    if (own.size > 0) {
      current = own;
      return;
    }
    if (token) return;
    const viaGroups = new Map<string, boolean>();
    for (const e of here) {
      if (e.type === 'group' && groups.has(e.ugid)) viaGroups.set(e.roleid, (viaGroups.get(e.roleid) ?? false) || e.propagate);
    }
    if (viaGroups.size > 0) current = viaGroups;
  });
  if (current.has('NoAccess')) return new Map([['NoAccess', current.get('NoAccess')!]]);
  return withPoolRoles(model.pools, path, current, (poolPath) => rolesAt(model, identity, poolPath));
}

function privilegesOfRoles(model: AccessModel, roles: RoleSet): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const [roleid, propagate] of roles) {
    for (const priv of model.roles[roleid] ?? []) out[priv] = (out[priv] ?? false) || propagate;
  }
  return out;
}

/** Privilege -> propagate for an identity on a path; privsep tokens get their own set ∩ their user's. */
export function privilegesAt(model: AccessModel, identity: string, path: string): PrivilegeMap {
  if (identity === ROOT_USER) return Object.fromEntries(model.allPrivileges.map((p) => [p, true]));
  const own = privilegesOfRoles(model, rolesAt(model, identity, path));
  const token = splitTokenId(identity);
  const info = token && model.users[token.userid]?.tokens[token.tokenid];
  if (!token || !info || !info.privsep || token.userid === ROOT_USER) return own;
  const user = privilegesAt(model, token.userid, path);
  const out: Record<string, boolean> = {};
  for (const [priv, propagate] of Object.entries(own)) {
    if (priv in user) out[priv] = propagate && user[priv]!;
  }
  return out;
}
