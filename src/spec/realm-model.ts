/**
 * A declared realm as the engine sees it: its options by spec name, with PVE's property strings
 * (sync defaults, second factor) already in the canonical spelling the live state uses.
 */
import type { RealmType, RealmValue } from '../model/realm.js';

export interface RealmSpec {
  readonly realm: string;
  readonly type: RealmType;
  /** Only the options written (empty text left out). `default: false` stays: on pam and pve it is what unsets the default. */
  readonly options: Readonly<Record<string, RealmValue>>;
}
