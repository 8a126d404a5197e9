/**
 * Who is calling: ticket cookie, ticket in the Authorization header,
 * then API token; the account checks PVE runs on every request; CSRF on non-GET ticket requests;
 * and the login endpoint `POST /access/ticket`.
 */
import { PveError } from './errors.js';
import { parseTokenId, splitList, verifyUsername } from './ids.js';
import type { PermissionEngine } from './privileges.js';
import type { HandlerContext, Route } from './route.js';
import type { PveState } from './state.js';
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

/** `check_user_enabled`: undefined when the user exists, is enabled and has not expired, else why not. */
function userRefusal(state: PveState, userid: string, now: number): string | undefined {
  const user = state.users.get(userid);
  if (!user) return `no such user ('${userid}')`;
  if (user.enable !== 1) return `user '${userid}' is disabled`;
  if (user.expire && user.expire < now) return `user '${userid}' access expired`;
  return undefined;
}

/** `check_user_enabled`: exists, enabled, not expired. */
export function userEnabled(state: PveState, userid: string, now: number): boolean {
  return userRefusal(state, userid, now) === undefined;
}

/** `verify_token`: the full token id, or the message of the first of its eight checks that fails. */
function verifyApiToken(state: PveState, value: string, now: number): { authid: string } | { refusal: string } {
  const eq = value.lastIndexOf('=');
  if (eq < 0) return { refusal: 'no tokenid specified' };
  const tokenId = value.slice(0, eq);
  const parsed = parseTokenId(tokenId);
  if (!parsed) return { refusal: `'${tokenId}' is not a valid token ID - not able to split into user and token parts` };
  const userRefused = userRefusal(state, parsed.userid, now);
  if (userRefused) return { refusal: userRefused };
  const token = state.token(parsed.userid, parsed.tokenid);
  if (!token) return { refusal: `no such token '${parsed.tokenid}' for user '${parsed.userid}'` };
  if (token.expire && token.expire < now) return { refusal: `token '${parsed.tokenid}' access expired` };
  if (state.tokenSecrets.get(tokenId) !== value.slice(eq + 1)) return { refusal: 'invalid token value!' };
  return { authid: tokenId };
}

/** Who the caller is, or the 401 reason phrase. */
export type AuthResult =
  { readonly ok: true; readonly authid: string | undefined; readonly apiToken: boolean } | { readonly ok: false; readonly reason: string };

/** Since 9.0 every credential failure reads the same; before, the reason phrase said which check failed. */
const credentialFailure = (revealReason: boolean, refusal: string): AuthResult => ({
  ok: false,
  reason: revealReason ? refusal : 'Authentication failed!',
});

/** Endpoints PVE serves without credentials; decided on the exact path, before routing. */
const openEndpoint = (method: string, relUri: string): boolean =>
  (relUri === '/access/domains' && method === 'GET') || (relUri === '/access/ticket' && (method === 'GET' || method === 'POST'));

/** Authentication and CSRF for one HTTP request; failures are 401s with only a reason phrase. */
export function authenticate(
  state: PveState,
  tickets: TicketAuthority,
  now: number,
  request: { method: string; relUri: string; credentials: Credentials; csrfToken: string | undefined; revealReason?: boolean },
): AuthResult {
  const { method, relUri, credentials } = request;
  const revealReason = request.revealReason ?? false;
  // A token header still marks the request as a token request, which the allow-token check refuses.
  if (openEndpoint(method, relUri)) {
    return { ok: true, authid: undefined, apiToken: credentials.ticket === undefined && credentials.token !== undefined };
  }
  if (credentials.ticket !== undefined) {
    const userid = tickets.verify(credentials.ticket);
    if (userid === undefined) return credentialFailure(revealReason, 'permission denied - invalid PVE ticket');
    const userRefused = userRefusal(state, userid, now);
    if (userRefused) return credentialFailure(revealReason, userRefused);
    if (method !== 'GET' && !tickets.verifyCsrf(request.csrfToken, userid)) {
      return { ok: false, reason: 'Permission denied - invalid csrf token' };
    }
    return { ok: true, authid: userid, apiToken: false };
  }
  if (credentials.token !== undefined) {
    const verified = verifyApiToken(state, credentials.token, now);
    return 'refusal' in verified
      ? credentialFailure(revealReason, verified.refusal)
      : { ok: true, authid: verified.authid, apiToken: true };
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

/** Login (`/access/ticket`), open without credentials. */
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
];
