/**
 * Token steps of the executor against the PVE simulator through the real client: deliver or
 * revoke, answers lost after PVE applied a create (reset, gateway error), rotation in place and
 * by re-creating, metadata updates, and secrets kept out of logs and reports. Each test seeds
 * its own cluster, which is why the file runs past 250 lines.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { executePlan, type ExecuteDeps } from '../../src/apply/executor.js';
import { recordingLogger } from '../../src/log.js';
import type { LiveState, ServerVersion } from '../../src/model/live-state.js';
import type { PveFault } from '../fakes/pve/index.js';
import { startSimulatedApi, type SimulatedApi } from '../harness/simulated-api.js';
import { DAY, NOW, V84, V91, acl, entry, liveOf, planOf, recordingDelivery, token } from '../unit/apply-fixtures.js';

const started: SimulatedApi[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((world) => world.stop()));
});

async function setup(options: { live?: LiveState; failFor?: string[]; server?: ServerVersion } = {}) {
  const journal: string[] = [];
  const server = options.server ?? V91;
  const api = await startSimulatedApi({ version: server.version, journal });
  started.push(api);
  const delivery = recordingDelivery({ journal, ...(options.failFor ? { failFor: options.failFor } : {}) });
  const logger = recordingLogger();
  const deps: ExecuteDeps = { api: api.api, delivery, logger, live: options.live ?? liveOf({ version: server }), now: () => NOW };
  return { api, delivery, logger, journal, deps };
}

const TOKEN_PATH = '/access/users/a@pve/token/ci';
/** The create (or regenerate) of a@pve!ci: PVE applies it, the answer never arrives. */
const lostAnswer = (method = 'POST', times = 1): PveFault => ({ method, path: TOKEN_PATH, kind: 'reset-after', times });

const opStatus = (report: { operations: readonly { address: string; status: string }[] }, address: string): string | undefined =>
  report.operations.find((o) => o.address === address)?.status;

describe('deliver or revoke', () => {
  it('deletes a new token again when its secret cannot be delivered, and stops the run', async () => {
    const h = await setup({ failFor: ['a@pve!ci'] });
    h.api.seedAccounts(['a@pve']);
    h.api.seedRoles(['A']);
    const plan = planOf([token('create', 'a@pve!ci'), token('create', 'a@pve!other'), acl('create', entry('/', 'token', 'a@pve!ci', 'A'))]);
    const report = await executePlan(plan, h.deps);

    expect(h.journal).toEqual(['api createToken a@pve ci', 'deliver a@pve!ci', 'api deleteToken a@pve ci']);
    expect(h.api.tokens()).toEqual([]);
    expect(report.revoked).toEqual(['a@pve!ci']);
    expect(report.error).toMatch(/new token a@pve!ci could not be delivered.*deleted again/);
    expect(opStatus(report, 'token:a@pve!ci')).toBe('reverted');
    expect(opStatus(report, 'token:a@pve!other')).toBe('skipped');
    expect(report.delivered).toEqual([]);
  });

  it('names the consumers holding a dead secret when a rotated secret cannot be delivered', async () => {
    const h = await setup({ failFor: ['a@pve!ci'] });
    h.api.seedAccounts(['a@pve!ci']);
    const change = token('rotate', 'a@pve!ci', {
      rotation: 'regenerate',
      deliver: [
        { kind: 'output', name: 'ci_token' },
        { kind: 'github-secret', name: 'PM_API_TOKEN' },
      ],
    });
    const report = await executePlan(planOf([change]), h.deps);

    expect(report.deadSecrets).toEqual([{ fullid: 'a@pve!ci', consumers: ['output ci_token', 'secret PM_API_TOKEN'] }]);
    expect(report.error).toMatch(/consumers now hold a dead secret: output ci_token, secret PM_API_TOKEN/);
    expect(report.revoked).toEqual([]);
    expect(h.api.tokens()).toContain('a@pve!ci');
  });
});

describe('lost token-create answers', () => {
  it.each([V91, V84])('creates once more when the token is absent after a lost answer (PVE %o)', async (server) => {
    const h = await setup({ server });
    h.api.seedAccounts(['a@pve']);
    h.api.inject({ method: 'POST', path: TOKEN_PATH, kind: 'reset-before' });
    const report = await executePlan(planOf([token('create', 'a@pve!ci')], { server }), h.deps);

    expect(h.api.methods()).toEqual(['createToken', 'getToken', 'createToken']);
    expect(report.error).toBeUndefined();
    expect(h.delivery.received).toEqual([{ fullid: 'a@pve!ci', secret: h.api.sim.tokenSecret('a@pve!ci') }]);
    expect(report.writes).toBe(2);
  });

  it('regenerates the secret on PVE 9.1 when the lost create did happen', async () => {
    const h = await setup({ server: V91 });
    h.api.seedAccounts(['a@pve']);
    h.api.inject(lostAnswer());
    const report = await executePlan(planOf([token('create', 'a@pve!ci', { lifetime: 30 * DAY })], { server: V91 }), h.deps);

    expect(h.api.methods()).toEqual(['createToken', 'getToken', 'regenerateToken']);
    expect(h.api.callsOf('regenerateToken')[0]?.args[2]).toMatchObject({ expire: NOW + 30 * DAY });
    expect(h.delivery.received.map((r) => r.secret)).toEqual([h.api.sim.tokenSecret('a@pve!ci')]);
    expect(h.api.issued()).toHaveLength(2);
    expect(report.error).toBeUndefined();
  });

  it('deletes and creates again on PVE 8.4 when the lost create did happen', async () => {
    const h = await setup({ server: V84 });
    h.api.seedAccounts(['a@pve']);
    h.api.inject(lostAnswer());
    const report = await executePlan(planOf([token('create', 'a@pve!ci')], { server: V84 }), h.deps);

    expect(h.api.methods()).toEqual(['createToken', 'getToken', 'deleteToken', 'createToken']);
    expect(h.delivery.received.map((r) => r.secret)).toEqual([h.api.sim.tokenSecret('a@pve!ci')]);
    expect(report.error).toBeUndefined();
  });

  it('treats a gateway error as a possibly applied create', async () => {
    const h = await setup({ server: V91 });
    h.api.seedAccounts(['a@pve']);
    h.api.inject({ method: 'POST', path: TOKEN_PATH, kind: 'status-after', status: 502, message: 'Bad Gateway' });
    const report = await executePlan(planOf([token('create', 'a@pve!ci')]), h.deps);
    expect(h.api.methods()).toEqual(['createToken', 'getToken', 'regenerateToken']);
    expect(report.delivered).toHaveLength(1);
  });

  it('does not read back or retry after an answer that proves nothing was written', async () => {
    const h = await setup();
    h.api.seedAccounts(['a@pve!ci']);
    const report = await executePlan(planOf([token('create', 'a@pve!ci')]), h.deps);
    expect(h.api.methods()).toEqual(['createToken']);
    expect(report.error).toMatch(/Parameter verification failed/);
    expect(h.api.tokens()).toContain('a@pve!ci'); // not ours to delete
    expect(report.revoked).toEqual([]);
  });

  it('deletes the token when its secret still cannot be obtained', async () => {
    const h = await setup({ server: V84 });
    h.api.seedAccounts(['a@pve']);
    h.api.inject(lostAnswer('POST', 2));
    const report = await executePlan(planOf([token('create', 'a@pve!ci')], { server: V84 }), h.deps);

    expect(h.api.methods()).toEqual(['createToken', 'getToken', 'deleteToken', 'createToken', 'deleteToken']);
    expect(h.api.tokens()).toEqual([]);
    expect(report.revoked).toEqual(['a@pve!ci']);
    expect(report.error).toMatch(/could not obtain the secret of token a@pve!ci.*deleted again/);
    expect(h.delivery.received).toEqual([]);
  });
});

describe('rotation', () => {
  it('regenerates in place on PVE 9.1, resetting the expiry and keeping the ACLs', async () => {
    const h = await setup({ server: V91 });
    h.api.seedAccounts(['a@pve!ci'], { expire: NOW + DAY });
    h.api.seedRoles(['A']);
    h.api.seedAcl([entry('/', 'token', 'a@pve!ci', 'A')]);
    const report = await executePlan(planOf([token('rotate', 'a@pve!ci', { rotation: 'regenerate', lifetime: 90 * DAY })]), h.deps);

    expect(h.api.methods()).toEqual(['regenerateToken']);
    expect(h.api.token('a@pve!ci')?.expire).toBe(NOW + 90 * DAY);
    expect(h.api.acl()).toHaveLength(1);
    expect(h.delivery.received.map((r) => r.secret)).toEqual([h.api.sim.tokenSecret('a@pve!ci')]);
    expect(report.deadSecrets).toEqual([]);
  });

  it('re-creates before PVE 9.1 and re-grants the ACL entries the plan keeps, in the same run', async () => {
    const live = liveOf({
      version: V84,
      acl: [
        entry('/', 'token', 'a@pve!ci', 'Prov'),
        entry('/', 'token', 'a@pve!ci', 'Audit'),
        entry('/storage', 'token', 'a@pve!ci', 'Prov', false),
        entry('/vms', 'token', 'a@pve!ci', 'Old'),
        entry('/', 'token', 'a@pve!other', 'Prov'),
      ],
    });
    const h = await setup({ server: V84, live });
    h.api.seedAccounts(['a@pve!ci', 'a@pve!other']);
    h.api.seedRoles(['Prov', 'Audit', 'Old']);
    h.api.seedAcl(live.acl);
    const plan = planOf(
      [token('rotate', 'a@pve!ci', { rotation: 'recreate', lifetime: 30 * DAY }), acl('delete', entry('/vms', 'token', 'a@pve!ci', 'Old'))],
      { server: V84 },
    );
    const report = await executePlan(plan, h.deps);

    expect(report.error).toBeUndefined();
    expect(h.journal).toEqual([
      'api deleteToken a@pve ci',
      'api createToken a@pve ci',
      'deliver a@pve!ci',
      'api updateAcl',
      'api updateAcl',
      'api updateAcl',
    ]);
    expect(h.api.callsOf('createToken')[0]?.args[2]).toEqual({ privsep: true, expire: NOW + 30 * DAY });
    const tokenAcl = h.api
      .acl()
      .filter((e) => e.ugid === 'a@pve!ci')
      .map((e) => `${e.path} ${e.roleid} ${e.propagate}`);
    expect(tokenAcl.sort()).toEqual(['/ Audit true', '/ Prov true', '/storage Prov false']);
    expect(report.writes).toBe(5);
  });

  it('reports a dead secret when a re-create cannot finish', async () => {
    const h = await setup({ server: V84 });
    h.api.seedAccounts(['a@pve!ci']);
    h.api.inject({ method: 'POST', path: TOKEN_PATH, kind: 'status', status: 403, message: 'Permission check failed' });
    const report = await executePlan(planOf([token('rotate', 'a@pve!ci', { rotation: 'recreate' })], { server: V84 }), h.deps);
    expect(report.deadSecrets).toEqual([{ fullid: 'a@pve!ci', consumers: ['output ci_token'] }]);
    expect(report.error).toMatch(/403/);
  });

  it('regenerates once more after a lost regenerate answer', async () => {
    const h = await setup({ server: V91 });
    h.api.seedAccounts(['a@pve!ci']);
    h.api.inject(lostAnswer('PUT'));
    const report = await executePlan(planOf([token('rotate', 'a@pve!ci', { rotation: 'regenerate' })]), h.deps);
    expect(h.api.methods()).toEqual(['regenerateToken', 'regenerateToken']);
    expect(h.delivery.received.map((r) => r.secret)).toEqual([h.api.sim.tokenSecret('a@pve!ci')]);
    expect(report.error).toBeUndefined();
  });
});

describe('token metadata', () => {
  it('updates only the fields the plan changes, turning a lifetime into an expiry from now', async () => {
    const h = await setup({ server: V84 });
    h.api.seedAccounts(['a@pve!ci'], { comment: 'keep', privsep: true });
    const change = token('update', 'a@pve!ci', {
      privsep: false,
      comment: '',
      lifetime: 7 * DAY,
      fields: [
        { field: 'privsep', before: true, after: false },
        { field: 'lifetime', before: undefined, after: 7 * DAY },
      ],
    });
    await executePlan(planOf([change], { server: V84 }), h.deps);
    expect(h.api.callsOf('updateToken')[0]?.args[2]).toEqual({ privsep: false, expire: NOW + 7 * DAY });
  });

  it('clears an expiry and a comment while regenerating when the spec no longer has them', async () => {
    const h = await setup({ server: V91 });
    h.api.seedAccounts(['a@pve!ci'], { comment: 'old', expire: NOW + DAY });
    const change = token('rotate', 'a@pve!ci', {
      rotation: 'regenerate',
      fields: [
        { field: 'comment', before: 'old', after: '' },
        { field: 'expire', before: NOW + DAY, after: 0 },
      ],
    });
    await executePlan(planOf([change]), h.deps);
    expect(h.api.callsOf('regenerateToken')[0]?.args[2]).toEqual({ privsep: true, comment: '', expire: 0 });
  });
});

describe('secrets stay out of logs and reports', () => {
  it('never writes a secret to a log line or the report, through recovery and rotation', async () => {
    const h = await setup({ server: V84, failFor: ['c@pve!gone'] });
    h.api.seedAccounts(['a@pve', 'c@pve', 'b@pve!rot']);
    h.api.inject(lostAnswer());
    const plan = planOf(
      [token('create', 'a@pve!ci'), token('rotate', 'b@pve!rot', { rotation: 'recreate' }), token('create', 'c@pve!gone')],
      { server: V84 },
    );
    const report = await executePlan(plan, h.deps);

    expect(h.api.issued().length).toBeGreaterThanOrEqual(4);
    const published = [...h.logger.lines, JSON.stringify(report)].join('\n');
    for (const secret of h.api.issued()) expect(published).not.toContain(secret);
    expect(h.delivery.received.map((r) => r.fullid)).toEqual(['a@pve!ci', 'b@pve!rot']);
    expect(report.revoked).toEqual(['c@pve!gone']);
  });
});
