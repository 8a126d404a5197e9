/**
 * Who is calling (pve-access-api.md §1.6): ticket cookie, ticket in the Authorization header,
 * then API token; the account checks PVE runs on every request; CSRF on non-GET ticket requests;
 * and the login endpoint `POST /access/ticket`.
 */
import { PveError } from './errors.js';
import { parseTokenId, splitList, verifyUsername } from './ids.js';
import type { PermissionEngine } from './privileges.js';
import type { HandlerContext, Route } from './route.js';
import { REALMS, type PveState } from './state.js';
import type { TicketAuthority } from './tickets.js';

/** The credentials a request carries, as found in its headers. */
export interface Credentials {
  readonly ticket?: string;
  /** The value after `PVEAPIToken=`: `user@realm!name=secret`. */
  readonly token?: string;
}

const decode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** Reads the cookie and Authorization headers the way pve-http-server does. */
export function readCredentials(cookie: string | undefined, authorization: string | undefined): Credentials {
  const fromCookie = /(?:^|;\s*)PVEAuthCookie=([^;]*)/.exec(cookie ?? '')?.[1];
  const fromHeader = /(?:^|\s)PVEAuthCookie=([^;]*)/.exec(authorization ?? '')?.[1];
  const token = /(?:^|\s)PVEAPIToken[= ]([^;]*)/.exec(authorization ?? '')?.[1];
  const ticket = fromCookie ?? fromHeader;
  return {
    ...(ticket !== undefined && ticket !== '' ? { ticket: decode(ticket) } : {}),
    ...(token !== undefined && token !== '' ? { token: decode(token) } : {}),
  };
}

/** `check_user_enabled`: exists, enabled, not expired. */
export function userEnabled(state: PveState, userid: string, now: number): boolean {
  const user = state.users.get(userid);
  return user !== undefined && user.enable === 1 && !(user.expire && user.expire < now);
}

/** `verify_token`: the full token id, or undefined for any of its eight failures. */
export function verifyApiToken(state: PveState, value: string, now: number): string | undefined {
  const eq = value.lastIndexOf('=');
  if (eq < 0) return undefined;
  const tokenId = value.slice(0, eq);
  const parsed = parseTokenId(tokenId);
  if (!parsed || !userEnabled(state, parsed.userid, now)) return undefined;
  const token = state.token(parsed.userid, parsed.tokenid);
  if (!token || (token.expire && token.expire < now)) return undefined;
  return state.tokenSecrets.get(tokenId) === value.slice(eq + 1) ? tokenId : undefined;
}

/** Who the caller is, or the 401 reason phrase. */
export type AuthResult =
  | { readonly ok: true; readonly authid: string | undefined; readonly apiToken: boolean }
  | { readonly ok: false; readonly reason: string };

/** Endpoints PVE serves without credentials; decided on the exact path, before routing. */
const openEndpoint = (method: string, relUri: string): boolean =>
  (relUri === '/access/domains' && method === 'GET') || (relUri === '/access/ticket' && (method === 'GET' || method === 'POST'));

/** Authentication and CSRF for one HTTP request; failures are 401s with only a reason phrase. */
export function authenticate(
  state: PveState,
  tickets: TicketAuthority,
  now: number,
  request: { method: string; relUri: string; credentials: Credentials; csrfToken: string | undefined },
): AuthResult {
  const { method, relUri, credentials } = request;
  // A token header still marks the request as a token request, which the allow-token check refuses.
  if (openEndpoint(method, relUri)) {
    return { ok: true, authid: undefined, apiToken: credentials.ticket === undefined && credentials.token !== undefined };
  }
  if (credentials.ticket !== undefined) {
    const userid = tickets.verify(credentials.ticket);
    if (userid === undefined || !userEnabled(state, userid, now)) return { ok: false, reason: 'Authentication failed!' };
    if (method !== 'GET' && !tickets.verifyCsrf(request.csrfToken, userid)) {
      return { ok: false, reason: 'Permission denied - invalid csrf token' };
    }
    return { ok: true, authid: userid, apiToken: false };
  }
  if (credentials.token !== undefined) {
    const authid = verifyApiToken(state, credentials.token, now);
    return authid === undefined ? { ok: false, reason: 'Authentication failed!' } : { ok: true, authid, apiToken: true };
  }
  return { ok: false, reason: 'No ticket' };
}

/** UI capabilities, as `compute_api_permission` gathers them from the usual paths and every ACL path. */
function capabilities(engine: PermissionEngine, state: PveState, userid: string): Record<string, Record<string, 1>> {
  const patterns: Record<string, RegExp> = {
    vms: /^(VM\.|Permissions\.Modify)/,
    access: /^((User|Group)\.|Permissions\.Modify)/,
    storage: /^(Datastore\.|Permissions\.Modify)/,
    nodes: /^(Sys\.|Permissions\.Modify)/,
    sdn: /^(SDN\.|Permissions\.Modify)/,
    dc: /^(Sys\.Audit|Sys\.Modify|SDN\.)/,
    mapping: /^(Mapping\.|Permissions\.Modify)/,
  };
  const cap: Record<string, Record<string, 1>> = Object.fromEntries(Object.keys(patterns).map((k) => [k, {}]));
  const paths = new Set(['/', '/nodes', '/access/groups', '/vms', '/storage', '/sdn', '/mapping', ...state.sortedAclPaths()]);
  for (const path of paths) {
    const top = /^\/(\w+)/.exec(path)?.[1] ?? 'dc';
    for (const priv of engine.permissions(userid, path).keys()) {
      if (top === 'pool') {
        if (priv.startsWith('VM.') || priv === 'Permissions.Modify') cap.vms![priv] = 1;
        if (priv.startsWith('Datastore.') || priv === 'Permissions.Modify') cap.storage![priv] = 1;
      } else if (patterns[top]?.test(priv)) {
        cap[top]![priv] = 1;
      }
    }
  }
  return cap;
}

const authenticationFailure = (): PveError => new PveError('authentication failure\n', 401);

/** The password stored for a user of the pve or pam realm; root@pam's starts as the simulator's root password. */
export function passwordMatches(state: PveState, userid: string, password: string): boolean {
  const stored = state.passwords.get(userid);
  return stored !== undefined && stored === password;
}

function login(ctx: HandlerContext, params: Readonly<Record<string, string>>): unknown {
  let username = params.username!;
  if (params.realm && !username.includes('@')) username = `${username}@${params.realm}`;
  let userid: string;
  try {
    userid = verifyUsername(username).userid;
  } catch {
    throw authenticationFailure();
  }
  if (!userEnabled(ctx.state, userid, ctx.now())) throw authenticationFailure();
  const renewing = ctx.tickets.verify(params.password!) === userid;
  if (!renewing && !passwordMatches(ctx.state, userid, params.password!)) throw authenticationFailure();
  if (params.path !== undefined && params.privs !== undefined) {
    const have = ctx.engine.permissions(userid, params.path);
    if (splitList(params.privs).some((p) => !have.has(p))) throw authenticationFailure();
    return { username: userid, cap: capabilities(ctx.engine, ctx.state, userid) };
  }
  const { ticket, csrf } = ctx.tickets.issue(userid);
  return { username: userid, ticket, CSRFPreventionToken: csrf, cap: capabilities(ctx.engine, ctx.state, userid) };
}

/** Login (`/access/ticket`) and the realm list, both open without credentials. */
export const authRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/access/ticket',
    permissions: { user: 'world' },
    schema: () => ({}),
    handler: () => null,
  },
  {
    method: 'POST',
    path: '/access/ticket',
    permissions: { user: 'world' },
    allowtoken: false,
    schema: () => ({
      username: { type: 'string', maxLength: 64 },
      password: { type: 'string' },
      realm: { type: 'string', format: 'pve-realm', maxLength: 32, optional: true },
      otp: { type: 'string', optional: true },
      'tfa-challenge': { type: 'string', optional: true },
      path: { type: 'string', maxLength: 64, optional: true, requires: 'privs' },
      privs: { type: 'string', format: 'pve-priv-list', maxLength: 64, optional: true, requires: 'path' },
      'new-format': { type: 'boolean', optional: true },
    }),
    handler: login,
  },
  {
    method: 'GET',
    path: '/access/domains',
    permissions: { user: 'world' },
    schema: () => ({}),
    handler: () =>
      [...REALMS].map(([realm, type]) => ({
        realm,
        type,
        comment: type === 'pam' ? 'Linux PAM standard authentication' : 'Proxmox VE authentication server',
      })),
  },
];
