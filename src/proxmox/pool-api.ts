/**
 * The `/pools` part of the ProxmoxApi. Pools are addressed by the `poolid` parameter, never by a
 * path segment, because nested ids (`prod/web`) cannot be one.
 */
import type { Wire } from './api.js';

export interface PoolWrite {
  readonly comment?: string;
  readonly vms?: readonly number[];
  readonly storage?: readonly string[];
  /** Remove the listed members instead of adding them. */
  readonly delete?: boolean;
  /** Take the listed guests out of the pool they are in. */
  readonly allowMove?: boolean;
}

export interface PoolApi {
  /** `GET /pools`: every pool the caller may audit, nested ones included, without members. */
  listPools(): Promise<Wire[]>;
  /** `GET /pools?poolid=`: one pool with the members PVE knows. */
  getPool(poolid: string): Promise<Wire>;
  createPool(poolid: string, comment: string): Promise<void>;
  updatePool(poolid: string, write: PoolWrite): Promise<void>;
  deletePool(poolid: string): Promise<void>;
}
