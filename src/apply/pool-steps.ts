/**
 * Pools: POST to create, one PUT per kind of member change, DELETE. PVE refuses to delete a pool
 * that still lists members, so a deletion empties the pool first; it refuses to add a guest
 * that another pool holds unless `allow-move` is sent, which the plan allows only where the spec
 * says so. Each request is whole on its own, so a run that stops half-way leaves a state the
 * next plan converges from.
 */
import type { PoolWrite } from '../proxmox/api.js';
import type { PoolChange } from '../plan/model.js';
import type { ApplyContext } from './context.js';

const list = (items: readonly (number | string)[]): string => items.join(', ');

async function put(ctx: ApplyContext, poolid: string, what: string, write: PoolWrite): Promise<void> {
  ctx.logger.info(`update pool ${poolid} (${what})`);
  await ctx.api.updatePool(poolid, write);
}

async function removeMembers(ctx: ApplyContext, change: PoolChange): Promise<void> {
  if (change.removeVms.length > 0)
    await put(ctx, change.poolid, `remove vms ${list(change.removeVms)}`, { vms: change.removeVms, delete: true });
  if (change.removeStorage.length > 0) {
    await put(ctx, change.poolid, `remove storage ${list(change.removeStorage)}`, { storage: change.removeStorage, delete: true });
  }
}

async function addMembers(ctx: ApplyContext, change: PoolChange): Promise<void> {
  if (change.addVms.length > 0) {
    const moving = change.moves.length > 0;
    const what = `add vms ${list(change.addVms)}${moving ? `, moving ${list(change.moves.map((m) => m.vmid))}` : ''}`;
    await put(ctx, change.poolid, what, { vms: change.addVms, ...(moving && { allowMove: true }) });
  }
  if (change.addStorage.length > 0) await put(ctx, change.poolid, `add storage ${list(change.addStorage)}`, { storage: change.addStorage });
}

export async function applyPoolChange(ctx: ApplyContext, change: PoolChange): Promise<void> {
  switch (change.action) {
    case 'create':
      ctx.logger.info(`create pool ${change.poolid}`);
      await ctx.api.createPool(change.poolid, change.comment);
      return addMembers(ctx, change);
    case 'update':
    case 'rotate':
      if (change.setComment) await put(ctx, change.poolid, 'comment', { comment: change.comment });
      await removeMembers(ctx, change);
      return addMembers(ctx, change);
    case 'delete':
      await removeMembers(ctx, change);
      ctx.logger.info(`delete pool ${change.poolid}`);
      return ctx.api.deletePool(change.poolid);
  }
}
