/**
 * The planner's permission engine (src/plan/permissions.ts) against real PVE answers: every
 * successful `GET /access/permissions` of the golden vectors is recomputed with privilegesAt
 * on the state read back just before it (pools and their members included, read as the state
 * reader reads them), for every normalised path in the answer. PVE stores pool members it does not
 * know as guests or storages but never lists them, so their paths (`/vms/999` of 23) cannot be
 * judged from what a client reads and are left out; every member the node knows is compared.
 */
import { describe, expect, it } from 'vitest';
import { normalizeAclPath } from '../../src/model/acl-path.js';
import { privilegesAt } from '../../src/plan/permissions.js';
import { accessModelOf } from '../../src/plan/privileges.js';
import { GUESTS, STORAGES } from '../fakes/pve/inventory.js';
import { goldenFiles, goldenSteps, simulatorState } from '../harness/golden.js';
import { startPveSimulator, type PveSimulator } from '../fakes/pve/index.js';
import { apiPath } from '../fakes/pve/pve-http.js';

const FILES = goldenFiles();

const readState = (sim: PveSimulator) => simulatorState(sim, { pools: true });

/** A guest or storage path of an object the node does not list: a pool may hold it unseen. */
function unlisted(path: string): boolean {
  const [, kind, id] = /^\/(vms|storage)\/([^/]+)$/.exec(path) ?? [];
  if (kind === undefined || id === undefined) return false;
  return kind === 'vms' ? !GUESTS.has(id) : !STORAGES.has(id);
}

/** Per scenario, the paths compared; read by the coverage check at the end. */
const comparedPaths = new Map<string, Set<string>>();

describe('privilegesAt agrees with PVE 9.1.1 on every GET /access/permissions of the golden vectors', () => {
  for (const file of FILES) {
    const steps = goldenSteps(file);
    if (!steps.some((s) => s.path === '/access/permissions' && s.status === 200)) continue;
    it(file, async () => {
      const sim = await startPveSimulator();
      try {
        const compared: string[] = [];
        const differences: unknown[] = [];
        for (const [i, step] of steps.entries()) {
          if (step.method === 'GET' && step.path === '/access/permissions' && step.status === 200) {
            const state = readState(sim);
            const allPrivileges = Object.keys((sim.exec('GET', '/access/roles/Administrator').body as { data: object }).data);
            const model = accessModelOf(state, allPrivileges);
            const subject = typeof step.params?.userid === 'string' ? step.params.userid : step.as;
            for (const [path, privileges] of Object.entries(step.body.data as Record<string, Record<string, number>>)) {
              if (normalizeAclPath(path) !== path) continue;
              if (Object.keys(state.pools ?? {}).length > 0 && unlisted(path)) continue;
              const expected = Object.fromEntries(Object.entries(privileges).map(([p, flag]) => [p, flag === 1]));
              const actual = privilegesAt(model, subject, path);
              compared.push(`${i} ${subject} ${path}`);
              comparedPaths.set(file, (comparedPaths.get(file) ?? new Set()).add(path));
              if (JSON.stringify(Object.entries(actual).sort()) !== JSON.stringify(Object.entries(expected).sort())) {
                differences.push({ step: i, subject, path, expected, actual });
              }
            }
          }
          sim.exec(step.method, apiPath(step.path), { ...step.params }, step.as);
        }
        expect(differences).toEqual([]);
        expect(compared.length).toBeGreaterThan(0);
      } finally {
        await sim.stop();
      }
    });
  }

  it('compared the members of pools in 23, guests and storages alike', () => {
    expect([...(comparedPaths.get('23-pools.json') ?? [])].filter((p) => /^\/(vms|storage)\//.test(p)).sort()).toEqual([
      '/storage/local',
      '/storage/local-lvm',
      '/vms/100',
      '/vms/101',
      '/vms/200',
    ]);
  });

  // An ACL entry on / counts for / itself (propagating or not): the answers of 24 hold `/`.
  it('compared the root path itself, from the scenario that pins it down', () => {
    expect(comparedPaths.get('24-permissions-root-path.json')).toContain('/');
  });
});
