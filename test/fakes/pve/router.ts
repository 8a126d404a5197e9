/**
 * The request pipeline of pve-manager's `rest_handler`:
 * handler lookup (501), duplicate URI parameters (400), the API-token allow check (403), the
 * permission check (403, or a plain 500 from user lookups), schema validation (400), then the
 * handler. Both the HTTPS server and `exec` go through `dispatch`.
 */
import { accessRoutes } from './access.js';
import { aclRoutes } from './acl.js';
import { authRoutes } from './auth.js';
import { PermissionChecks } from './checks.js';
import { notImplemented, paramError, permissionError, PveError } from './errors.js';
import { groupRoutes } from './groups.js';
import { ROOT } from './ids.js';
import { validateParams, type RawParams, type RawValue } from './params.js';
import { passwordRoutes } from './password.js';
import { permissionRoutes } from './permissions.js';
import { poolRoutes } from './pools.js';
import { PermissionEngine } from './privileges.js';
import { realmRoutes } from './realms.js';
import { roleRoutes } from './roles.js';
import type { Environment, HandlerContext, Route } from './route.js';
import { tokenRoutes } from './tokens.js';
import { userRoutes } from './users.js';
import { versionRoutes } from './version.js';

const ROUTES: readonly Route[] = [
  ...versionRoutes,
  ...accessRoutes,
  ...userRoutes,
  ...tokenRoutes,
  ...groupRoutes,
  ...roleRoutes,
  ...aclRoutes,
  ...permissionRoutes,
  ...authRoutes,
  ...passwordRoutes,
  ...realmRoutes,
  ...poolRoutes,
];

interface CompiledRoute {
  readonly route: Route;
  /** A literal component, or `{name}` as `{ param: name }`. */
  readonly segments: readonly (string | { readonly param: string })[];
}

const compiled: readonly CompiledRoute[] = ROUTES.map((route) => ({
  route,
  segments: route.path
    .split('/')
    .filter(Boolean)
    .map((s) => (/^\{(.+)\}$/.test(s) ? { param: s.slice(1, -1) } : s)),
}));

/**
 * A path parameter is PVE's default `\S+`, anchored with Perl's `$`: a component with whitespace
 * matches no route (501), except for one final newline, which `$` lets through and the capture
 * leaves out.
 */
const URI_PARAM = /^([^\t\n\v\f\r ]+)\n?$/;

/** Finds the route for a method and path; empty components (`//`, a trailing `/`) are ignored. */
export function findRoute(method: string, relUri: string): { route: Route; uriParams: Record<string, string> } | undefined {
  const parts = relUri.split('/').filter(Boolean);
  for (const { route, segments } of compiled) {
    if (route.method !== method || segments.length !== parts.length) continue;
    const uriParams: Record<string, string> = {};
    const matches = segments.every((segment, i) => {
      if (typeof segment === 'string') return segment === parts[i];
      const value = URI_PARAM.exec(parts[i]!)?.[1];
      if (value === undefined) return false;
      uriParams[segment.param] = value;
      return true;
    });
    if (matches) return { route, uriParams };
  }
  return undefined;
}

export type { Environment } from './route.js';

/** One authenticated request, transport already stripped. */
export interface ApiCall {
  readonly method: string;
  /** The path below `/api2/json`, URL-decoded. */
  readonly relUri: string;
  readonly params: RawParams;
  /** undefined only for endpoints that need no login. */
  readonly authid: string | undefined;
  /** Whether the credentials were an API token (tokens are refused where `allowtoken` is false). */
  readonly apiToken: boolean;
}

/** The handler's `data`, or the error PVE would answer with. */
export type ApiAnswer = { readonly status: 200; readonly data: unknown } | { readonly status: number; readonly error: PveError };

function mergeUriParams(uriParams: Record<string, string>, params: RawParams): Record<string, RawValue> {
  const merged: Record<string, RawValue> = { ...uriParams };
  for (const [key, value] of Object.entries(params)) {
    const fromUri = uriParams[key];
    if (fromUri !== undefined && value !== fromUri) {
      throw paramError({ [key]: 'duplicate parameter (already defined in URI) with conflicting values!' });
    }
    merged[key] = value;
  }
  return merged;
}

/** Runs one request through the pipeline; never throws. */
export function dispatch(env: Environment, call: ApiCall): ApiAnswer {
  try {
    const found = findRoute(call.method, call.relUri);
    if (!found) throw notImplemented(call.method, call.relUri);
    const { route } = found;
    const params = mergeUriParams(found.uriParams, call.params);
    if (call.apiToken && route.allowtoken === false) {
      throw permissionError(`URI '${call.relUri}' not available with API token, need proper ticket.\n`);
    }
    const engine = new PermissionEngine(env.state);
    const checks = new PermissionChecks(env.state, engine, call.authid ?? '');
    const perms = route.permissions;
    if (!('user' in perms && perms.user === 'world')) {
      if (call.authid === undefined) throw permissionError('user != null');
      if (call.authid !== ROOT && 'check' in perms) checks.run(perms.check, params);
    }
    const validated = validateParams(route.schema(env.features), params, {
      privileges: env.features.privilegeSet,
      groupIdWrapperChars: env.features.groupIdWrapperChars,
    });
    const ctx: HandlerContext = { ...env, authid: call.authid, engine, checks };
    return { status: 200, data: route.handler(ctx, validated) ?? null };
  } catch (err) {
    if (err instanceof PveError) return { status: err.status, error: err };
    return { status: 500, error: new PveError(`internal simulator error: ${(err as Error).message}\n`) };
  }
}
