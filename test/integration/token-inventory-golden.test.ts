/**
 * The token inventory against real PVE answers: at every successful `GET /access/permissions`
 * about an API token in the golden vectors, the inventory of the state read back just before it
 * must agree with PVE on each path both name, and a path PVE leaves out (it has no privileges
 * there) must be empty in the inventory. Pools are not modelled, so while any pool exists the
 * guest and storage paths are left out, as in plan-permissions-golden.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { tokenInventory } from '../../src/plan/token-inventory.js';
import { goldenFiles, goldenSteps, simulatorState, type GoldenStep } from '../harness/golden.js';
import { startPveSimulator, type PveSimulator } from '../fakes/pve/index.js';
import { apiPath } from '../fakes/pve/pve-http.js';
import { spec } from '../unit/plan-fixtures.js';

const steps = goldenSteps;
const subjectOf = (step: GoldenStep): string => (typeof step.params?.userid === 'string' ? step.params.userid : step.as);
const isTokenAnswer = (step: GoldenStep): boolean =>
  step.method === 'GET' && step.path === '/access/permissions' && step.status === 200 && subjectOf(step).includes('!');
const FILES = goldenFiles(isTokenAnswer);

const readState = (sim: PveSimulator) => simulatorState(sim);

describe('the token inventory agrees with PVE 9.1.1 on every token permission answer of the golden vectors', () => {
  it('has scenarios to check', () => expect(FILES.length).toBeGreaterThanOrEqual(3));

  for (const file of FILES) {
    it(file, async () => {
      const sim = await startPveSimulator();
      try {
        let compared = 0;
        const differences: unknown[] = [];
        for (const [i, step] of steps(file).entries()) {
          if (isTokenAnswer(step)) {
            const subject = subjectOf(step);
            const entry = tokenInventory(spec(), readState(sim), 0).find((e) => e.id === subject);
            const pools = (sim.exec('GET', '/pools').body as { data: unknown[] }).data.length > 0;
            const answer = step.body.data as Record<string, Record<string, number>>;
            compared += 1;
            for (const [path, names] of Object.entries(entry?.privileges ?? {})) {
              if (pools && /^\/(vms|storage)\/[^/]+$/.test(path)) continue;
              const asked = typeof step.params?.path === 'string' && step.params.path !== '';
              if (asked && step.params?.path !== path) continue;
              const expected = Object.keys(answer[path] ?? {}).sort();
              if (JSON.stringify([...names].sort()) !== JSON.stringify(expected))
                differences.push({ step: i, subject, path, expected, names });
            }
          }
          sim.exec(step.method, apiPath(step.path), { ...step.params }, step.as);
        }
        expect(differences).toEqual([]);
        expect(compared).toBeGreaterThan(0);
      } finally {
        await sim.stop();
      }
    });
  }
});
