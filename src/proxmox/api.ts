/**
 * What the engine needs from a Proxmox server. `client.ts` implements it over HTTPS;
 * the state reader and the executor depend only on this interface.
 * Parameters are PVE's own names; booleans and numbers are encoded by the client.
 */
import type { AclSubjectType } from '../model/live-state.js';
import type { PoolApi } from './pool-api.js';

export type { PoolApi, PoolWrite } from './pool-api.js';

/** Raw answers, typed loosely on purpose: PVE mixes numbers and numeric strings; normalize.ts types them. */
export type Wire = Record<string, unknown>;

export interface TokenSecret {
  /** `user@realm!tokenid` */
  readonly fullTokenId: string;
  /** The secret: shown once, by create or regenerate. */
  readonly value: string;
}

export interface AclWrite {
  readonly path: string;
  readonly roles: readonly string[];
  readonly users?: readonly string[];
  readonly groups?: readonly string[];
  readonly tokens?: readonly string[];
  readonly propagate: boolean;
  readonly delete?: boolean;
}

export interface UserWrite {
  readonly enable?: boolean;
  readonly expire?: number;
  readonly comment?: string;
  readonly email?: string;
  readonly firstname?: string;
  readonly lastname?: string;
  readonly groups?: readonly string[];
}

export interface TokenWrite {
  readonly privsep?: boolean;
  readonly expire?: number;
  readonly comment?: string;
}

/** Realm parameters by PVE's names, secrets included: sent once, never logged. */
export type RealmWrite = Readonly<Record<string, string | number | boolean | undefined>>;

export interface ProxmoxApi extends PoolApi {
  /** The identity requests run as: a full token id or a userid. */
  readonly identity: string;
  /** Number of HTTP requests sent so far (benchmarks and tests count them). */
  readonly requestCount: number;

  getVersion(): Promise<Wire>;
  listRoles(): Promise<Wire[]>;
  listUsersFull(): Promise<Wire[]>;
  listGroups(): Promise<Wire[]>;
  listAcl(): Promise<Wire[]>;
  getRole(roleid: string): Promise<Wire>;
  getUser(userid: string): Promise<Wire>;
  getGroup(groupid: string): Promise<Wire>;
  listTokens(userid: string): Promise<Wire[]>;
  getToken(userid: string, tokenid: string): Promise<Wire>;

  createRole(roleid: string, privileges: readonly string[]): Promise<void>;
  updateRole(roleid: string, privileges: readonly string[]): Promise<void>;
  deleteRole(roleid: string): Promise<void>;
  createGroup(groupid: string, comment: string): Promise<void>;
  updateGroup(groupid: string, comment: string): Promise<void>;
  deleteGroup(groupid: string): Promise<void>;
  createUser(userid: string, fields: UserWrite): Promise<void>;
  updateUser(userid: string, fields: UserWrite): Promise<void>;
  deleteUser(userid: string): Promise<void>;
  /** Never retried: the secret exists only in this answer. */
  createToken(userid: string, tokenid: string, fields: TokenWrite): Promise<TokenSecret>;
  updateToken(userid: string, tokenid: string, fields: TokenWrite): Promise<void>;
  /** PVE >= 9.1 only. Never retried. */
  regenerateToken(userid: string, tokenid: string, fields?: TokenWrite): Promise<TokenSecret>;
  deleteToken(userid: string, tokenid: string): Promise<void>;
  updateAcl(write: AclWrite): Promise<void>;
  listRealms(): Promise<Wire[]>;
  getRealm(realm: string): Promise<Wire>;
  createRealm(params: RealmWrite): Promise<void>;
  /** `delete` (comma list) drops options; the rest are set. */
  updateRealm(realm: string, params: RealmWrite): Promise<void>;
  deleteRealm(realm: string): Promise<void>;
  /** Starts a sync; resolves with the task id (UPID). Never retried. */
  syncRealm(realm: string): Promise<string>;
  /** The privileges of an identity per path (`GET /access/permissions`). */
  getPermissions(userid?: string, path?: string): Promise<Record<string, Record<string, number>>>;
}

export type { AclSubjectType };
