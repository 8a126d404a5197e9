/** A change to an authentication realm, by spec option names (apply maps them to PVE's). */
import type { RealmType, RealmValue } from '../model/realm.js';
import type { ChangeBase } from './model.js';

export interface RealmChange extends ChangeBase {
  readonly kind: 'realm';
  readonly realm: string;
  readonly type: RealmType;
  /** create: every declared option; update: the options that change. */
  readonly set: Readonly<Record<string, RealmValue>>;
  /** update: options the spec no longer has, removed with PVE's `delete`. */
  readonly unset: readonly string[];
  /**
   * The realm's write-only secret (bind password, client key) goes with this write, taken from
   * the `realm-secrets` input when it names the realm: on create, and when the run asks for it.
   */
  readonly secret?: true;
  /**
   * The secret is set again only because this run's `set-realm-secrets` input asks: repair that
   * apply does on its own, left out of the reviewed digest like a token repair (reviewed.ts).
   */
  readonly repair?: true;
  /** A sync of the directory starts after the write: the realm is new or its sync defaults changed. */
  readonly sync?: true;
  /** A sync starts because this run's `sync-realms` input asks: repair, like `secret` on request. */
  readonly syncRequested?: true;
}
