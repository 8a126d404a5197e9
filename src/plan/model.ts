/**
 * The plan: an ordered list of changes computed purely from a spec and a live state.
 * Apply executes exactly these changes; renderers only read them.
 */
import type { DeliverTarget, TokenFormat } from '../spec/model.js';
import type { AclEntry, LiveUser, ServerVersion } from '../model/live-state.js';
import type { Finding } from '../model/finding.js';
import type { PoolChange } from './pool-change.js';

export type { PoolChange, PoolMove } from './pool-change.js';
import type { RealmChange } from './realm-change.js';

export type { RealmChange };

export type ChangeAction = 'create' | 'update' | 'delete' | 'rotate';

export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface ChangeBase {
  /** Stable id used for ordering, rendering and the digest: `role:X`, `user:a@pve`, `token:a@pve!t`, `acl:/p|group:g|Role`. */
  readonly address: string;
  readonly action: ChangeAction;
  readonly fields: readonly FieldChange[];
  /** Why, for humans (e.g. `not in spec, matches prune "*@pve"`, `expires in 3d`). Apply never branches on it. */
  readonly reason?: string;
  /** Happens by itself as a PVE cascade of another change (e.g. a deleted user's tokens); shown, never executed. */
  readonly implied?: boolean;
}

export interface RoleChange extends ChangeBase {
  readonly kind: 'role';
  readonly roleid: string;
  /** The full privilege set after the change (PVE's PUT replaces it); empty for delete. */
  readonly privileges: readonly string[];
}

export interface GroupChange extends ChangeBase {
  readonly kind: 'group';
  readonly groupid: string;
  readonly comment: string;
}

/** A user's own fields, as the live state holds them. */
export type UserFields = Omit<LiveUser, 'userid' | 'tokens'>;

export interface UserChange extends ChangeBase {
  readonly kind: 'user';
  readonly userid: string;
  /** create: every field; update: only the fields that change; delete: empty. */
  readonly set: Partial<UserFields>;
}

export type RotationMethod = 'regenerate' | 'recreate' | 'overlap';

/** The generation an overlap rotation creates beside the token it replaces. */
export interface NewGeneration {
  readonly tokenid: string;
  readonly fullid: string;
  /** Seconds the replaced token keeps working once the new one is delivered. */
  readonly overlap: number;
}

export interface TokenChange extends ChangeBase {
  readonly kind: 'token';
  readonly userid: string;
  readonly tokenid: string;
  /** `user@realm!tokenid` */
  readonly fullid: string;
  readonly privsep: boolean;
  readonly comment: string;
  /** Seconds after (re)creation at which the token expires; absent = never. Resolved to an epoch at apply time. */
  readonly lifetime?: number;
  /** Present exactly when action is `rotate`: `regenerate` on PVE >= 9.1, otherwise delete + create + re-grant, or `overlap`. */
  readonly rotation?: RotationMethod;
  /** With `overlap`: the new token id, which gets this token's ACL entries and the secret. */
  readonly generation?: NewGeneration;
  /** A delete of a previous generation whose overlap has ended: housekeeping, not drift. */
  readonly retired?: true;
  /**
   * A rotation only this run's inputs ask for (a delivered GitHub secret went missing, or the
   * `rotate` input names the token): repair that apply does on its own. The reviewed digest sees
   * the change as it would be without it (see reviewed.ts).
   */
  readonly repair?: true;
  /** Where the new secret goes; apply checks every sink before the first write. */
  readonly deliver: readonly DeliverTarget[];
  readonly format: TokenFormat;
}

export interface AclChange extends ChangeBase {
  readonly kind: 'acl';
  /** create/update: the entry as it must be; delete: the entry to remove. */
  readonly entry: AclEntry;
}

export type Change = RoleChange | GroupChange | UserChange | TokenChange | AclChange | PoolChange | RealmChange;

/** Privileges on one path: privilege name -> propagates. */
export type PrivilegeMap = Readonly<Record<string, boolean>>;

export interface PathPrivileges {
  readonly path: string;
  readonly before: PrivilegeMap;
  readonly after: PrivilegeMap;
}

export interface PrincipalPrivileges {
  /** userid, `@group` or full token id. */
  readonly principal: string;
  readonly type: 'user' | 'group' | 'token';
  /** Only paths whose privileges differ between before and after. */
  readonly paths: readonly PathPrivileges[];
}

export interface ChangeCounts {
  readonly create: number;
  readonly update: number;
  readonly delete: number;
  readonly rotate: number;
}

export interface Plan {
  /** Ordered for execution: roles, groups, users, tokens, ACLs; deletions in reverse. */
  readonly changes: readonly Change[];
  readonly counts: ChangeCounts;
  readonly findings: readonly Finding[];
  readonly privileges: readonly PrincipalPrivileges[];
  /** sha256 hex over the changes and the live state they were computed from. */
  readonly digest: string;
  readonly server: ServerVersion;
  /** The identity this run authenticates as (token id or userid), protected from lockout. */
  readonly actingIdentity?: string;
}

export interface PlanOptions {
  /** Epoch seconds; injected so planning stays pure. */
  readonly now: number;
  readonly actingIdentity?: string;
  /** `all`, or full token ids to rotate now. */
  readonly rotate: 'all' | readonly string[];
  /** Full token ids whose delivery target no longer holds the secret: rotate them. */
  readonly secretMissing: readonly string[];
  readonly allowDeletions: boolean;
  /** Every privilege the connected server knows (the Administrator role's set). */
  readonly serverPrivileges: readonly string[];
  /** Realm ids the `realm-secrets` input names (never the secrets); undefined when the input is not given. */
  readonly realmSecretNames?: readonly string[];
  /** Realm ids whose secret this run sets again (`set-realm-secrets`). */
  readonly setRealmSecrets?: readonly string[];
  /** Realm ids this run syncs although nothing changed (`sync-realms`), or `all` declared directory realms. */
  readonly syncRealms?: readonly string[] | 'all';
  /** TLS verification is off for this run (`proxmox-insecure`); the plan says so loudly. */
  readonly insecure?: boolean;
}

export const hasChanges = (plan: Plan): boolean => plan.changes.some((c) => !c.implied);
export const hasErrors = (plan: Plan): boolean => plan.findings.some((f) => f.severity === 'error');
