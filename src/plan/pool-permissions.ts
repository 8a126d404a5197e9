/**
 * What pools add to PVE's permission walk: the roles an identity holds on `/pool/<id>` also
 * apply to that pool's member guests (`/vms/<vmid>`) and storages (`/storage/<id>`), without
 * propagation and only where the regular ACL does not set the role already. NoAccess from the
 * regular ACL wins; NoAccess from a pool replaces the regular roles.
 */
import type { AclEntry, LivePool } from '../model/live-state.js';

export type Pools = Readonly<Record<string, LivePool>>;

/** The pools the object at `path` is a member of (a guest is in one at most, a storage in any number). */
export function poolsOfPath(pools: Pools, path: string): string[] {
  const vm = /^\/vms\/(\d+)$/.exec(path);
  const storage = /^\/storage\/([^/]+)$/.exec(path);
  if (!vm && !storage) return [];
  return Object.values(pools)
    .filter((pool) => (vm ? pool.vms.includes(Number(vm[1])) : pool.storage.includes(storage![1]!)))
    .map((pool) => pool.poolid);
}

/** `regular` (role → propagate) with the roles the identity holds through the member's pools. */
export function withPoolRoles(
  pools: Pools | undefined,
  path: string,
  regular: ReadonlyMap<string, boolean>,
  rolesOn: (poolPath: string) => ReadonlyMap<string, boolean>,
): ReadonlyMap<string, boolean> {
  if (pools === undefined || regular.has('NoAccess')) return regular;
  const inherited = new Set(poolsOfPath(pools, path).flatMap((poolid) => [...rolesOn(`/pool/${poolid}`).keys()]));
  if (inherited.size === 0) return regular;
  if (inherited.has('NoAccess')) return new Map([['NoAccess', false]]);
  const roles = new Map(regular);
  for (const roleid of inherited) if (!roles.has(roleid)) roles.set(roleid, false);
  return roles;
}

/** Whether an ACL path reaches the pool: `/pool`, the pool's own path or one above it. */
const reachesPool = (path: string, poolid: string): boolean =>
  path === '/pool' || `/pool/${poolid}` === path || `/pool/${poolid}`.startsWith(`${path}/`);

/** The member paths of every pool the entries' `/pool` paths reach: where a pool grant shows. */
export function poolMemberPaths(pools: Pools | undefined, entries: readonly Pick<AclEntry, 'path'>[]): string[] {
  const poolPaths = entries.map((e) => e.path).filter((p) => p === '/pool' || p.startsWith('/pool/'));
  if (pools === undefined || poolPaths.length === 0) return [];
  const paths = new Set<string>();
  for (const pool of Object.values(pools)) {
    if (!poolPaths.some((p) => reachesPool(p, pool.poolid))) continue;
    for (const vmid of pool.vms) paths.add(`/vms/${vmid}`);
    for (const storeid of pool.storage) paths.add(`/storage/${storeid}`);
  }
  return [...paths];
}

/** The grants that reach the pool: their subjects' privileges move when its members change. */
export function poolGrants(poolid: string, acl: readonly AclEntry[]): AclEntry[] {
  return acl.filter((e) => reachesPool(e.path, poolid));
}
