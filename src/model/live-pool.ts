/**
 * A resource pool as the cluster reports it, and the pool facts the core shares: pool-id
 * grammar, nesting and which PVE versions nest. Members are those PVE lists: it stores any valid
 * id but shows only guests and storages the cluster knows.
 */

export interface LivePool {
  readonly poolid: string;
  readonly comment: string;
  /** Sorted VM ids. */
  readonly vms: readonly number[];
  /** Sorted storage ids. */
  readonly storage: readonly string[];
}

/** PVE 8.0.7 introduced nested pools, up to three levels (`a/b/c`). */
export const POOL_MAX_DEPTH = 3;

/** One level of a pool id: `pve-poolid` allows these characters, and PVE wants a letter first when it creates one. */
export const POOL_LEVEL = /^[A-Za-z0-9.\-_]+$/;

/** The parent of a nested pool id, undefined at the top. */
export function parentPoolId(poolid: string): string | undefined {
  const cut = poolid.lastIndexOf('/');
  return cut < 0 ? undefined : poolid.slice(0, cut);
}

/** Whether PVE of this version knows nested pools (8.0.7 and later). */
export function nestsPools(version: { readonly major: number; readonly minor: number; readonly version: string }): boolean {
  if (version.major !== 8) return version.major > 8;
  if (version.minor > 0) return true;
  const patch = /^\d+\.\d+[.-](\d+)/.exec(version.version)?.[1];
  return patch !== undefined && Number(patch) >= 7;
}

/** `/pool/<id>` → `<id>`; undefined for any other path (and for `/pool` itself). */
export function poolOfAclPath(path: string): string | undefined {
  return path.startsWith('/pool/') ? path.slice('/pool/'.length) : undefined;
}
