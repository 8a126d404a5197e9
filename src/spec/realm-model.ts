/**
 * A declared realm as the engine sees it: its options by spec name, with PVE's property strings
 * (sync defaults, second factor) already in the canonical spelling the live state uses.
 */
import type { RealmType, RealmValue } from '../model/realm.js';

export interface RealmSpec {
  readonly realm: string;
  readonly type: RealmType;
  /** Only the options written; `default: false` is left out, as PVE treats it like no value. */
  readonly options: Readonly<Record<string, RealmValue>>;
}
