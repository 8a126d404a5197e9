/**
 * What pools add to the role walk: the roles an identity holds on `/pool/<id>` also apply to the
 * pool's member guests (`/vms/<vmid>`) and storages (`/storage/<id>`), without propagation and
 * only where the regular ACL does not already set the role. NoAccess from the regular ACL wins;
 * NoAccess from a pool replaces the regular roles. Members are matched by their exact path, as
 * PVE looks them up by the path string.
 */
import type { PoolConfig } from './pool-config.js';
import type { Flag } from './state.js';

/** The pools whose members include the object at `path`. */
function poolsOf(pools: PoolConfig, path: string): string[] {
  const vm = /^\/vms\/([^/]+)$/.exec(path);
  if (vm) {
    const pool = pools.poolOfVm(vm[1]!);
    return pool === undefined ? [] : [pool];
  }
  const storage = /^\/storage\/([^/]+)$/.exec(path);
  return storage ? pools.poolsWithStorage(storage[1]!) : [];
}

/**
 * The roles on `path` once pool roles are added to `regular`. `rolesOn` is the role walk of the
 * same identity, used on each pool's own path (nested pools inherit through the ACL tree).
 */
export function withPoolRoles(
  pools: PoolConfig,
  path: string,
  regular: Map<string, Flag>,
  rolesOn: (poolPath: string) => ReadonlyMap<string, Flag>,
): Map<string, Flag> {
  const inherited = new Set<string>();
  for (const poolid of poolsOf(pools, path)) for (const roleid of rolesOn(`/pool/${poolid}`).keys()) inherited.add(roleid);
  if (inherited.size === 0 || regular.has('NoAccess')) return regular;
  if (inherited.has('NoAccess')) return new Map([['NoAccess', 0]]);
  const roles = new Map(regular);
  for (const roleid of inherited) if (!roles.has(roleid)) roles.set(roleid, 0);
  return roles;
}
