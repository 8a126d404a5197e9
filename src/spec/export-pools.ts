/** The `pools:` section of an exported spec: every pool with its comment and its exact members. */
import type { LiveState } from '../model/live-state.js';

/**
 * Members are always written (`members: {}` for an empty pool), so the exported spec owns the
 * membership it saw and plans no change against the cluster it came from.
 */
export function exportPools(live: LiveState): Record<string, unknown> | undefined {
  const pools = Object.values(live.pools ?? {}).sort((a, b) => a.poolid.localeCompare(b.poolid));
  if (pools.length === 0) return undefined;
  return Object.fromEntries(
    pools.map((pool) => [
      pool.poolid,
      {
        ...(pool.comment && { comment: pool.comment }),
        members: {
          ...(pool.vms.length > 0 && { vms: [...pool.vms] }),
          ...(pool.storage.length > 0 && { storage: [...pool.storage] }),
        },
      },
    ]),
  );
}
