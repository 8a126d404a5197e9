/**
 * The permission engine of PVE::AccessControl::roles and PVE::RPCEnvironment::permissions
 * as PVE runs it: the role walk from `/` to the target with replace semantics,
 * user entries beating group entries, NoAccess, and privsep tokens intersected with their user.
 * It walks the path exactly as PVE splits it, so unnormalised paths (`vms`, `//vms//101/`) give
 * PVE's answers too. Results are cached per engine, which lives for one request.
 */
import { isUsername, parseTokenId, ROOT } from './ids.js';
import { withPoolRoles } from './pool-roles.js';
import type { Flag, PveState } from './state.js';

/** privilege → propagate */
export type PrivilegeSet = ReadonlyMap<string, Flag>;

/**
 * The ACL nodes a walk visits: Perl's split("/") keeps leading empty fields and drops trailing
 * ones, and `/` itself is walked as the one root level, so entries on `/` count for `/`.
 */
function walkLevels(path: string): { key: string; final: boolean }[] {
  const parts = path.split('/');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (path === '/') parts.push('');
  let current = '';
  return parts.map((part, i) => {
    if (part !== '') current = `${current}/${part}`;
    return { key: current === '' ? '/' : current, final: i === parts.length - 1 };
  });
}

/** Privileges of any identity on any path, over one state, cached for one request. */
export class PermissionEngine {
  readonly #cache = new Map<string, PrivilegeSet>();
  constructor(private readonly state: PveState) {}

  /** Roles of a user or privsep token on a path (token entries only for tokens). */
  roles(identity: string, path: string): Map<string, Flag> {
    const token = parseTokenId(identity);
    const groups = token ? undefined : this.state.users.get(identity)?.groups;
    let roles = new Map<string, Flag>();
    for (const { key, final } of walkLevels(path)) {
      const node = this.state.acl.get(key);
      if (!node) continue;
      const applicable = (entries: ReadonlyMap<string, Flag> | undefined, into: Map<string, Flag>): void => {
        for (const [roleid, propagate] of entries ?? []) if (final || propagate) into.set(roleid, propagate);
      };
      const own = new Map<string, Flag>();
      applicable(node[token ? 'token' : 'user'].get(identity), own);
      if (own.size > 0) {
        roles = own;
        continue;
      }
      const viaGroups = new Map<string, Flag>();
      for (const groupid of groups ?? []) applicable(node.group.get(groupid), viaGroups);
      if (viaGroups.size > 0) roles = viaGroups;
    }
    const noAccess = roles.get('NoAccess');
    return noAccess === undefined ? roles : new Map([['NoAccess', noAccess]]);
  }

  /** Privileges with their propagate flags; `{}` for unknown users and tokens. */
  permissions(identity: string, path: string): PrivilegeSet {
    const key = `${identity}\u0000${path}`;
    let result = this.#cache.get(key);
    if (!result) {
      result = this.#compute(identity, path);
      this.#cache.set(key, result);
    }
    return result;
  }

  #compute(identity: string, path: string): PrivilegeSet {
    if (identity === ROOT) return new Map(this.state.allPrivileges.map((p) => [p, 1]));
    const token = parseTokenId(identity);
    let userPrivileges: PrivilegeSet | undefined;
    if (token) {
      const info = this.state.token(token.userid, token.tokenid);
      if (!info) return new Map();
      userPrivileges = this.permissions(token.userid, path);
      if (!info.privsep) return userPrivileges;
    } else if (!isUsername(identity)) {
      return new Map();
    }
    const privileges = new Map<string, Flag>();
    const roles = withPoolRoles(this.state.pools, path, this.roles(identity, path), (poolPath) => this.roles(identity, poolPath));
    for (const [roleid, propagate] of roles) {
      for (const priv of this.state.role(roleid) ?? []) if (!privileges.get(priv)) privileges.set(priv, propagate);
    }
    if (userPrivileges) {
      for (const [priv, propagate] of privileges) {
        const user = userPrivileges.get(priv);
        if (user === undefined) privileges.delete(priv);
        else privileges.set(priv, propagate && user ? 1 : 0);
      }
    }
    return privileges;
  }
}
