/**
 * Faults during an overlap rotation (`rotation: overlap`), on a real apply against the simulator:
 * the grant of the new generation fails half-way, its delivery fails, setting the old token's
 * expiry fails. Each ends with no token whose secret nobody holds, the old token working, and a
 * rerun that converges.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { REPO, createFaultWorld, writesOf, type FaultWorld, type RunRecord } from '../harness/fault-world.js';
import { NO_RUNS, expectNoLeaksSince } from '../harness/leaks.js';
import { aclOf, authenticates, splitFull, tokensOnSimulator } from './apply-faults-checks.js';

const USER = 'ci-bot@pve';
const OLD = `${USER}!deploy`;
const NEW = `${USER}!deploy-2`;
const OUTPUT = 'deploy_token';
const REPO_SECRET = 'PROXMOX_DEPLOY_TOKEN';
const ENV_SECRET = 'PM_API_TOKEN';
const ENV_SECRET_PUT = new RegExp(`/repos/${REPO}/environments/production/secrets/${ENV_SECRET}$`);
const LIFETIME = 30 * 86_400;

const SPEC = `version: 1
users:
  ${USER}:
    tokens:
      deploy:
        lifetime: 30d
        rotation: overlap
        overlap: 3d
        deliver:
          - output: ${OUTPUT}
          - github-secret: ${REPO_SECRET}
          - github-secret: { name: ${ENV_SECRET}, environment: production }
acl:
  - path: /vms
    roles: [PVEVMUser, PVEAuditor]
    users: ["${USER}"]
    tokens: ["${OLD}"]
  - path: /storage
    roles: [PVEDatastoreUser]
    users: ["${USER}"]
    tokens: ["${OLD}"]
`;
const GRANTS = ['/storage PVEDatastoreUser', '/vms PVEAuditor', '/vms PVEVMUser'];

describe('overlap rotation under faults', () => {
  let current: FaultWorld | undefined;
  afterEach(async () => {
    try {
      if (current) expect(expectNoLeaksSince(current.world, NO_RUNS, { secretOutputs: ['tokens', OUTPUT] })).toBeGreaterThan(0);
    } finally {
      await current?.stop();
      current = undefined;
    }
  });

  /** A world where the first apply created `deploy` and delivered its secret everywhere. */
  async function created(): Promise<{ w: FaultWorld; secret: string; expire: number }> {
    const w = (current = await createFaultWorld());
    await w.writeSpec(SPEC);
    const first = await w.run();
    expect(first.outcome.failure, first.log).toBeUndefined();
    return { w, secret: splitFull(first.outputs[OUTPUT])!.secret, expire: expireOf(w, 'deploy') };
  }

  const expireOf = (w: FaultWorld, tokenid: string): number => {
    const answer = w.sim.exec('GET', `/access/users/${USER}/token/${tokenid}`);
    return answer.status === 200 ? Number((answer.body as { data: { expire?: number } }).data.expire ?? 0) : -1;
  };
  /** What each target holds now; the output as the last run that set it. */
  const targets = (w: FaultWorld): Record<string, string | undefined> => ({
    output: [...w.runs].reverse().find((r) => (r.outputs[OUTPUT] ?? '') !== '')?.outputs[OUTPUT],
    repository: w.secrets.secretValue(REPO, REPO_SECRET),
    environment: w.secrets.secretValue(`${REPO}:production`, ENV_SECRET),
  });
  const rotate = (w: FaultWorld): Promise<RunRecord> => w.run({ rotate: 'all' });

  /** Clears the faults and applies again (asking for the rotation again when it never happened), then plans. */
  async function expectRerunConverges(w: FaultWorld, inputs: Record<string, string> = {}): Promise<RunRecord> {
    w.sim.clearFaults();
    w.github.faults.length = 0;
    const rerun = await w.run(inputs);
    expect(rerun.outcome.failure, rerun.log).toBeUndefined();
    expect(rerun.log).toMatch(/re-read and re-planned: nothing left to change|nothing to apply/);
    const plan = await w.run({ mode: 'plan' });
    expect(plan.outputs['has-changes']).toBe('false');
    expect(tokensOnSimulator(w)).toEqual([OLD, NEW]);
    expect(aclOf(w, NEW)).toEqual(GRANTS);
    const values = Object.values(targets(w)).map((v) => splitFull(v));
    for (const value of values) {
      expect(value?.id).toBe(NEW);
      expect(await authenticates(w, NEW, value!.secret)).toBe(true);
    }
    expect(new Set(values.map((v) => v?.secret)).size).toBe(1);
    return rerun;
  }

  /** The rotation failed before its last step: only the old token, untouched, and it still works. */
  async function expectOldTokenIntact(w: FaultWorld, secret: string, expire: number): Promise<void> {
    expect(tokensOnSimulator(w)).toEqual([OLD]);
    expect(aclOf(w, NEW)).toEqual([]);
    expect(expireOf(w, 'deploy')).toBe(expire);
    expect(await authenticates(w, OLD, secret)).toBe(true);
  }

  it('without faults: one grant per path, and the old token expires after the overlap', async () => {
    const { w, secret } = await created();
    const run = await rotate(w);
    expect(run.outcome.failure, run.log).toBeUndefined();
    expect(writesOf(run).map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /access/users/${USER}/token/deploy-2`,
      'PUT /access/acl',
      'PUT /access/acl',
      `PUT /access/users/${USER}/token/deploy`,
    ]);
    // The new generation's secret is tried once, as itself, with the grants copied from the old token.
    expect(run.log).toMatch(new RegExp(`verified the secret of ${NEW.replace('!', '\\!')}: holds the \\d+ planned privileges on 2 paths`));
    expect(expireOf(w, 'deploy') - Math.floor(Date.now() / 1000)).toBeGreaterThan(3 * 86_400 - 30);
    expect(expireOf(w, 'deploy') - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(3 * 86_400);
    expect(await authenticates(w, OLD, secret)).toBe(true);
    await expectRerunConverges(w);
  });

  it('the grant fails half-way: the new generation is deleted, the old token keeps its lifetime, a rerun rotates', async () => {
    const { w, secret, expire } = await created();
    w.sim.inject({ method: 'PUT', path: '/access/acl', kind: 'status', status: 500, message: 'cfs write failed', skip: 1, times: 10 });
    const run = await rotate(w);
    expect(run.outcome.failure).toContain(`the new token ${NEW} could not be given the ACL entries of ${OLD}`);
    expect(run.outcome.failure).toContain(`the token was deleted again. ${OLD} is unchanged and keeps working`);
    expect(writesOf(run).filter((r) => r.path === '/access/acl' && r.status === 200)).toHaveLength(1);
    expect(run.outputs['tokens']).toBe('{}');
    expect(splitFull(targets(w).repository)).toEqual({ id: OLD, secret });
    await expectOldTokenIntact(w, secret, expire);
    await expectRerunConverges(w, { rotate: 'all' });
  });

  it('delivery fails: the new generation is deleted, its lone receiver is named, the old token keeps its lifetime', async () => {
    const { w, secret, expire } = await created();
    w.github.faults.push({ method: 'PUT', path: ENV_SECRET_PUT, response: { status: 403, body: { message: 'Forbidden' } }, times: 10 });
    const run = await rotate(w);
    expect(run.outcome.failure).toContain(`the secret of the new token ${NEW} could not be delivered`);
    expect(run.outcome.failure).toContain(`${OLD} is unchanged and keeps working`);
    expect(run.outcome.failure).toContain(`github-secret ${REPO}/${REPO_SECRET}`);
    expect(run.summaries.join('\n')).toContain(`**Revoked:** \`${NEW}\``);
    // The environment secret still holds the old token's secret, which still works.
    expect(splitFull(targets(w).environment)).toEqual({ id: OLD, secret });
    await expectOldTokenIntact(w, secret, expire);
    await expectRerunConverges(w, { rotate: 'all' });
  });

  it('the new secret fails its check: the new generation is revoked, the old token keeps its whole lifetime, a rerun rotates', async () => {
    const { w, secret, expire } = await created();
    // Someone regenerates the new generation's secret between its delivery and its check.
    w.sim.inject({
      method: 'GET',
      path: '/access/permissions',
      kind: 'meanwhile',
      meanwhile: (exec) => void exec('PUT', `/api2/json/access/users/${USER}/token/deploy-2`, { regenerate: 1 }),
    });
    const run = await rotate(w);
    expect(run.outcome.failure).toContain(`the secret of new generation ${NEW} failed its verification (PVE did not accept it`);
    expect(run.outcome.failure).toContain('the token it replaces keeps working for its whole lifetime');
    // Retiring the old token waited for the check, so its expiry was never touched.
    expect(writesOf(run).map((r) => `${r.method} ${r.path}`)).not.toContain(`PUT /access/users/${USER}/token/deploy`);
    await expectOldTokenIntact(w, secret, expire);
    await expectRerunConverges(w, { rotate: 'all' });
  });

  it('setting the old expiry fails: the new generation is delivered, the run fails, the next run sets the expiry', async () => {
    const { w, secret, expire } = await created();
    const oldPath = `/access/users/${USER}/token/deploy`;
    w.sim.inject({ method: 'PUT', path: oldPath, kind: 'status', status: 500, message: 'cfs write failed', times: 10 });
    const run = await rotate(w);
    expect(run.outcome.failure).toContain(`the new token ${NEW} was delivered, but the expiry of ${OLD} could not be set`);
    expect(expireOf(w, 'deploy')).toBe(expire);
    const delivered = splitFull(targets(w).environment)!;
    expect(delivered.id).toBe(NEW);
    expect(await authenticates(w, NEW, delivered.secret)).toBe(true);
    expect(await authenticates(w, OLD, secret)).toBe(true);
    expect(expire - Math.floor(Date.now() / 1000)).toBeGreaterThan(LIFETIME - 60);

    const rerun = await expectRerunConverges(w);
    expect(writesOf(rerun).map((r) => `${r.method} ${r.path}`)).toEqual([`PUT ${oldPath}`]);
    expect(expireOf(w, 'deploy') - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(3 * 86_400);
  });

  it('a secret gone missing after the first generation was deleted: the current generation is rotated to restore it', async () => {
    const { w } = await created();
    expect((await rotate(w)).outcome.failure).toBeUndefined();
    // The first generation's overlap has ended and a run deleted it; then the repository secret was removed.
    expect(w.sim.exec('DELETE', `/access/users/${USER}/token/deploy`).status).toBe(200);
    expect(w.secrets.deleteSecret(REPO, REPO_SECRET)).toBe(true);
    const repair = await w.run();
    expect(repair.outcome.failure, repair.log).toBeUndefined();
    const restored = splitFull(w.secrets.secretValue(REPO, REPO_SECRET))!;
    expect(restored.id).toBe(`${USER}!deploy-3`);
    expect(await authenticates(w, restored.id, restored.secret)).toBe(true);
    expect(tokensOnSimulator(w)).toEqual([NEW, `${USER}!deploy-3`]);
  });

  it('the answer to the create of the new generation is lost: it is read back and given a secret, and no token is left without one', async () => {
    const { w, secret } = await created();
    w.sim.inject({ method: 'POST', path: `/access/users/${USER}/token/deploy-2`, kind: 'reset-after' });
    const run = await rotate(w);
    expect(run.outcome.failure, run.log).toBeUndefined();
    expect(run.log).toContain(`create token ${NEW}: the answer was lost`);
    expect(tokensOnSimulator(w)).toEqual([OLD, NEW]);
    expect(await authenticates(w, OLD, secret)).toBe(true);
    await expectRerunConverges(w);
  });
});
