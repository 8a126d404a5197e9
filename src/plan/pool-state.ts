/**
 * What pool changes do to the live state, PVE's cascades included: a guest added to a pool
 * leaves the pool it was in, and a deleted pool takes the ACL entries on its path and below
 * along. Pure; apply-to-state.ts calls it.
 */
import { compareText } from '../model/compare.js';
import type { AclEntry, LivePool } from '../model/live-state.js';
import type { Change, PoolChange } from './model.js';

/** Whether an ACL entry goes with the deleted pool. */
export const goesWithPool =
  (poolid: string) =>
  (e: Pick<AclEntry, 'path'>): boolean =>
    e.path === `/pool/${poolid}` || e.path.startsWith(`/pool/${poolid}/`);

function applyOne(pools: Map<string, LivePool>, c: PoolChange): void {
  if (c.action === 'delete') {
    pools.delete(c.poolid);
    return;
  }
  for (const [id, pool] of pools) {
    if (id !== c.poolid && c.addVms.some((v) => pool.vms.includes(v)))
      pools.set(id, { ...pool, vms: pool.vms.filter((v) => !c.addVms.includes(v)) });
  }
  const was = pools.get(c.poolid);
  const vms = [...(was?.vms ?? []).filter((v) => !c.removeVms.includes(v)), ...c.addVms];
  const storage = [...(was?.storage ?? []).filter((s) => !c.removeStorage.includes(s)), ...c.addStorage];
  pools.set(c.poolid, {
    poolid: c.poolid,
    comment: c.setComment || !was ? c.comment : was.comment,
    vms: [...new Set(vms)].sort((a, b) => a - b),
    storage: [...new Set(storage)].sort(compareText),
  });
}

/** The pools once the plan's pool changes ran; undefined stays undefined (a state read without pools). */
export function applyPoolChanges(
  pools: Readonly<Record<string, LivePool>> | undefined,
  changes: readonly Change[],
): Record<string, LivePool> | undefined {
  const poolChanges = changes.filter((c): c is PoolChange => c.kind === 'pool' && !c.implied);
  if (pools === undefined && poolChanges.length === 0) return undefined;
  const draft = new Map(Object.entries(pools ?? {}));
  for (const change of poolChanges) applyOne(draft, change);
  return Object.fromEntries([...draft].sort(([a], [b]) => compareText(a, b)));
}
