/**
 * The golden vectors (test/fixtures/pve-golden/README.md): their steps, and the live state a
 * replaying simulator holds at any point, read back the way the state reader reads it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LiveState } from '../../src/model/live-state.js';
import type { Wire } from '../../src/proxmox/api.js';
import { normalizeLiveState } from '../../src/proxmox/normalize.js';
import { normalizePool } from '../../src/proxmox/read-pools.js';
import type { PveSimulator } from '../fakes/pve/index.js';
import type { FormParams } from '../fakes/pve/pve-http.js';

export interface GoldenStep {
  readonly as: string;
  readonly method: string;
  readonly path: string;
  readonly params?: FormParams;
  readonly status: number;
  readonly body: { readonly data: unknown };
}

const DIR = fileURLToPath(new URL('../fixtures/pve-golden/', import.meta.url));

export const goldenSteps = (file: string): GoldenStep[] =>
  (JSON.parse(readFileSync(`${DIR}${file}`, 'utf8')) as { steps: GoldenStep[] }).steps;

/** The scenario files in name order; with `having`, only those with a step it accepts. */
export const goldenFiles = (having?: (step: GoldenStep) => boolean): string[] =>
  readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .filter((f) => having === undefined || goldenSteps(f).some(having));

/** The simulator's access state, through the list endpoints; pools (with members) when asked. */
export function simulatorState(sim: PveSimulator, options: { pools?: boolean } = {}): LiveState {
  const get = (path: string, params?: FormParams): unknown => (sim.exec('GET', path, params).body as { data: unknown }).data;
  const state = normalizeLiveState({
    version: get('/version') as Wire,
    roles: get('/access/roles') as Wire[],
    users: get('/access/users?full=1') as Wire[],
    groups: get('/access/groups') as Wire[],
    acl: get('/access/acl') as Wire[],
  });
  if (options.pools !== true) return state;
  const pools = (get('/pools') as Wire[]).map((listed) => normalizePool((get('/pools', { poolid: String(listed.poolid) }) as Wire[])[0]!));
  return { ...state, pools: Object.fromEntries(pools.map((p) => [p.poolid, p])) };
}
