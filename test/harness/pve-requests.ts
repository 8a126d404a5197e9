/** What one run asked of the PVE simulator, from its request log. */
import type { PveSimulator } from '../fakes/pve/index.js';

export interface PveRequestCounts {
  readonly total: number;
  readonly reads: number;
  readonly writes: number;
  /** `METHOD path` of every request that changes something, in order. */
  readonly written: readonly string[];
}

export function pveRequestCounts(sim: PveSimulator): PveRequestCounts {
  const writes = sim.requests.filter((r) => r.method !== 'GET' && !isLogin(r));
  return {
    total: sim.requests.length,
    reads: sim.requests.filter((r) => r.method === 'GET').length,
    writes: writes.length,
    written: writes.map((r) => `${r.method} ${r.path}`),
  };
}

/** A ticket login is a POST that writes nothing. */
const isLogin = (r: { method: string; path: string }): boolean => r.method === 'POST' && r.path.startsWith('/access/ticket');

/** Runs `fn` with a fresh request log and returns its result with the counts it caused. */
export async function countingPveRequests<T>(sim: PveSimulator, fn: () => Promise<T>): Promise<{ result: T; counts: PveRequestCounts }> {
  sim.resetRequests();
  const result = await fn();
  return { result, counts: pveRequestCounts(sim) };
}
