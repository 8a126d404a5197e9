/**
 * `/pools`: resource pools as pve-manager 9.1 serves them, whatever version is simulated (the
 * ACL path whitelist still follows the version). Pools live in user.cfg, so writes go through
 * the same lock as the access API. Quirks kept on purpose:
 * - `GET /pools?poolid=` reads one pool (nested ids included) without the Pool.Audit check
 *   that `GET /pools/{poolid}` and the plain list apply;
 * - nested pools are reachable only through `poolid` parameters, the `{poolid}` path segment
 *   cannot hold a `/`;
 * - members are stored without checking that the guest or storage exists, and listings hide
 *   the unknown ones;
 * - permission failures on members are raised inside the lock, so they come back as 500s that
 *   carry the 403 text.
 */
import { die, underLock } from './errors.js';
import { byText, splitList, truthy } from './ids.js';
import { GUESTS, guestMember, STORAGES, storageMember } from './inventory.js';
import type { PoolConfig } from './pool-config.js';
import { parentPool } from './pool-ids.js';
import type { Params } from './params.js';
import type { HandlerContext, Route } from './route.js';
import { ACL_TYPES, readBack, type PveState } from './state.js';

const poolid = { type: 'string', format: 'pve-poolid' } as const;
const memberType = { type: 'string', enum: ['qemu', 'lxc', 'storage'], optional: true } as const;

/** user.cfg keeps a comment only when it is truthy, and reads it back trimmed. */
function storedComment(text: string | undefined): string | undefined {
  const trimmed = text === undefined ? undefined : readBack(text);
  return truthy(trimmed) ? trimmed : undefined;
}

function existingPool(pools: PoolConfig, id: string) {
  const pool = pools.get(id);
  if (!pool) throw die(`pool '${id}' does not exist`);
  return pool;
}

/** One pool with its members: known guests first (vmid in string order), then known storages. */
function poolInfo(ctx: HandlerContext, id: string, type: string | undefined): Record<string, unknown> {
  const pool = existingPool(ctx.state.pools, id);
  const members: Record<string, unknown>[] = [];
  for (const vmid of [...pool.vms].sort(byText)) {
    const guestType = GUESTS.get(vmid);
    if (guestType && (type === undefined || type === guestType)) members.push(guestMember(vmid, guestType));
  }
  if (type === undefined || type === 'storage') {
    for (const storeid of [...pool.storage].sort(byText)) {
      const config = STORAGES.get(storeid);
      if (config) members.push(storageMember(storeid, config));
    }
  }
  return { members, ...(pool.comment !== undefined ? { comment: pool.comment } : {}), poolid: id };
}

function listPools(ctx: HandlerContext, params: Params): Record<string, unknown>[] {
  // 9.1 returns the named pool before any permission check.
  if (truthy(params.poolid)) return [poolInfo(ctx, params.poolid, params.type)];
  return ctx.state.pools
    .sortedIds()
    .filter((id) => ctx.checks.check(`/pool/${id}`, ['Pool.Audit'], true))
    .map((id) => {
      const comment = ctx.state.pools.get(id)!.comment;
      return { poolid: id, ...(comment !== undefined ? { comment } : {}) };
    });
}

/** The deprecated single-pool read is the list's first entry. */
function readPool(ctx: HandlerContext, params: Params): unknown {
  return listPools(ctx, params)[0] ?? null;
}

function createPool(ctx: HandlerContext, params: Params): unknown {
  underLock('create pool failed', () => {
    const id = params.poolid!;
    const pools = ctx.state.pools;
    if (pools.get(id)) throw die(`pool '${id}' already exists`);
    const parent = parentPool(id);
    if (parent !== undefined && !pools.get(parent)) throw die(`parent '${parent}' of pool '${id}' does not exist`);
    if (!/^[A-Za-z]/.test(id.slice(id.lastIndexOf('/') + 1))) throw die('pool name must start with a letter');
    pools.create(id, truthy(params.comment) ? storedComment(params.comment) : undefined);
    ctx.state.committed();
  });
  return null;
}

/** Adds or removes guests; the caller needs to be allowed to change each guest's permissions. */
function updateGuests(ctx: HandlerContext, pools: PoolConfig, id: string, params: Params): void {
  const pool = pools.get(id)!;
  for (const vmid of splitList(params.vms)) {
    ctx.checks.checkPermModify(`/vms/${vmid}`, false);
    if (params.delete === '1') {
      if (!pool.vms.has(vmid)) throw die(`VM ${vmid} is not a pool member`);
      pools.removeVm(id, vmid);
      continue;
    }
    if (pool.vms.has(vmid)) throw die(`VM ${vmid} is already a pool member`);
    const previous = pools.poolOfVm(vmid);
    if (previous !== undefined) {
      if (params['allow-move'] !== '1') throw die(`VM ${vmid} belongs already to pool '${previous}' and 'allow-move' is not set`);
      ctx.checks.check(`/pool/${previous}`, ['Pool.Allocate'], false);
    }
    pools.addVm(id, vmid);
  }
}

function updateStorages(ctx: HandlerContext, pools: PoolConfig, id: string, params: Params): void {
  const pool = pools.get(id)!;
  for (const storeid of splitList(params.storage)) {
    ctx.checks.checkPermModify(`/storage/${storeid}`, false);
    if (params.delete === '1') {
      if (!pool.storage.delete(storeid)) throw die(`Storage '${storeid}' is not a pool member`);
    } else {
      if (pool.storage.has(storeid)) throw die(`Storage '${storeid}' is already a pool member`);
      pool.storage.add(storeid);
    }
  }
}

function updatePool(ctx: HandlerContext, params: Params): unknown {
  underLock('update pools failed', () =>
    ctx.state.pools.edit((pools) => {
      const id = params.poolid!;
      const pool = existingPool(pools, id);
      if (params.comment !== undefined) {
        const comment = storedComment(params.comment);
        if (comment === undefined) delete pool.comment;
        else pool.comment = comment;
      }
      if (params.vms !== undefined) updateGuests(ctx, pools, id, params);
      if (params.storage !== undefined) updateStorages(ctx, pools, id, params);
      ctx.state.committed();
    }),
  );
  return null;
}

/** The ACL entries on `/pool/<id>` and below go with the pool. */
function dropPoolAcl(state: PveState, id: string): void {
  const root = `/pool/${id}`;
  for (const path of state.sortedAclPaths().filter((p) => p === root || p.startsWith(`${root}/`))) {
    const node = state.acl.get(path)!;
    for (const type of ACL_TYPES) {
      for (const [ugid, roles] of [...node[type]]) {
        for (const roleid of [...roles.keys()]) state.deleteAcl(path, type, ugid, roleid);
      }
    }
  }
}

/** Only an empty pool can go; guests and storages the node does not know do not count. */
function deletePool(ctx: HandlerContext, params: Params): unknown {
  underLock('delete pool failed', () => {
    const id = params.poolid!;
    const pools = ctx.state.pools;
    const pool = existingPool(pools, id);
    const subpool = pools.children(id)[0];
    if (subpool !== undefined) throw die(`pool '${id}' is not empty (contains pool '${subpool}')`);
    const guest = [...pool.vms].sort(byText).find((vmid) => GUESTS.has(vmid));
    if (guest !== undefined) throw die(`pool '${id}' is not empty (contains VM ${guest})`);
    const storage = [...pool.storage].sort(byText).find((storeid) => STORAGES.has(storeid));
    if (storage !== undefined) throw die(`pool '${id}' is not empty (contains storage '${storage}')`);
    pools.remove(id);
    dropPoolAcl(ctx.state, id);
    ctx.state.committed();
  });
  return null;
}

const readSchema = () => ({ poolid, type: memberType });
const updateSchema = () =>
  ({
    poolid,
    comment: { type: 'string', optional: true },
    vms: { type: 'string', format: 'pve-vmid-list', optional: true },
    storage: { type: 'string', format: 'pve-storage-id-list', optional: true },
    'allow-move': { type: 'boolean', optional: true },
    delete: { type: 'boolean', optional: true },
  }) as const;
const allocate = { check: ['perm', '/pool/{poolid}', ['Pool.Allocate']] } as const;

/** The `/pools` methods; `PUT` and `DELETE` exist with the id in the path and as a parameter. */
export const poolRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/pools',
    permissions: { user: 'all' },
    schema: () => ({ poolid: { ...poolid, optional: true }, type: { ...memberType, requires: 'poolid' } }),
    handler: listPools,
  },
  {
    method: 'POST',
    path: '/pools',
    permissions: allocate,
    lockLabel: 'create pool failed',
    schema: () => ({ poolid, comment: { type: 'string', optional: true } }),
    handler: createPool,
  },
  {
    method: 'PUT',
    path: '/pools',
    permissions: allocate,
    lockLabel: 'update pools failed',
    schema: updateSchema,
    handler: updatePool,
  },
  {
    method: 'DELETE',
    path: '/pools',
    permissions: allocate,
    lockLabel: 'delete pool failed',
    schema: () => ({ poolid }),
    handler: deletePool,
  },
  {
    method: 'GET',
    path: '/pools/{poolid}',
    permissions: { check: ['perm', '/pool/{poolid}', ['Pool.Audit']] },
    schema: readSchema,
    handler: readPool,
  },
  {
    method: 'PUT',
    path: '/pools/{poolid}',
    permissions: allocate,
    lockLabel: 'update pools failed',
    schema: updateSchema,
    handler: updatePool,
  },
  {
    method: 'DELETE',
    path: '/pools/{poolid}',
    permissions: allocate,
    lockLabel: 'delete pool failed',
    schema: () => ({ poolid }),
    handler: deletePool,
  },
];
