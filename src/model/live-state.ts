/**
 * The live access configuration, normalised from PVE's wire format (numbers vs numeric strings,
 * comma strings vs arrays, `tokens: null`). Records are keyed by id; arrays are sorted so two
 * reads of the same cluster give deep-equal values.
 */
import type { LivePool } from './live-pool.js';

export type { LivePool } from './live-pool.js';
import type { LiveRealm } from './realm.js';

export type { LiveRealm };

export interface ServerVersion {
  /** e.g. `9.1.1`, or `7.4-3` on 7.x. */
  readonly version: string;
  /** e.g. `9.1`. */
  readonly release: string;
  readonly major: number;
  readonly minor: number;
}

export interface LiveRole {
  readonly roleid: string;
  readonly privileges: readonly string[];
  /** Built-in (PVE calls it `special`): never written, never deleted. */
  readonly builtin: boolean;
}

export interface LiveToken {
  readonly tokenid: string;
  readonly privsep: boolean;
  /** Epoch seconds; 0 = never. */
  readonly expire: number;
  readonly comment: string;
}

export interface LiveUser {
  readonly userid: string;
  readonly enable: boolean;
  readonly expire: number;
  readonly comment: string;
  readonly email: string;
  readonly firstname: string;
  readonly lastname: string;
  readonly groups: readonly string[];
  readonly tokens: Readonly<Record<string, LiveToken>>;
}

export interface LiveGroup {
  readonly groupid: string;
  readonly comment: string;
  readonly members: readonly string[];
}

export type AclSubjectType = 'user' | 'group' | 'token';

export interface AclEntry {
  readonly path: string;
  readonly type: AclSubjectType;
  /** userid, group id, or full token id. */
  readonly ugid: string;
  readonly roleid: string;
  readonly propagate: boolean;
}

export interface LiveState {
  readonly version: ServerVersion;
  readonly roles: Readonly<Record<string, LiveRole>>;
  readonly users: Readonly<Record<string, LiveUser>>;
  readonly groups: Readonly<Record<string, LiveGroup>>;
  /** Sorted by path, type, ugid, roleid. */
  readonly acl: readonly AclEntry[];
  /** Resource pools by id; absent when the state was built without them. */
  readonly pools?: Readonly<Record<string, LivePool>>;
  /** Authentication realms by id (`GET /access/domains`, then one GET per realm that has options). */
  readonly realms?: Readonly<Record<string, LiveRealm>>;
}

/** PVE's built-in Administrator role holds every privilege the server knows. */
export function serverPrivileges(live: LiveState): readonly string[] {
  return live.roles['Administrator']?.privileges ?? [];
}
