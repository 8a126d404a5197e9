/**
 * A declared pool after building: defaults applied, members sorted. Kept apart from model.ts so
 * the pool vocabulary reads in one place.
 */

export interface PoolMembersSpec {
  /** Sorted, de-duplicated VM ids. */
  readonly vms: readonly number[];
  /** Sorted, de-duplicated storage ids. */
  readonly storage: readonly string[];
  /** Entries of `vms` that are not numbers (guest names, quoted ids): kept only for the pool rules to report. */
  readonly notNumbers?: readonly string[];
}

export interface PoolSpec {
  readonly poolid: string;
  readonly comment: string;
  /** Absent: the pool's members are not managed. Present: exactly these. */
  readonly members?: PoolMembersSpec;
  /** A declared guest may be taken out of another pool on the cluster. */
  readonly allowMove: boolean;
}
