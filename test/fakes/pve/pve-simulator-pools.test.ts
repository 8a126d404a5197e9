/**
 * The simulator's `/pools` beyond what golden file 23 records: updates of several members are
 * all-or-nothing, moves and unknown members keep the vmid → pool index right, and the pool part
 * of the permission model (NoAccess both ways, flags of regular roles, storages in several
 * pools, group entries, the ACL subtree that goes with a deleted pool).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPveSimulator, type PveSimulator } from './index.js';

let sim: PveSimulator;

beforeEach(async () => {
  sim = await startPveSimulator();
});
afterEach(async () => {
  await sim.stop();
});

/** Runs a request that must succeed and returns its `data`. */
function ok(method: string, path: string, params: Record<string, unknown> = {}, as?: string): unknown {
  const { status, body } = sim.exec(method, path, params, as);
  expect({ method, path, status, body }).toMatchObject({ status: 200 });
  return (body as { data: unknown }).data;
}

/** A failed request's status and message. */
function failure(method: string, path: string, params: Record<string, unknown> = {}, as?: string): [number, unknown] {
  const { status, body } = sim.exec(method, path, params, as);
  return [status, (body as { message?: unknown; errors?: unknown }).errors ?? (body as { message?: unknown }).message];
}

const memberIds = (poolid: string): string[] =>
  ((ok('GET', '/pools', { poolid }) as { members: { id: string }[] }[])[0]?.members ?? []).map((m) => m.id);

const privileges = (userid: string, path: string): Record<string, number> =>
  (ok('GET', '/access/permissions', { userid, path }) as Record<string, Record<string, number>>)[path]!;

describe('pool members', () => {
  it('writes nothing when one member of an update fails, whatever came before it', () => {
    ok('POST', '/pools', { poolid: 'web' });
    ok('POST', '/pools', { poolid: 'db', comment: 'before' });
    ok('PUT', '/pools/web', { vms: '101' });
    expect(failure('PUT', '/pools/db', { vms: '100,101' })).toEqual([
      500,
      "update pools failed: VM 101 belongs already to pool 'web' and 'allow-move' is not set\n",
    ]);
    expect(failure('PUT', '/pools/db', { comment: 'after', vms: '200', storage: 'local,local' })).toEqual([
      500,
      "update pools failed: Storage 'local' is already a pool member\n",
    ]);
    expect(memberIds('db')).toEqual([]);
    expect(ok('GET', '/pools/db')).toEqual({ poolid: 'db', comment: 'before', members: [] });
    expect(memberIds('web')).toEqual(['qemu/101']);
  });

  it('moves a guest out of its old pool, which can then be deleted', () => {
    ok('POST', '/pools', { poolid: 'old' });
    ok('POST', '/pools', { poolid: 'new' });
    ok('PUT', '/pools/old', { vms: '100' });
    ok('PUT', '/pools/new', { vms: '100', 'allow-move': 1 });
    expect([memberIds('old'), memberIds('new')]).toEqual([[], ['qemu/100']]);
    expect(failure('PUT', '/pools/old', { vms: '100', delete: 1 })).toEqual([500, 'update pools failed: VM 100 is not a pool member\n']);
    ok('DELETE', '/pools/old');
    expect(failure('DELETE', '/pools/new')).toEqual([500, "delete pool failed: pool 'new' is not empty (contains VM 100)\n"]);
  });

  it('keeps unknown guests and storages as hidden members until the pool goes', () => {
    ok('POST', '/access/users', { userid: 'ann@pve' });
    ok('POST', '/pools', { poolid: 'ghosts' });
    ok('PUT', '/access/acl', { path: '/pool/ghosts', roles: 'PVEAuditor', users: 'ann@pve' });
    ok('PUT', '/pools/ghosts', { vms: '4242', storage: 'nfs9' });
    expect(memberIds('ghosts')).toEqual([]);
    const paths = Object.keys(ok('GET', '/access/permissions', { userid: 'ann@pve' }) as object);
    expect(paths).toEqual(expect.arrayContaining(['/vms/4242', '/storage/nfs9']));
    ok('DELETE', '/pools/ghosts');
    expect(privileges('ann@pve', '/vms/4242')).toEqual({});
    // The guest left with its pool, so another pool takes it without allow-move.
    ok('POST', '/pools', { poolid: 'next' });
    ok('PUT', '/pools/next', { vms: '4242' });
  });

  it('checks storage ids and vmids item by item', () => {
    ok('POST', '/pools', { poolid: 'p' });
    expect(failure('PUT', '/pools/p', { storage: 'local,1bad' })).toEqual([
      400,
      { storage: "invalid format - storage ID '1bad' contains illegal characters\n" },
    ]);
    expect(failure('PUT', '/pools/p', { vms: '100 0100' })).toEqual([
      400,
      { vms: 'invalid format - value does not look like a valid VM ID\n' },
    ]);
    expect(memberIds('p')).toEqual([]);
  });

  it('stores a comment as user.cfg keeps it: trimmed, and only when it is not empty or "0"', () => {
    ok('POST', '/pools', { poolid: 'a', comment: '  spaced out  ' });
    ok('POST', '/pools', { poolid: 'b', comment: '0' });
    expect(ok('GET', '/pools')).toEqual([{ poolid: 'a', comment: 'spaced out' }, { poolid: 'b' }]);
  });
});

describe('permissions through pools', () => {
  beforeEach(() => {
    ok('POST', '/access/users', { userid: 'amy@pve' });
    ok('POST', '/pools', { poolid: 'p' });
    ok('PUT', '/pools/p', { vms: '100', storage: 'local' });
  });

  it('lets NoAccess on the pool replace the regular roles of its members only', () => {
    ok('PUT', '/access/acl', { path: '/vms', roles: 'PVEAuditor', users: 'amy@pve' });
    ok('PUT', '/access/acl', { path: '/pool/p', roles: 'NoAccess', users: 'amy@pve' });
    expect(privileges('amy@pve', '/vms/100')).toEqual({});
    expect(privileges('amy@pve', '/vms/101')).toMatchObject({ 'VM.Audit': 1 });
  });

  it('lets regular NoAccess win over the roles of the pool', () => {
    ok('PUT', '/access/acl', { path: '/pool/p', roles: 'PVEVMAdmin', users: 'amy@pve' });
    ok('PUT', '/access/acl', { path: '/vms/100', roles: 'NoAccess', users: 'amy@pve' });
    expect(privileges('amy@pve', '/vms/100')).toEqual({});
    expect(privileges('amy@pve', '/storage/local')).toMatchObject({ 'VM.Allocate': 0 });
  });

  it('adds pool roles without propagation, and leaves the flags of regular roles alone', () => {
    ok('PUT', '/access/acl', { path: '/vms', roles: 'PVEAuditor', users: 'amy@pve' });
    ok('PUT', '/access/acl', { path: '/pool/p', roles: 'PVEAuditor,PVEVMUser', users: 'amy@pve' });
    const onGuest = privileges('amy@pve', '/vms/100');
    expect(onGuest).toMatchObject({ 'VM.Audit': 1, 'Sys.Audit': 1, 'VM.Console': 0, 'VM.PowerMgmt': 0 });
  });

  it('unions the roles of every pool that holds a storage, and counts group entries', () => {
    ok('POST', '/access/groups', { groupid: 'ops' });
    ok('PUT', '/access/users/amy@pve', { groups: 'ops' });
    ok('POST', '/pools', { poolid: 'q' });
    ok('PUT', '/pools/q', { storage: 'local' });
    ok('PUT', '/access/acl', { path: '/pool/p', roles: 'PVEDatastoreUser', users: 'amy@pve' });
    ok('PUT', '/access/acl', { path: '/pool/q', roles: 'PVEPoolUser', groups: 'ops' });
    expect(privileges('amy@pve', '/storage/local')).toEqual({
      'Datastore.AllocateSpace': 0,
      'Datastore.Audit': 0,
      'Pool.Audit': 0,
    });
    expect(privileges('amy@pve', '/storage/local-lvm')).toEqual({});
  });

  it('makes VM.Allocate from the pool count for the members in the ACL listing', () => {
    ok('POST', '/access/users', { userid: 'bo@pve' });
    ok('PUT', '/access/acl', { path: '/pool/p', roles: 'PVEVMAdmin', users: 'amy@pve' });
    ok('PUT', '/access/acl', { path: '/vms/100', roles: 'PVEAuditor', users: 'bo@pve' });
    ok('PUT', '/access/acl', { path: '/vms/101', roles: 'PVEAuditor', users: 'bo@pve' });
    const seen = (ok('GET', '/access/acl', {}, 'amy@pve') as { path: string }[]).map((entry) => entry.path);
    expect(seen).toContain('/vms/100');
    expect(seen).not.toContain('/vms/101');
  });

  it('drops the ACL entries of a deleted pool and below it, not those of a pool sharing its prefix', () => {
    ok('POST', '/pools', { poolid: 'px' });
    for (const path of ['/pool/q', '/pool/q/sub', '/pool/qx', '/pool/px']) {
      ok('PUT', '/access/acl', { path, roles: 'PVEPoolUser', users: 'amy@pve' });
    }
    ok('POST', '/pools', { poolid: 'q' });
    ok('DELETE', '/pools/q');
    const paths = (ok('GET', '/access/acl') as { path: string }[]).map((entry) => entry.path);
    expect(paths).toEqual(['/pool/px', '/pool/qx']);
  });
});
