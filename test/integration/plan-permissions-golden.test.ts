/**
 * The planner's permission engine (src/plan/permissions.ts) against real PVE answers: every
 * successful `GET /access/permissions` of the golden vectors is recomputed with privilegesAt
 * on the state read back just before it, for every normalised path in the answer. The planner
 * does not model pools, so while any pool exists the guest and storage paths (which may carry
 * roles from a pool, and whose membership cannot be read back in full) are left out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizeAclPath } from '../../src/model/acl-path.js';
import { privilegesAt } from '../../src/plan/permissions.js';
import { accessModelOf } from '../../src/plan/privileges.js';
import type { Wire } from '../../src/proxmox/api.js';
import { normalizeLiveState } from '../../src/proxmox/normalize.js';
import { startPveSimulator, type PveSimulator } from '../fakes/pve/index.js';
import { apiPath, type FormParams } from '../fakes/pve/pve-http.js';

interface Step {
  readonly as: string;
  readonly method: string;
  readonly path: string;
  readonly params?: FormParams;
  readonly status: number;
  readonly body: { readonly data: unknown };
}

const DIR = fileURLToPath(new URL('../fixtures/pve-golden/', import.meta.url));
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

function readState(sim: PveSimulator) {
  const get = (path: string): unknown => (sim.exec('GET', path).body as { data: unknown }).data;
  return normalizeLiveState({
    version: get('/version') as Wire,
    roles: get('/access/roles') as Wire[],
    users: get('/access/users?full=1') as Wire[],
    groups: get('/access/groups') as Wire[],
    acl: get('/access/acl') as Wire[],
  });
}

/** Per scenario, the paths compared; read by the coverage check at the end. */
const comparedPaths = new Map<string, Set<string>>();

describe('privilegesAt agrees with PVE 9.1.1 on every GET /access/permissions of the golden vectors', () => {
  for (const file of FILES) {
    const steps = (JSON.parse(readFileSync(`${DIR}${file}`, 'utf8')) as { steps: Step[] }).steps;
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
            const pools = (sim.exec('GET', '/pools').body as { data: unknown[] }).data.length > 0;
            for (const [path, privileges] of Object.entries(step.body.data as Record<string, Record<string, number>>)) {
              if (normalizeAclPath(path) !== path) continue;
              if (pools && /^\/(vms|storage)\/[^/]+$/.test(path)) continue;
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

  // An ACL entry on / counts for / itself (propagating or not): the answers of 24 hold `/`.
  it('compared the root path itself, from the scenario that pins it down', () => {
    expect(comparedPaths.get('24-permissions-root-path.json')).toContain('/');
  });
});
