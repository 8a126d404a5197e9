/** A planned change to one resource pool: what the pool's PUT, POST and DELETE requests carry. */
import type { FieldChange } from './model.js';

export interface PoolMove {
  readonly vmid: number;
  /** The pool the guest leaves. */
  readonly from: string;
}

export interface PoolChange {
  readonly kind: 'pool';
  readonly address: string;
  readonly action: 'create' | 'update' | 'delete' | 'rotate';
  readonly fields: readonly FieldChange[];
  readonly reason?: string;
  readonly implied?: boolean;
  readonly poolid: string;
  readonly comment: string;
  /** Whether the comment is written (create: when not empty). */
  readonly setComment: boolean;
  readonly addVms: readonly number[];
  readonly removeVms: readonly number[];
  readonly addStorage: readonly string[];
  readonly removeStorage: readonly string[];
  /** Guests among `addVms` that PVE takes out of another pool (sent with `allow-move`). */
  readonly moves: readonly PoolMove[];
}

export const poolAddress = (poolid: string): string => `pool:${poolid}`;
