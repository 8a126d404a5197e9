/**
 * The executor against the PVE simulator through the real client: order and batching of the
 * requests, the checks before the first write, stopping at the first failure, verification.
 * Each test seeds the objects its plan touches, as they would exist on a cluster; that seeding
 * is why the file runs past 250 lines.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { executePlan, type ExecuteDeps } from '../../src/apply/executor.js';
import { SecretDeliveryError, UnsafePlanError } from '../../src/errors.js';
import { recordingLogger } from '../../src/log.js';
import type { Change, Plan } from '../../src/plan/model.js';
import type { LiveState } from '../../src/model/live-state.js';
import { startSimulatedApi, type SimulatedApi } from '../harness/simulated-api.js';
import {
  DAY,
  NOW,
  acl,
  entry,
  group,
  liveOf,
  planOf,
  recordingDelivery,
  role,
  token,
  user,
  type RecordingDelivery,
} from '../unit/apply-fixtures.js';

interface Harness {
  api: SimulatedApi;
  delivery: RecordingDelivery;
  logger: ReturnType<typeof recordingLogger>;
  journal: string[];
  deps: ExecuteDeps;
}

const started: SimulatedApi[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((world) => world.stop()));
});

async function harness(
  options: { live?: LiveState; failFor?: string[]; failPreflight?: boolean; verify?: ExecuteDeps['verify'] } = {},
): Promise<Harness> {
  const journal: string[] = [];
  const api = await startSimulatedApi({ journal });
  started.push(api);
  const delivery = recordingDelivery({
    journal,
    ...(options.failFor ? { failFor: options.failFor } : {}),
    ...(options.failPreflight ? { failPreflight: true } : {}),
  });
  const logger = recordingLogger();
  const deps: ExecuteDeps = {
    api: api.api,
    delivery,
    logger,
    live: options.live ?? liveOf(),
    now: () => NOW,
    ...(options.verify ? { verify: options.verify } : {}),
  };
  return { api, delivery, logger, journal, deps };
}

const statuses = (report: { operations: readonly { address: string; status: string }[] }): Record<string, string> =>
  Object.fromEntries(report.operations.map((o) => [o.address, o.status]));

describe('executePlan: order and requests', () => {
  it('runs the plan in its order, delivers each secret right after it exists, and skips implied changes', async () => {
    const h = await harness();
    h.api.seedAccounts(['old@pve!ex', 'gone@pve!ci', 'bob@pve']);
    h.api.seedRoles(['Legacy']);
    const plan = planOf([
      role('create', 'Prov', ['VM.Audit', 'VM.Clone']),
      group('create', 'automation', 'Automation'),
      user('create', 'ci@pve', {
        enable: true,
        expire: 0,
        comment: '',
        email: 'ops@example.com',
        firstname: '',
        lastname: '',
        groups: ['automation'],
      }),
      user('update', 'bob@pve', { comment: 'Bob' }),
      token('create', 'ci@pve!deploy', { lifetime: 90 * DAY }),
      acl('create', entry('/', 'token', 'ci@pve!deploy', 'Prov')),
      acl('delete', entry('/', 'user', 'old@pve', 'Prov')),
      token('delete', 'gone@pve!ci'),
      user('delete', 'old@pve'),
      token('delete', 'old@pve!ex', { implied: true }),
      role('delete', 'Legacy'),
    ]);
    const report = await executePlan(plan, h.deps);

    expect(report.error).toBeUndefined();
    expect(h.journal).toEqual([
      'api createRole Prov',
      'api createGroup automation Automation',
      'api createUser ci@pve',
      'api updateUser bob@pve',
      'api createToken ci@pve deploy',
      'deliver ci@pve!deploy',
      'api updateAcl',
      'api updateAcl',
      'api deleteToken gone@pve ci',
      'api deleteUser old@pve',
      'api deleteRole Legacy',
    ]);
    expect(h.api.callsOf('createUser')[0]?.args[1]).toEqual({ enable: true, expire: 0, email: 'ops@example.com', groups: ['automation'] });
    expect(h.api.callsOf('updateUser')[0]?.args[1]).toEqual({ comment: 'Bob' });
    expect(h.api.callsOf('createToken')[0]?.args[2]).toEqual({ privsep: true, expire: NOW + 90 * DAY });
    // implied: PVE's cascade removed the token with its user, the executor did not ask for it
    expect(h.api.callsOf('deleteToken').map((c) => c.args.join('!'))).toEqual(['gone@pve!ci']);
    expect(h.api.tokens()).not.toContain('old@pve!ex');
    expect(report.operations.map((o) => o.address)).not.toContain('token:old@pve!ex');
    expect(report.applied).toBe(10);
    expect(report.writes).toBe(10);
    expect(report.delivered).toEqual([{ fullid: 'ci@pve!deploy', targets: ['output deploy_token'] }]);
  });

  it('logs one group per phase and one line per request', async () => {
    const h = await harness();
    h.api.seedRoles(['B']);
    const plan = planOf([
      role('create', 'A', ['VM.Audit']),
      role('update', 'B', ['VM.Audit']),
      user('create', 'ci@pve', { enable: true }),
      acl('create', entry('/', 'user', 'ci@pve', 'A')),
      acl('create', entry('/', 'user', 'ci@pve', 'B')),
    ]);
    await executePlan(plan, h.deps);
    const groups = h.logger.lines.filter((l) => l.startsWith('::group::'));
    expect(groups).toEqual(['::group::Apply roles (2)', '::group::Apply users (1)', '::group::Apply ACL entries (2)']);
    const between = (title: string): string[] => {
      const start = h.logger.lines.indexOf(`::group::${title}`);
      return h.logger.lines.slice(start + 1, h.logger.lines.indexOf('::endgroup::', start));
    };
    expect(between('Apply roles (2)')).toEqual(['create role A (1 privilege)', 'update role B (1 privilege)']);
    expect(between('Apply ACL entries (2)')).toEqual(['grant A,B on / to user ci@pve']);
  });

  it('sends one ACL write per path, propagate flag and role set, carrying every subject', async () => {
    const h = await harness();
    h.api.seedAccounts(['a@pve!ci', 'b@pve', 'c@pve']);
    h.api.seed('POST', '/access/groups', { groupid: 'ops' });
    h.api.seed('POST', '/access/groups', { groupid: 'dev' });
    const shared = [
      entry('/vms', 'user', 'a@pve', 'PVEVMUser'),
      entry('/vms', 'user', 'b@pve', 'PVEVMUser'),
      entry('/vms', 'group', 'ops', 'PVEVMUser'),
      entry('/vms', 'group', 'dev', 'PVEVMUser'),
      entry('/vms', 'token', 'a@pve!ci', 'PVEVMUser'),
    ];
    const plan = planOf([
      ...shared.map((e) => acl('create', e)),
      acl('create', entry('/vms', 'user', 'c@pve', 'PVEVMUser', false)),
      acl('update', entry('/storage', 'user', 'a@pve', 'PVEDatastoreUser')),
      acl('update', entry('/storage', 'user', 'a@pve', 'PVEAuditor')),
    ]);
    const report = await executePlan(plan, h.deps);

    expect(h.api.callsOf('updateAcl').map((c) => c.args[0])).toEqual([
      { path: '/vms', roles: ['PVEVMUser'], users: ['a@pve', 'b@pve'], groups: ['ops', 'dev'], tokens: ['a@pve!ci'], propagate: true },
      { path: '/vms', roles: ['PVEVMUser'], users: ['c@pve'], propagate: false },
      { path: '/storage', roles: ['PVEAuditor', 'PVEDatastoreUser'], users: ['a@pve'], propagate: true },
    ]);
    expect(report.writes).toBe(3);
    expect(report.applied).toBe(8);
    expect(h.api.acl()).toHaveLength(8);
  });
});

describe('executePlan: checks before the first write', () => {
  it('checks every secret target of created and rotated tokens first, and writes nothing when that fails', async () => {
    const h = await harness({ failPreflight: true });
    h.api.seedAccounts(['a@pve!old', 'a@pve!rot']);
    const plan = planOf([
      role('create', 'Prov', ['VM.Audit']),
      token('create', 'a@pve!new'),
      token('rotate', 'a@pve!rot', { rotation: 'regenerate' }),
      token('update', 'a@pve!upd', { comment: 'x' }),
      token('delete', 'a@pve!old'),
      token('delete', 'b@pve!implied', { implied: true }),
    ]);
    await expect(executePlan(plan, h.deps)).rejects.toBeInstanceOf(SecretDeliveryError);
    expect(h.delivery.preflights.map((list) => list.map((c) => c.fullid))).toEqual([['a@pve!new', 'a@pve!rot']]);
    expect(h.api.calls).toEqual([]);
  });

  it('refuses any delete when deletions are not allowed, but not the cascades PVE performs itself', async () => {
    const refused = await harness();
    const plan = planOf([user('create', 'a@pve', { enable: true }), user('delete', 'old@pve')]);
    await expect(executePlan(plan, { ...refused.deps, allowDeletions: false })).rejects.toBeInstanceOf(UnsafePlanError);
    expect(refused.api.calls).toEqual([]);

    const allowed = await harness();
    const cascade = planOf([user('create', 'a@pve', { enable: true }), token('delete', 'b@pve!t', { implied: true })]);
    const report = await executePlan(cascade, { ...allowed.deps, allowDeletions: false });
    expect(report.error).toBeUndefined();
    expect(allowed.api.methods()).toEqual(['createUser']);
  });

  it('refuses to delete the token it runs as, before any write', async () => {
    const h = await harness();
    const plan = planOf([role('create', 'X', []), token('delete', 'automation@pve!apply')], {
      actingIdentity: 'automation@pve!apply',
    });
    await expect(executePlan(plan, h.deps)).rejects.toThrow(
      /token:automation@pve!apply: lockout: this plan deletes token automation@pve!apply/,
    );
    expect(h.api.calls).toEqual([]);
  });
});

describe('executePlan: stopping at the first failure', () => {
  it('stops when an error survives the client retries, marks the rest skipped and returns the report', async () => {
    const verifyCalls: number[] = [];
    const h = await harness({ verify: async () => (verifyCalls.push(1), []) });
    h.api.seedAccounts(['b@pve', 'c@pve']);
    h.api.inject({ method: 'PUT', path: '/access/users/b@pve', kind: 'lock-timeout' });
    const plan = planOf([
      role('create', 'A', []),
      user('update', 'b@pve', { email: 'b@example.com' }),
      user('update', 'c@pve', { email: 'c@example.com' }),
      acl('create', entry('/', 'user', 'b@pve', 'A')),
    ]);
    const report = await executePlan(plan, h.deps);

    expect(report.error).toMatch(/user:b@pve: .*got lock request timeout/);
    expect(statuses(report)).toEqual({
      'role:A': 'done',
      'user:b@pve': 'failed',
      'user:c@pve': 'skipped',
      'acl:/|user:b@pve|A': 'skipped',
    });
    expect(report.applied).toBe(1);
    expect(report.writes).toBe(2);
    expect(report.converged).toBe(false);
    expect(verifyCalls).toEqual([]);
  });

  it('marks every change of a failed ACL write as failed', async () => {
    // b@pve does not exist: PVE refuses the whole write.
    const h = await harness();
    h.api.seedAccounts(['a@pve']);
    h.api.seedRoles(['A']);
    const plan = planOf([acl('create', entry('/', 'user', 'a@pve', 'A')), acl('create', entry('/', 'user', 'b@pve', 'A'))]);
    const report = await executePlan(plan, h.deps);
    expect(Object.values(statuses(report))).toEqual(['failed', 'failed']);
    expect(report.error).toMatch(/does not exist/);
  });
});

describe('executePlan: verification', () => {
  const plan = (): Plan => planOf([role('create', 'A', ['VM.Audit'])]);

  it('reports convergence when the re-plan is empty, without counting its reads as writes', async () => {
    let h: Harness;
    h = await harness({ verify: async () => (await h.api.api.listAcl(), []) });
    const report = await executePlan(plan(), h.deps);
    expect(report.converged).toBe(true);
    expect(report.remaining).toEqual([]);
    expect(report.writes).toBe(1);
  });

  it('reports what did not converge', async () => {
    const left: Change[] = [role('update', 'A', ['VM.Audit'])];
    const h = await harness({ verify: async () => left });
    const report = await executePlan(plan(), h.deps);
    expect(report.converged).toBe(false);
    expect(report.remaining).toEqual(left);
    expect(h.logger.lines.some((l) => l.includes('did not converge') && l.includes('role:A'))).toBe(true);
  });

  it('does not claim convergence without a re-plan', async () => {
    const report = await executePlan(plan(), (await harness()).deps);
    expect(report.converged).toBe(false);
    expect(report.error).toBeUndefined();
  });

  it('turns a failed re-plan into an error', async () => {
    const h = await harness({ verify: async () => Promise.reject(new Error('read failed')) });
    const report = await executePlan(plan(), h.deps);
    expect(report.error).toBe('verification failed: read failed');
  });
});
