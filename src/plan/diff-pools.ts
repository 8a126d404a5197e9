/**
 * Pools: a declared pool is owned with its comment and, when `members` is given, its exact
 * members; an undeclared one goes only when a `prune: pools:` pattern matches it. PVE keeps a
 * guest in one pool at most, so a declared guest that sits in another pool on the cluster moves
 * (with `allow-move`, which the pool rules require); the pool it leaves does not remove it again.
 */
import { compareText } from '../model/compare.js';
import type { LivePool } from '../model/live-pool.js';
import { matchingPattern } from '../spec/glob.js';
import type { PoolSpec } from '../spec/model.js';
import type { FieldChange } from './model.js';
import type { PlanContext } from './plan-context.js';
import { poolAddress, type PoolChange } from './pool-change.js';

const missing = <T>(from: readonly T[], other: readonly T[]): T[] => from.filter((item) => !other.includes(item));
const texts = (vms: readonly number[]): string[] => vms.map(String);

/** The pool each guest is in on the cluster. */
export function livePoolOfVm(pools: Readonly<Record<string, LivePool>>): Map<number, string> {
  const of = new Map<number, string>();
  for (const pool of Object.values(pools)) for (const vmid of pool.vms) of.set(vmid, pool.poolid);
  return of;
}

/** The declared pool each guest belongs to (the first, when the spec wrongly names it twice). */
function claimedVms(declared: readonly PoolSpec[]): Map<number, string> {
  const claimed = new Map<number, string>();
  for (const pool of declared) for (const vmid of pool.members?.vms ?? []) if (!claimed.has(vmid)) claimed.set(vmid, pool.poolid);
  return claimed;
}

function memberFields(was: LivePool | undefined, change: Pick<PoolChange, 'addVms' | 'removeVms' | 'addStorage' | 'removeStorage'>) {
  const fields: FieldChange[] = [];
  const vms = was?.vms ?? [];
  const storage = was?.storage ?? [];
  if (change.addVms.length + change.removeVms.length > 0) {
    const after = [...missing(vms, change.removeVms), ...change.addVms].sort((a, b) => a - b);
    fields.push({ field: 'vms', before: texts(vms), after: texts(after) });
  }
  if (change.addStorage.length + change.removeStorage.length > 0) {
    const after = [...missing(storage, change.removeStorage), ...change.addStorage].sort(compareText);
    fields.push({ field: 'storage', before: storage, after });
  }
  return fields;
}

function declaredChange(pool: PoolSpec, was: LivePool | undefined, claimed: Map<number, string>, where: Map<number, string>) {
  const members = pool.members;
  const delta = {
    addVms: members ? missing(members.vms, was?.vms ?? []) : [],
    // A guest another declared pool claims leaves by that pool's move.
    removeVms: members && was ? was.vms.filter((v) => !members.vms.includes(v) && !claimed.has(v)) : [],
    addStorage: members ? missing(members.storage, was?.storage ?? []) : [],
    removeStorage: members && was ? missing(was.storage, members.storage) : [],
  };
  const moves = delta.addVms.flatMap((vmid) => {
    const from = where.get(vmid);
    return from !== undefined && from !== pool.poolid ? [{ vmid, from }] : [];
  });
  const commentChanged = (was?.comment ?? '') !== pool.comment;
  const fields: FieldChange[] = [
    ...(commentChanged ? [{ field: 'comment', before: was?.comment, after: pool.comment }] : []),
    ...memberFields(was, delta),
  ];
  if (was && fields.length === 0) return undefined;
  const change: PoolChange = {
    kind: 'pool',
    address: poolAddress(pool.poolid),
    action: was ? 'update' : 'create',
    fields,
    poolid: pool.poolid,
    comment: pool.comment,
    setComment: commentChanged,
    ...delta,
    moves,
  };
  return change;
}

/** An undeclared pool is deleted when a prune pattern matches it and every pool below it goes too. */
function prunedPools(ctx: PlanContext): Map<string, string> {
  const live = Object.keys(ctx.live.pools ?? {});
  const declared = ctx.spec.pools ?? {};
  const patterns = ctx.spec.prune.pools ?? [];
  const matched = new Map<string, string>();
  for (const poolid of live) {
    const pattern = Object.hasOwn(declared, poolid) ? undefined : matchingPattern(patterns, poolid);
    if (pattern !== undefined) matched.set(poolid, pattern);
  }
  const kept = [...live.filter((id) => !matched.has(id)), ...Object.keys(declared)];
  const keptBelow = (poolid: string) => kept.some((other) => other.startsWith(`${poolid}/`));
  return new Map([...matched].filter(([poolid]) => !keptBelow(poolid)));
}

export function diffPools(ctx: PlanContext): PoolChange[] {
  const live = ctx.live.pools ?? {};
  const declared = Object.values(ctx.spec.pools ?? {});
  const claimed = claimedVms(declared);
  const where = livePoolOfVm(live);
  const changes: PoolChange[] = declared.flatMap((pool) => declaredChange(pool, live[pool.poolid], claimed, where) ?? []);
  for (const [poolid, pattern] of prunedPools(ctx)) {
    const was = live[poolid]!;
    const emptied = { addVms: [], removeVms: was.vms.filter((v) => !claimed.has(v)), addStorage: [], removeStorage: was.storage };
    changes.push({
      kind: 'pool',
      address: poolAddress(poolid),
      action: 'delete',
      fields: memberFields(was, emptied),
      reason: `not in spec, matches prune "${pattern}"`,
      poolid,
      comment: was.comment,
      setComment: false,
      ...emptied,
      moves: [],
    });
  }
  return changes.sort((a, b) => compareText(a.address, b.address));
}
