/**
 * The check a new secret goes through after delivery (src/plan/secret-privileges.ts) against real
 * PVE answers: at every successful `GET /access/permissions` a token made about itself without a
 * path in the golden vectors, the check on the state read back just before it must find no
 * difference, and must find one as soon as the answer is changed. The pool scenario is included:
 * the guests a pool lists outside the ACL tree are the one thing the check leaves out. The same on PVE 8.4, whose
 * privilege names differ, through the simulator that replays those vectors.
 */
import { describe, expect, it } from 'vitest';
import { checkSecretPrivileges, type ReportedPermissions } from '../../src/plan/secret-privileges.js';
import { goldenFiles, goldenSteps, simulatorState, type GoldenStep } from '../harness/golden.js';
import { startPveSimulator, type PveSimulator } from '../fakes/pve/index.js';
import { apiPath } from '../fakes/pve/pve-http.js';

const steps = goldenSteps;
/** What a new token's verification asks: its own map, no `userid` naming another, no path. */
const isSelfAnswer = (step: GoldenStep): boolean =>
  step.method === 'GET' &&
  step.path === '/access/permissions' &&
  step.status === 200 &&
  step.as.includes('!') &&
  (step.params?.userid === undefined || step.params.userid === step.as) &&
  (step.params?.path === undefined || step.params.path === '');
const FILES = goldenFiles(isSelfAnswer);

const readState = (sim: PveSimulator) => simulatorState(sim);

/** The answer with one privilege taken away from its first non-empty path. */
function withoutOne(answer: ReportedPermissions): { answer: ReportedPermissions; path: string; privilege: string } | undefined {
  const path = Object.keys(answer).find((p) => Object.keys(answer[p]!).length > 0);
  if (path === undefined) return undefined;
  const [privilege] = Object.keys(answer[path]!);
  const rest = Object.fromEntries(Object.entries(answer[path]!).filter(([p]) => p !== privilege));
  return { answer: { ...answer, [path]: rest }, path, privilege: privilege! };
}

describe('a secret holding what PVE 9.1.1 reports passes the check, one holding anything else does not', () => {
  it('has scenarios to check', () => expect(FILES.length).toBeGreaterThanOrEqual(2));

  for (const file of FILES) {
    it(file, async () => {
      const sim = await startPveSimulator();
      try {
        let compared = 0;
        for (const step of steps(file)) {
          if (isSelfAnswer(step)) {
            const state = readState(sim);
            const answer = step.body.data as ReportedPermissions;
            expect(checkSecretPrivileges(state, step.as, answer).differences, `${step.as}`).toEqual([]);
            const tampered = withoutOne(answer);
            if (tampered) {
              const { differences } = checkSecretPrivileges(state, step.as, tampered.answer);
              expect(differences).toEqual([expect.stringMatching(`^${tampered.path}: lacks ${tampered.privilege.replace('.', '\\.')}`)]);
            }
            const extra = checkSecretPrivileges(state, step.as, { ...answer, '/access/realm': { 'Realm.Allocate': 1 } });
            expect(extra.differences).toContain('/access/realm: also holds Realm.Allocate');
            compared += 1;
          }
          sim.exec(step.method, apiPath(step.path), { ...step.params }, step.as);
        }
        expect(compared).toBeGreaterThan(0);
      } finally {
        await sim.stop();
      }
    });
  }
});

describe.each(['8.4.1', '9.1.1'])(
  'on PVE %s the check agrees with the simulator for tokens with and without privilege separation',
  (version) => {
    it('finds no difference, and counts what the token holds', async () => {
      const sim = await startPveSimulator({ version });
      try {
        const ok = (r: { status: number; body: unknown }): void => expect(r.status, JSON.stringify(r.body)).toBe(200);
        ok(sim.exec('POST', '/access/groups', { groupid: 'ops' }));
        ok(sim.exec('POST', '/access/users', { userid: 'ci@pve', groups: 'ops' }));
        ok(sim.exec('POST', '/access/roles', { roleid: 'Deploy', privs: 'VM.Audit,VM.PowerMgmt,Sys.Audit,Datastore.Audit' }));
        ok(sim.exec('PUT', '/access/acl', { path: '/vms', roles: 'PVEVMAdmin', users: 'ci@pve' }));
        ok(sim.exec('PUT', '/access/acl', { path: '/vms/100', roles: 'PVEAuditor', users: 'ci@pve', propagate: 0 }));
        ok(sim.exec('PUT', '/access/acl', { path: '/storage', roles: 'PVEDatastoreUser', groups: 'ops' }));
        const separated = sim.createToken('ci@pve', 'sep', { privsep: true });
        const shared = sim.createToken('ci@pve', 'shared', { privsep: false });
        ok(sim.exec('PUT', '/access/acl', { path: '/vms', roles: 'Deploy', tokens: separated.fullTokenId }));
        ok(sim.exec('PUT', '/access/acl', { path: '/storage', roles: 'PVEAuditor', tokens: separated.fullTokenId }));
        const state = readState(sim);
        for (const id of [separated.fullTokenId, shared.fullTokenId]) {
          const answer = (sim.exec('GET', '/access/permissions', {}, id).body as { data: ReportedPermissions }).data;
          const check = checkSecretPrivileges(state, id, answer);
          expect(check.differences, id).toEqual([]);
          expect(check.paths).toBe(Object.keys(answer).length);
          expect(check.privileges).toBe(new Set(Object.values(answer).flatMap((p) => Object.keys(p))).size);
        }
        // The separated token gets only what its user holds too: never VM.PowerMgmt on /vms/100.
        const sep = (sim.exec('GET', '/access/permissions', {}, separated.fullTokenId).body as { data: ReportedPermissions }).data;
        expect(sep['/vms/100']).toEqual({ 'Datastore.Audit': 0, 'Sys.Audit': 0, 'VM.Audit': 0 });
      } finally {
        await sim.stop();
      }
    });
  },
);
