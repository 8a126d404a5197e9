/**
 * What an API method is in the simulator: method and path template, PVE's permission
 * declaration, its parameter schema (path parameters included), whether API tokens may call
 * it, the lock label its writes use, and the handler. Handlers get validated parameters and a
 * context; they return `data` or throw PveError.
 */
import type { PermissionChecks, PermissionCheck } from './checks.js';
import type { Params, Schema } from './params.js';
import type { PermissionEngine } from './privileges.js';
import type { PveState } from './state.js';
import type { TicketAuthority } from './tickets.js';
import type { PveFeatures } from './version.js';

/** The methods PVE's API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** `world`: no login needed; `all`: any authenticated caller; otherwise a check expression. */
export type RoutePermissions = { readonly user: 'world' | 'all' } | { readonly check: PermissionCheck };

/** The simulator's shared parts a request runs against. */
export interface Environment {
  readonly state: PveState;
  readonly features: PveFeatures;
  readonly tickets: TicketAuthority;
  /** Epoch seconds. */
  readonly now: () => number;
  /** A fresh token secret. */
  readonly newSecret: () => string;
}

/** What a handler works with: the environment, the caller and its permission checks. */
export interface HandlerContext extends Environment {
  /** The caller: a userid or a full token id; undefined on `world` endpoints called without credentials. */
  readonly authid: string | undefined;
  readonly engine: PermissionEngine;
  readonly checks: PermissionChecks;
}

/** One API method. */
export interface Route {
  readonly method: HttpMethod;
  /** e.g. `/access/users/{userid}/token/{tokenid}` */
  readonly path: string;
  readonly permissions: RoutePermissions;
  /** Default true. */
  readonly allowtoken?: boolean;
  readonly schema: (features: PveFeatures) => Schema;
  /** The `lock_user_config` label, for writes. */
  readonly lockLabel?: string;
  readonly handler: (ctx: HandlerContext, params: Params) => unknown;
}
