/**
 * The pools of user.cfg: per pool its comment, member vmids and member storage ids, plus the
 * vmid → pool index PVE's parser builds (a guest belongs to one pool at most). Members are not
 * checked against the node's guests and storages: PVE stores any valid id and only hides
 * unknown ones when listing. Changes run on a draft that replaces the config only when the
 * whole change succeeds, as user.cfg is written once at the end of a locked update.
 */
import { byText } from './ids.js';

/** One pool as user.cfg keeps it. */
export interface PoolRecord {
  comment?: string;
  readonly vms: Set<string>;
  readonly storage: Set<string>;
}

/** All pools of one node. */
export class PoolConfig {
  #pools = new Map<string, PoolRecord>();
  #vmPool = new Map<string, string>();

  get(poolid: string): PoolRecord | undefined {
    return this.#pools.get(poolid);
  }

  /** Pool ids in Perl's `sort` order. */
  sortedIds(): string[] {
    return [...this.#pools.keys()].sort(byText);
  }

  /** The pools one level below `poolid`, sorted. */
  children(poolid: string): string[] {
    const prefix = `${poolid}/`;
    return this.sortedIds().filter((id) => id.startsWith(prefix) && !id.slice(prefix.length).includes('/'));
  }

  poolOfVm(vmid: string): string | undefined {
    return this.#vmPool.get(vmid);
  }

  /** A storage may be a member of several pools. */
  poolsWithStorage(storeid: string): string[] {
    return [...this.#pools].filter(([, pool]) => pool.storage.has(storeid)).map(([id]) => id);
  }

  /** `/vms/<vmid>` and `/storage/<id>` of every member, known to the node or not. */
  memberPaths(): Set<string> {
    const paths = new Set<string>();
    for (const pool of this.#pools.values()) {
      for (const vmid of pool.vms) paths.add(`/vms/${vmid}`);
      for (const storeid of pool.storage) paths.add(`/storage/${storeid}`);
    }
    return paths;
  }

  create(poolid: string, comment: string | undefined): void {
    this.#pools.set(poolid, { vms: new Set(), storage: new Set(), ...(comment !== undefined ? { comment } : {}) });
  }

  /** The pool and the memberships of its guests. */
  remove(poolid: string): void {
    for (const vmid of this.#pools.get(poolid)?.vms ?? []) this.#vmPool.delete(vmid);
    this.#pools.delete(poolid);
  }

  /** Puts the guest into the pool, taking it out of the pool it was in. */
  addVm(poolid: string, vmid: string): void {
    const previous = this.#vmPool.get(vmid);
    if (previous !== undefined) this.#pools.get(previous)?.vms.delete(vmid);
    this.#pools.get(poolid)?.vms.add(vmid);
    this.#vmPool.set(vmid, poolid);
  }

  removeVm(poolid: string, vmid: string): void {
    this.#pools.get(poolid)?.vms.delete(vmid);
    this.#vmPool.delete(vmid);
  }

  /** Runs `change` on a copy and keeps the copy only if `change` returns without throwing. */
  edit<T>(change: (draft: PoolConfig) => T): T {
    const draft = new PoolConfig();
    for (const [id, pool] of this.#pools) {
      draft.#pools.set(id, { ...pool, vms: new Set(pool.vms), storage: new Set(pool.storage) });
    }
    draft.#vmPool = new Map(this.#vmPool);
    const result = change(draft);
    this.#pools = draft.#pools;
    this.#vmPool = draft.#vmPool;
    return result;
  }
}
