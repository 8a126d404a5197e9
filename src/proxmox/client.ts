/**
 * The Proxmox VE access API over HTTPS: `createProxmoxClient` wires TLS trust, the keep-alive
 * Agent, authentication and retries, and returns the ProxmoxApi the state reader and the
 * executor use. Every method is one endpoint; encoding follows PVE's schema rules (encode.ts).
 */
import type { Agent } from 'undici';
import { ActionError } from '../errors.js';
import { nullLogger, type Logger } from '../log.js';
import type { AclWrite, PoolWrite, ProxmoxApi, RealmWrite, TokenSecret, TokenWrite, UserWrite, Wire } from './api.js';
import { TicketAuthenticator, tokenAuthenticator, type Authenticator, type ProxmoxCredentials } from './auth.js';
import { pathOf, type Params } from './encode.js';
import { asNumberMap, asWire, asWireList, toApiError, unwrapAnswer } from './response.js';
import { DEFAULT_RETRY, withRetries, type RetryContext, type RetryOptions, type RetryPolicy } from './retry.js';
import { createConnectionPool, resolveTimeouts } from './agent.js';
import type { TlsOptions } from './tls.js';
import { HttpTransport, type HttpMethod, type Timeouts } from './transport.js';

export type { ProxmoxCredentials } from './auth.js';

/** Everything `createProxmoxClient` accepts. Only `url` and `auth` are required. */
export interface ProxmoxClientOptions extends TlsOptions {
  /** `https://host:8006`; a trailing `/api2/json` is accepted too. */
  readonly url: string;
  readonly auth: ProxmoxCredentials;
  /** Milliseconds; each defaults to 30 s. */
  readonly timeouts?: Partial<Timeouts> | undefined;
  readonly retry?: RetryOptions | undefined;
  /** Debug lines: method, path, status, duration. Never headers or bodies. */
  readonly logger?: Logger | undefined;
  /** Called with a token secret the moment an answer carries one (mask it here). */
  readonly onSecret?: ((secret: string) => void) | undefined;
  /** Injected for tests: backoff waits. */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
  /** Injected for tests: jitter source in [0, 1). */
  readonly random?: (() => number) | undefined;
  /** Injected for tests: clock for ticket renewal (epoch ms). */
  readonly now?: (() => number) | undefined;
  /** Renew a ticket once it is this old; default 90 min (tickets live 2 h). */
  readonly ticketRenewAfterMs?: number | undefined;
  /**
   * A connection pool shared with other clients (made by `createConnectionPool` with the same TLS
   * options); the client sends through it and leaves it open on `close()`. Without it the client
   * owns a pool of its own.
   */
  readonly pool?: Agent | undefined;
}

/** A ProxmoxApi that owns sockets: `close()` ends them. */
export interface ProxmoxClient extends ProxmoxApi {
  close(): Promise<void>;
}

/**
 * Builds a client. With username and password it logs in right away, so wrong credentials
 * fail here rather than in the middle of a run; with a token it sends nothing yet.
 */
export async function createProxmoxClient(options: ProxmoxClientOptions): Promise<ProxmoxClient> {
  const { origin, basePath } = parseBaseUrl(options.url);
  const timeouts: Timeouts = resolveTimeouts(options.timeouts);
  const logger = options.logger ?? nullLogger;
  const agent = options.pool ?? (await createConnectionPool(options, timeouts));
  const owned = options.pool === undefined ? agent : undefined;
  const transport = new HttpTransport({ origin, basePath, agent, timeouts, logger });
  const retry: RetryContext = {
    options: { ...DEFAULT_RETRY, ...definedOnly(options.retry) },
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    logger,
  };
  const post = (path: string, form: Params): Promise<unknown> =>
    withRetries(`POST ${path}`, 'idempotent', retry, async () =>
      unwrapAnswer('POST', path, await transport.send({ method: 'POST', path, form, headers: {} })),
    );
  const auth =
    'tokenId' in options.auth
      ? tokenAuthenticator(options.auth.tokenId, options.auth.secret)
      : new TicketAuthenticator(options.auth.username, options.auth.password, post, options.now, options.ticketRenewAfterMs);
  const client = new PveClient(transport, auth, retry, owned, options.onSecret ?? (() => {}));
  try {
    if (auth instanceof TicketAuthenticator) await auth.login();
  } catch (err) {
    await owned?.close();
    throw err;
  }
  return client;
}

function parseBaseUrl(url: string): { origin: string; basePath: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ActionError(`the Proxmox URL '${url}' is not a URL; expected https://host:8006`);
  }
  // Credentials must never travel in clear text.
  if (parsed.protocol !== 'https:') {
    throw new ActionError(`proxmox-url must start with https:// (the PVE API listens on HTTPS only), got ${shownUrl(parsed)}`);
  }
  const prefix = parsed.pathname.replace(/\/+$/, '');
  return { origin: parsed.origin, basePath: prefix.endsWith('/api2/json') ? prefix : `${prefix}/api2/json` };
}

/** The URL as parsed, without any `user:password@` and without the line breaks the parser drops. */
const shownUrl = (url: URL): string => `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;

const definedOnly = <T extends object>(value: T | undefined): Partial<T> =>
  Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Retries follow the method unless an endpoint says otherwise (creates, secrets). */
const defaultPolicy = (method: HttpMethod): RetryPolicy => (method === 'POST' ? 'lock-only' : 'idempotent');

class PveClient implements ProxmoxClient {
  constructor(
    private readonly transport: HttpTransport,
    private readonly auth: Authenticator,
    private readonly retry: RetryContext,
    /** Undefined when the pool is shared: its owner closes it. */
    private readonly agent: Agent | undefined,
    private readonly onSecret: (secret: string) => void,
  ) {}

  get identity(): string {
    return this.auth.identity;
  }
  get requestCount(): number {
    return this.transport.requestCount;
  }
  async close(): Promise<void> {
    await this.agent?.close();
  }

  /** One API call: authenticate, send, re-authenticate once on 401, retry as the policy allows. */
  private call(method: HttpMethod, path: string, params: Params = {}, policy = defaultPolicy(method)): Promise<unknown> {
    const carrier = method === 'GET' || method === 'DELETE' ? { query: params } : { form: params };
    return withRetries(`${method} ${path}`, policy, this.retry, async () => {
      let prepared = await this.auth.prepare(method);
      let response = await this.transport.send({ method, path, ...carrier, headers: prepared.headers });
      // A 401 is decided before any handler runs, so sending again cannot repeat a write.
      if (response.status === 401 && (await this.auth.recover(prepared.session))) {
        prepared = await this.auth.prepare(method);
        response = await this.transport.send({ method, path, ...carrier, headers: prepared.headers });
      }
      if (response.status === 401) throw this.auth.rejected(toApiError(method, path, response));
      return unwrapAnswer(method, path, response);
    });
  }

  private async get(path: string, query?: Params): Promise<Wire> {
    return asWire('GET', path, await this.call('GET', path, query));
  }
  private async list(path: string, query?: Params): Promise<Wire[]> {
    return asWireList('GET', path, await this.call('GET', path, query));
  }
  private async write(method: HttpMethod, path: string, params?: Params): Promise<void> {
    await this.call(method, path, params);
  }

  getVersion = (): Promise<Wire> => this.get('/version');
  listRoles = (): Promise<Wire[]> => this.list('/access/roles');
  listUsersFull = (): Promise<Wire[]> => this.list('/access/users', { full: true });
  listGroups = (): Promise<Wire[]> => this.list('/access/groups');
  listAcl = (): Promise<Wire[]> => this.list('/access/acl');
  getRole = (roleid: string): Promise<Wire> => this.get(pathOf('/access/roles/{}', roleid));
  getUser = (userid: string): Promise<Wire> => this.get(pathOf('/access/users/{}', userid));
  getGroup = (groupid: string): Promise<Wire> => this.get(pathOf('/access/groups/{}', groupid));
  listTokens = (userid: string): Promise<Wire[]> => this.list(pathOf('/access/users/{}/token', userid));
  getToken = (userid: string, tokenid: string): Promise<Wire> => this.get(pathOf('/access/users/{}/token/{}', userid, tokenid));

  createRole = (roleid: string, privileges: readonly string[]): Promise<void> =>
    this.write('POST', '/access/roles', { roleid, privs: privileges });
  updateRole = (roleid: string, privileges: readonly string[]): Promise<void> =>
    this.write('PUT', pathOf('/access/roles/{}', roleid), { privs: privileges });
  deleteRole = (roleid: string): Promise<void> => this.write('DELETE', pathOf('/access/roles/{}', roleid));

  createGroup = (groupid: string, comment: string): Promise<void> =>
    this.write('POST', '/access/groups', { groupid, comment: comment === '' ? undefined : comment });
  updateGroup = (groupid: string, comment: string): Promise<void> => this.write('PUT', pathOf('/access/groups/{}', groupid), { comment });
  deleteGroup = (groupid: string): Promise<void> => this.write('DELETE', pathOf('/access/groups/{}', groupid));

  createUser = (userid: string, fields: UserWrite): Promise<void> => this.write('POST', '/access/users', { userid, ...userParams(fields) });
  updateUser = (userid: string, fields: UserWrite): Promise<void> =>
    this.write('PUT', pathOf('/access/users/{}', userid), userParams(fields));
  deleteUser = (userid: string): Promise<void> => this.write('DELETE', pathOf('/access/users/{}', userid));

  createToken = async (userid: string, tokenid: string, fields: TokenWrite): Promise<TokenSecret> => {
    const path = pathOf('/access/users/{}/token/{}', userid, tokenid);
    return this.secretOf('POST', path, userid, tokenid, await this.call('POST', path, tokenParams(fields), 'never'));
  };
  updateToken = (userid: string, tokenid: string, fields: TokenWrite): Promise<void> =>
    this.write('PUT', pathOf('/access/users/{}/token/{}', userid, tokenid), tokenParams(fields));
  regenerateToken = async (userid: string, tokenid: string, fields: TokenWrite = {}): Promise<TokenSecret> => {
    const path = pathOf('/access/users/{}/token/{}', userid, tokenid);
    const params = { ...tokenParams(fields), regenerate: true };
    return this.secretOf('PUT', path, userid, tokenid, await this.call('PUT', path, params, 'never'));
  };
  deleteToken = (userid: string, tokenid: string): Promise<void> =>
    this.write('DELETE', pathOf('/access/users/{}/token/{}', userid, tokenid));

  updateAcl = (write: AclWrite): Promise<void> =>
    this.write('PUT', '/access/acl', {
      path: write.path,
      roles: write.roles,
      users: nonEmpty(write.users),
      groups: nonEmpty(write.groups),
      tokens: nonEmpty(write.tokens),
      propagate: write.propagate,
      delete: write.delete === true ? true : undefined,
    });

  listPools = (): Promise<Wire[]> => this.list('/pools');
  getPool = async (poolid: string): Promise<Wire> => asWire('GET', '/pools', (await this.list('/pools', { poolid }))[0] ?? null);
  createPool = (poolid: string, comment: string): Promise<void> =>
    this.write('POST', '/pools', { poolid, comment: comment === '' ? undefined : comment });
  // Adding a member twice fails ("already a pool member"), so a member change is retried only when the lock was never taken.
  updatePool = async (poolid: string, write: PoolWrite): Promise<void> => {
    await this.call('PUT', '/pools', poolParams(poolid, write), write.vms || write.storage ? 'lock-only' : 'idempotent');
  };
  deletePool = (poolid: string): Promise<void> => this.write('DELETE', '/pools', { poolid });
  listRealms = (): Promise<Wire[]> => this.list('/access/domains');
  getRealm = (realm: string): Promise<Wire> => this.get(pathOf('/access/domains/{}', realm));
  createRealm = (params: RealmWrite): Promise<void> => this.write('POST', '/access/domains', params);
  updateRealm = (realm: string, params: RealmWrite): Promise<void> => this.write('PUT', pathOf('/access/domains/{}', realm), params);
  deleteRealm = (realm: string): Promise<void> => this.write('DELETE', pathOf('/access/domains/{}', realm));
  syncRealm = async (realm: string): Promise<string> =>
    String(await this.call('POST', pathOf('/access/domains/{}/sync', realm), {}, 'never'));

  getPermissions = async (userid?: string, path?: string): Promise<Record<string, Record<string, number>>> => {
    const data = await this.get('/access/permissions', { userid, path });
    return Object.fromEntries(Object.entries(data).map(([p, privs]) => [p, asNumberMap(privs)]));
  };

  /** Pulls the one-time secret out of a create or regenerate answer and hands it to `onSecret` first. */
  private secretOf(method: string, path: string, userid: string, tokenid: string, data: unknown): TokenSecret {
    const answer = (data ?? {}) as Record<string, unknown>;
    if (typeof answer.value !== 'string' || answer.value === '') {
      throw new ActionError(`${method} ${path}: the answer carried no token secret`);
    }
    this.onSecret(answer.value);
    const fullTokenId = typeof answer['full-tokenid'] === 'string' ? answer['full-tokenid'] : `${userid}!${tokenid}`;
    return { fullTokenId, value: answer.value };
  }
}

const nonEmpty = (list: readonly string[] | undefined): readonly string[] | undefined => (list && list.length > 0 ? list : undefined);

function userParams(fields: UserWrite): Params {
  const { enable, expire, comment, email, firstname, lastname, groups } = fields;
  return { enable, expire, comment, email, firstname, lastname, groups };
}

function poolParams(poolid: string, write: PoolWrite): Params {
  return {
    poolid,
    comment: write.comment,
    vms: write.vms?.map(String),
    storage: write.storage,
    delete: write.delete === true ? true : undefined,
    'allow-move': write.allowMove === true ? true : undefined,
  };
}

function tokenParams(fields: TokenWrite): Params {
  const { privsep, expire, comment } = fields;
  return { privsep, expire, comment };
}
