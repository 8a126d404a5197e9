/**
 * The planner on pools: the diff (comment, exact members, prune), nesting order, guests that
 * move between pools, ACL paths on pools, what a deleted pool takes along, and the privileges a
 * pool grant gives on its members.
 */
import { describe, expect, it } from 'vitest';
import type { LivePool, LiveState } from '../../src/model/live-state.js';
import { makePlan } from '../../src/plan/make-plan.js';
import type { Change, Plan, PoolChange } from '../../src/plan/model.js';
import { parseSpecText } from '../../src/spec/load.js';
import { acl, live, liveGroup, options } from './plan-fixtures.js';

const pool = (poolid: string, over: Partial<LivePool> = {}): LivePool => ({ poolid, comment: '', vms: [], storage: [], ...over });
const withPools = (state: LiveState, ...pools: LivePool[]): LiveState => ({
  ...state,
  pools: Object.fromEntries(pools.map((p) => [p.poolid, p])),
});
const plan = (yaml: string, state: LiveState): Plan => makePlan(parseSpecText(`version: 1\n${yaml}`, 'spec.yml'), state, options());
const pools = (p: Plan): PoolChange[] => p.changes.filter((c): c is PoolChange => c.kind === 'pool');
const summary = (c: Change): string => `${c.action} ${c.address}${c.implied ? ' (implied)' : ''}`;
const errors = (p: Plan) =>
  p.findings.filter((f) => f.severity === 'error').map((f) => `${f.position?.line}:${f.position?.column} ${f.code}`);

describe('pools: diff', () => {
  it('creates a pool with its comment and members', () => {
    const p = plan('pools:\n  prod:\n    comment: Production\n    members: { vms: [101, 100], storage: [local] }\n', withPools(live()));
    expect(pools(p)).toEqual([
      expect.objectContaining({
        action: 'create',
        poolid: 'prod',
        comment: 'Production',
        addVms: [100, 101],
        removeVms: [],
        addStorage: ['local'],
        moves: [],
        fields: [
          { field: 'comment', before: undefined, after: 'Production' },
          { field: 'vms', before: [], after: ['100', '101'] },
          { field: 'storage', before: [], after: ['local'] },
        ],
      }),
    ]);
  });

  it('updates only what differs, and leaves members alone without members:', () => {
    const state = withPools(live(), pool('prod', { comment: 'old', vms: [100, 101], storage: ['local'] }), pool('dev', { vms: [200] }));
    const p = plan('pools:\n  prod:\n    comment: new\n    members: { vms: [101, 102] }\n  dev: {}\n', state);
    expect(pools(p)).toEqual([
      expect.objectContaining({
        action: 'update',
        poolid: 'prod',
        setComment: true,
        addVms: [102],
        removeVms: [100],
        addStorage: [],
        removeStorage: ['local'],
      }),
    ]);
  });

  it('plans nothing for a pool as declared', () => {
    const state = withPools(live(), pool('prod', { comment: 'P', vms: [100], storage: ['local'] }));
    expect(plan('pools:\n  prod:\n    comment: P\n    members: { vms: [100], storage: [local] }\n', state).changes).toEqual([]);
  });

  it('deletes an undeclared pool only when prune matches it, emptying it first, children before parents', () => {
    const state = withPools(live(), pool('tmp', { vms: [300] }), pool('tmp/a'), pool('tmp/a/b', { storage: ['nfs'] }), pool('keep'));
    const p = plan('prune:\n  pools: ["tmp*"]\n', state);
    expect(p.changes.map(summary)).toEqual(['delete pool:tmp/a/b', 'delete pool:tmp/a', 'delete pool:tmp']);
    expect(pools(p).map((c) => [c.poolid, c.removeVms, c.removeStorage])).toEqual([
      ['tmp/a/b', [], ['nfs']],
      ['tmp/a', [], []],
      ['tmp', [300], []],
    ]);
  });

  it('keeps a pruned parent whose child stays', () => {
    const state = withPools(live(), pool('tmp'), pool('tmp/kept'));
    expect(plan('pools:\n  tmp/kept: {}\nprune:\n  pools: ["tmp*"]\n', state).changes).toEqual([]);
  });

  it('creates parents before children and orders pools after users and before ACL entries', () => {
    const p = plan(
      'groups:\n  web: {}\npools:\n  prod/web: {}\n  prod: {}\nacl:\n  - { path: /pool/prod/web, roles: [PVEVMUser], groups: [web] }\n',
      withPools(live()),
    );
    expect(p.changes.map(summary)).toEqual([
      'create group:web',
      'create pool:prod',
      'create pool:prod/web',
      'create acl:/pool/prod/web|group:web|PVEVMUser',
    ]);
  });
});

describe('pools: guests that change pool', () => {
  const state = withPools(live(), pool('dev', { vms: [101, 102] }));

  it('moves a guest with allow-move and says so', () => {
    const p = plan('pools:\n  prod:\n    allow-move: true\n    members: { vms: [101] }\n', state);
    expect(errors(p)).toEqual([]);
    expect(pools(p)).toEqual([expect.objectContaining({ poolid: 'prod', addVms: [101], moves: [{ vmid: 101, from: 'dev' }] })]);
  });

  it('refuses the move without allow-move, at the guest', () => {
    const p = plan('pools:\n  prod:\n    members:\n      vms: [101]\n', state);
    // Line 1 is the `version: 1` the helper adds.
    expect(errors(p)).toEqual(['5:13 pool-move-not-allowed']);
    expect(p.findings.find((f) => f.code === 'pool-move-not-allowed')?.message).toBe(
      'vm 101 is in pool dev on the cluster; set allow-move: true on pool prod to move it (PVE keeps a guest in one pool only)',
    );
  });

  it('does not also remove a moving guest from a declared pool it leaves', () => {
    const p = plan('pools:\n  dev:\n    members: { vms: [102] }\n  prod:\n    allow-move: true\n    members: { vms: [101] }\n', state);
    // dev loses 101 by the move alone: a removal on top would fail, as the guest is gone already.
    expect(pools(p).map((c) => [c.poolid, c.addVms, c.removeVms])).toEqual([['prod', [101], []]]);
  });
});

describe('pools: ACL paths and cascades', () => {
  it('rejects a grant on a pool that is neither declared nor on the cluster', () => {
    const p = plan(
      'groups:\n  g: {}\nacl:\n  - path: /pool/ghost\n    roles: [PVEAuditor]\n    groups: [g]\n',
      withPools(live(), pool('real')),
    );
    expect(errors(p)).toEqual(['5:5 acl-unknown-pool']);
  });

  it('accepts a grant on a pool that only the cluster has', () => {
    const p = plan('groups:\n  g: {}\nacl:\n  - { path: /pool/real, roles: [PVEAuditor], groups: [g] }\n', withPools(live(), pool('real')));
    expect(errors(p)).toEqual([]);
  });

  it('a pruned pool takes the ACL entries on its path and below along, as implied changes', () => {
    const state = withPools(
      live({
        groups: [liveGroup('g')],
        acl: [
          acl('/pool/old', 'group', 'g', 'PVEAuditor'),
          acl('/pool/old/sub', 'group', 'g', 'PVEVMUser'),
          acl('/pool/other', 'group', 'g', 'PVEAuditor'),
        ],
      }),
      pool('old'),
      pool('old/sub'),
      pool('other'),
    );
    const p = plan(
      'groups:\n  g: {}\nacl:\n  - { path: /pool/other, roles: [PVEAuditor], groups: [g] }\nprune:\n  pools: ["old*"]\n',
      state,
    );
    expect(p.changes.map(summary)).toEqual([
      'delete acl:/pool/old/sub|group:g|PVEVMUser (implied)',
      'delete acl:/pool/old|group:g|PVEAuditor (implied)',
      'delete pool:old/sub',
      'delete pool:old',
    ]);
    expect(p.changes[0]?.reason).toBe('removed with pool old/sub');
    expect(p.counts.delete).toBe(2);
  });

  it('a grant on a pool the plan deletes is an error', () => {
    const state = withPools(live({ groups: [liveGroup('g')] }), pool('old'));
    const p = plan('groups:\n  g: {}\nacl:\n  - { path: /pool/old, roles: [PVEAuditor], groups: [g] }\nprune:\n  pools: [old]\n', state);
    expect(errors(p)).toEqual(['5:7 acl-unknown-pool']);
    expect(p.findings.find((f) => f.code === 'acl-unknown-pool')?.message).toBe(
      'ACL path /pool/old names pool old, which is neither declared nor on the cluster, and this plan deletes it',
    );
  });
});

describe('pools: privileges on members', () => {
  it('shows what a pool grant gives on each member guest and storage', () => {
    const p = plan(
      'groups:\n  ops: {}\npools:\n  prod:\n    members: { vms: [100], storage: [local] }\nacl:\n  - { path: /pool/prod, roles: [PVEAuditor], groups: [ops] }\n',
      withPools(live()),
    );
    const ops = p.privileges.find((x) => x.principal === '@ops');
    expect(ops?.paths.map((x) => x.path)).toEqual(['/pool/prod', '/storage/local', '/vms/100']);
    const vm = ops?.paths.find((x) => x.path === '/vms/100');
    expect(vm?.before).toEqual({});
    expect(vm?.after).toMatchObject({ 'VM.Audit': false, 'Sys.Audit': false });
  });

  it('a member added to a pool changes the privileges of those granted on the pool', () => {
    const state = withPools(live({ groups: [liveGroup('ops')], acl: [acl('/pool/prod', 'group', 'ops', 'PVEVMUser')] }), pool('prod'));
    const p = plan(
      'groups:\n  ops: {}\npools:\n  prod:\n    members: { vms: [101] }\nacl:\n  - { path: /pool/prod, roles: [PVEVMUser], groups: [ops] }\n',
      state,
    );
    expect(p.changes.map(summary)).toEqual(['update pool:prod']);
    const ops = p.privileges.find((x) => x.principal === '@ops');
    expect(ops?.paths.map((x) => x.path)).toEqual(['/vms/101']);
    expect(ops?.paths[0]?.after['VM.PowerMgmt']).toBe(false);
  });

  it('a guest moved away takes the old pool grant with it: its grantees lose the guest', () => {
    const state = withPools(
      live({ groups: [liveGroup('devs')], acl: [acl('/pool/dev', 'group', 'devs', 'PVEVMUser')] }),
      pool('dev', { vms: [101] }),
    );
    const p = plan(
      'groups:\n  devs: {}\npools:\n  prod:\n    allow-move: true\n    members: { vms: [101] }\nacl:\n  - { path: /pool/dev, roles: [PVEVMUser], groups: [devs] }\n',
      state,
    );
    const devs = p.privileges.find((x) => x.principal === '@devs');
    expect(devs?.paths.map((x) => x.path)).toEqual(['/vms/101']);
    expect(devs?.paths[0]?.before['VM.PowerMgmt']).toBe(false);
    expect(devs?.paths[0]?.after).toEqual({});
  });
});
