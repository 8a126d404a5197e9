/**
 * Reads the resource pools: `GET /pools` lists every pool the caller may audit (nested ones
 * included) with its comment but without members, and members come only from `GET /pools?poolid=`,
 * one request per pool. No listing carries all memberships at once, so this is 1 + N requests
 * for N pools, run a few at a time.
 */
import { compareText } from '../model/compare.js';
import type { LivePool } from '../model/live-pool.js';
import type { LiveState } from '../model/live-state.js';
import type { PoolApi, Wire } from './api.js';
import { READS_AT_ONCE, concurrencyGate } from './concurrency-gate.js';

export async function readPools(api: PoolApi, gate = concurrencyGate(READS_AT_ONCE)): Promise<Record<string, LivePool>> {
  const ids = (await api.listPools()).map((p) => text(p.poolid)).filter((id) => id !== '');
  const pools = await Promise.all(ids.map(async (id) => normalizePool(await gate(() => api.getPool(id)))));
  return Object.fromEntries(pools.sort((a, b) => compareText(a.poolid, b.poolid)).map((p) => [p.poolid, p]));
}

/**
 * The state with its pools; a cluster without pools reads as a state without the key, so its
 * plan digest is the one it had before pools were read.
 */
export const withPools = (state: LiveState, pools: Record<string, LivePool>): LiveState =>
  Object.keys(pools).length === 0 ? state : { ...state, pools };

/** One pool answer → LivePool: guests carry a numeric `vmid`, storages `type: storage` and their id in `storage`. */
export function normalizePool(wire: Wire): LivePool {
  const members = Array.isArray(wire.members) ? (wire.members as unknown[]) : [];
  const vms = new Set<number>();
  const storage = new Set<string>();
  for (const item of members) {
    if (typeof item !== 'object' || item === null) continue;
    const member = item as Wire;
    if (member.type === 'storage') {
      const id = text(member.storage);
      if (id !== '') storage.add(id);
    } else {
      const vmid = Number(member.vmid);
      if (Number.isSafeInteger(vmid) && vmid > 0) vms.add(vmid);
    }
  }
  return {
    poolid: text(wire.poolid),
    comment: text(wire.comment),
    vms: [...vms].sort((a, b) => a - b),
    storage: [...storage].sort(compareText),
  };
}

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
