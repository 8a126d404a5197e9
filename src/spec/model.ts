/**
 * The desired state, as the rest of the engine sees it after loading and validation.
 * Every default the README documents is already applied here, so the planner never guesses.
 */
import type { SourcePosition } from '../model/finding.js';
import type { PoolSpec } from './pool-model.js';

export type { PoolMembersSpec, PoolSpec } from './pool-model.js';
import type { RealmSpec } from './realm-model.js';

export type { RealmSpec };

export type TokenFormat = 'full' | 'secret' | 'header' | 'json';

/** `regenerate` falls back to `recreate` before PVE 9.1; absent: the server's best. */
export type TokenRotation = 'regenerate' | 'recreate' | 'overlap';

export type DeliverTarget =
  | { readonly kind: 'output'; readonly name: string }
  | {
      readonly kind: 'github-secret';
      readonly name: string;
      /** `owner/repo`; absent means the repository the workflow runs in. */
      readonly repository?: string;
      readonly environment?: string;
      /** Organization secret instead of a repository one. */
      readonly org?: string;
      readonly visibility?: 'all' | 'private' | 'selected';
      readonly selectedRepositories?: readonly string[];
    }
  | {
      readonly kind: 'vault';
      /** The KV version 2 mount, without slashes (default `secret`). */
      readonly mount: string;
      /** The secret's path inside the mount, without slashes at either end. */
      readonly path: string;
      /** The field that holds the token (default `token`). */
      readonly field: string;
    };

export interface TokenSpec {
  readonly tokenid: string;
  readonly comment: string;
  readonly privsep: boolean;
  /** Seconds; the token expires this long after it is (re)created. Absent: never expires. */
  readonly lifetime?: number;
  /** Seconds; rotate when less than this remains. Defaults to a sixth of `lifetime`. */
  readonly rotateBefore?: number;
  readonly deliver: readonly DeliverTarget[];
  readonly format: TokenFormat;
  /** As written; absent means the server's default (see plan/rotation.ts). */
  readonly rotation?: TokenRotation;
  /** Seconds the previous generation keeps working; set (default 7d) with `rotation: overlap`, or when written. */
  readonly overlap?: number;
}

export interface UserSpec {
  readonly userid: string;
  readonly comment: string;
  readonly enable: boolean;
  /** Epoch seconds; 0 = never. */
  readonly expire: number;
  /** Exact, sorted membership. */
  readonly groups: readonly string[];
  readonly email: string;
  readonly firstname: string;
  readonly lastname: string;
  /** Absent: the user's tokens are not managed. Present (even empty): exactly these tokens. */
  readonly tokens?: Readonly<Record<string, TokenSpec>>;
  /** Owned by realm sync or another system: referenced only, never written. */
  readonly external?: true;
}

export interface RoleSpec {
  readonly roleid: string;
  /** Sorted, de-duplicated. */
  readonly privileges: readonly string[];
}

export interface GroupSpec {
  readonly groupid: string;
  readonly comment: string;
  /** Owned by realm sync or another system: referenced only, never written. */
  readonly external?: true;
}

export interface AclSpec {
  /** Normalised ACL path (PVE rules: collapsed slashes, no trailing slash). */
  readonly path: string;
  readonly roles: readonly string[];
  readonly users: readonly string[];
  readonly groups: readonly string[];
  /** Full token ids `user@realm!name`. */
  readonly tokens: readonly string[];
  readonly propagate: boolean;
}

export interface PruneSpec {
  readonly users: readonly string[];
  readonly roles: readonly string[];
  readonly groups: readonly string[];
  /** Absent in specs built before pools existed; buildSpec always sets it. */
  readonly pools?: readonly string[];
  /** Absent where a spec was built without the section. */
  readonly realms?: readonly string[];
}

export interface Spec {
  readonly version: 1;
  readonly roles: Readonly<Record<string, RoleSpec>>;
  readonly groups: Readonly<Record<string, GroupSpec>>;
  readonly users: Readonly<Record<string, UserSpec>>;
  readonly acl: readonly AclSpec[];
  /** Declared pools; absent means none. */
  readonly pools?: Readonly<Record<string, PoolSpec>>;
  readonly prune: PruneSpec;
  /** Declared realms; absent or empty: realms are not managed. */
  readonly realms?: Readonly<Record<string, RealmSpec>>;
}

/**
 * A spec together with where each of its parts was written, keyed by a dotted path such as
 * `users.alice@pve.tokens.ci` or `acl.2`, so findings can point at a line.
 */
export interface LoadedSpec {
  readonly file: string;
  readonly spec: Spec;
  readonly positions: ReadonlyMap<string, SourcePosition>;
  /** List items written more than once (the spec keeps one); for warnings at the repeat. */
  readonly repeatedItems?: readonly RepeatedItem[];
}

export interface RepeatedItem {
  /** Dotted path of the list, e.g. `roles.Ops.privileges`. */
  readonly list: string;
  readonly value: string;
  readonly position: SourcePosition;
  readonly first: SourcePosition;
}
