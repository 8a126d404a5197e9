/**
 * Pool changes through the executor, the real client and the PVE simulator: the requests and
 * their PVE parameters, and failures half-way (a lost answer, a refused delete) that leave a
 * state the next run converges from.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { executePlan } from '../../src/apply/executor.js';
import { recordingLogger } from '../../src/log.js';
import { makePlan } from '../../src/plan/make-plan.js';
import { readLiveState } from '../../src/proxmox/read-state.js';
import { parseSpecText } from '../../src/spec/load.js';
import { startSimulatedApi, type SimulatedApi } from '../harness/simulated-api.js';
import { options } from '../unit/plan-fixtures.js';
import { NOW, recordingDelivery } from '../unit/apply-fixtures.js';

const SPEC = `version: 1
pools:
  prod:
    comment: Production
    allow-move: true
    members: { vms: [100, 101], storage: [local] }
  prod/web:
    members: { vms: [200] }
prune:
  pools: ["old*"]
`;

const started: SimulatedApi[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((world) => world.stop()));
});

async function world(): Promise<SimulatedApi> {
  const api = await startSimulatedApi();
  started.push(api);
  api.seed('POST', '/pools', { poolid: 'dev' });
  api.seed('PUT', '/pools', { poolid: 'dev', vms: '101' });
  api.seed('POST', '/pools', { poolid: 'old' });
  api.seed('POST', '/pools', { poolid: 'old/sub' });
  api.seed('PUT', '/pools', { poolid: 'old/sub', vms: '100', storage: 'local-lvm' });
  api.seed('POST', '/access/users', { userid: 'alice@pve' });
  api.seed('PUT', '/access/acl', { path: '/pool/old/sub', roles: 'PVEAuditor', users: 'alice@pve' });
  return api;
}

const loaded = parseSpecText(SPEC, 'spec.yml');

async function applyOnce(api: SimulatedApi) {
  const live = await readLiveState(api.api);
  const plan = makePlan(loaded, live, options({ actingIdentity: 'automation@pve!apply' }));
  const logger = recordingLogger();
  const report = await executePlan(plan, {
    api: api.api,
    delivery: recordingDelivery(),
    logger,
    live,
    now: () => NOW,
    verify: async () => {
      const again = makePlan(loaded, await readLiveState(api.api), options({ actingIdentity: 'automation@pve!apply' }));
      return again.changes.filter((c) => !c.implied);
    },
  });
  return { plan, report, log: logger.lines.join('\n') };
}

const members = (api: SimulatedApi, poolid: string): string[] =>
  (api.sim.exec('GET', '/pools', { poolid }).body as { data: { members: { id: string }[] }[] }).data[0]!.members.map((m) => m.id);
const poolIds = (api: SimulatedApi): string[] =>
  (api.sim.exec('GET', '/pools').body as { data: { poolid: string }[] }).data.map((p) => p.poolid);

describe('applying pools', () => {
  it('sends PVE the parameters it takes, in the plan order, and converges', async () => {
    const api = await world();
    const { report } = await applyOnce(api);
    expect(report.error).toBeUndefined();
    expect(report.converged).toBe(true);
    const writes = api.writeCalls().map((c) => `${c.method} ${JSON.stringify(c.args)}`);
    expect(writes).toEqual([
      'createPool ["prod","Production"]',
      'updatePool ["prod",{"vms":[100,101],"allowMove":true}]',
      'updatePool ["prod",{"storage":["local"]}]',
      'createPool ["prod/web",""]',
      'updatePool ["prod/web",{"vms":[200]}]',
      'updatePool ["old/sub",{"storage":["local-lvm"],"delete":true}]',
      'deletePool ["old/sub"]',
      'deletePool ["old"]',
    ]);
    expect(poolIds(api)).toEqual(['dev', 'prod', 'prod/web']);
    expect(members(api, 'prod')).toEqual(['qemu/100', 'qemu/101', 'storage/pve1/local']);
    expect(members(api, 'dev')).toEqual([]);
    // The grant on the deleted pool went with it, as the plan said it would.
    expect(api.acl().filter((e) => e.path.startsWith('/pool/'))).toEqual([]);
  });

  it('an answer lost after PVE added the members: the apply stops, the next one converges', async () => {
    const api = await world();
    api.inject({ method: 'PUT', path: '/pools', kind: 'reset-after', times: 1 });
    const first = await applyOnce(api);
    expect(first.report.error).toMatch(/pool:prod/);
    expect(members(api, 'prod')).toEqual(['qemu/100', 'qemu/101']);
    const second = await applyOnce(api);
    expect(second.report.error).toBeUndefined();
    expect(second.plan.changes.map((c) => `${c.action} ${c.address}`)).toContain('update pool:prod');
    expect(second.report.converged).toBe(true);
  });

  it('a refused delete after the pool was emptied: the next run deletes the empty pool', async () => {
    const api = await world();
    api.inject({
      method: 'DELETE',
      path: '/pools',
      kind: 'status',
      status: 500,
      message: 'delete pool failed: got lock request timeout\n',
      times: 1,
    });
    const first = await applyOnce(api);
    expect(first.report.error).toMatch(/pool:old\/sub/);
    expect(poolIds(api)).toContain('old/sub');
    expect(members(api, 'old/sub')).toEqual([]);
    const second = await applyOnce(api);
    expect(second.report.error).toBeUndefined();
    expect(second.report.converged).toBe(true);
    expect(poolIds(api)).toEqual(['dev', 'prod', 'prod/web']);
  });
});
