/**
 * HashiCorp Vault / OpenBao over HTTPS, for delivering token secrets into KV version 2:
 * `createVaultClient` wires TLS trust (the same rules as for Proxmox, on this client's own Agent
 * only), the namespace, timeouts and read retries; the client logs in with a JWT or takes a
 * token, checks its capabilities, reads and writes secrets with check-and-set, and revokes the
 * token it logged in with. docs/vault.md describes the behaviour.
 */
import { Agent } from 'undici';
import type { Logger } from '../log.js';
import { oneLine } from '../log-line.js';
import { buildTlsConnector, type TlsOptions } from '../proxmox/tls.js';
import { VaultCasConflict, VaultError, VaultLoginRefused, VaultMountError, VaultPermissionDenied } from './errors.js';
import { loginRefusal, parseLogin, type VaultLogin } from './login.js';
import { currentVersionLive, kv2Current, kvV1Refusal, kvVersionOf, writtenVersion, type Kv2Current } from './kv2-answers.js';
import { kv2DataPath, kv2MetadataPath } from './preflight-paths.js';
import { DEFAULT_ATTEMPTS, DEFAULT_BASE_DELAY_MS, withReadRetries, type VaultRetryOptions } from './retry.js';
import type { VaultTarget } from '../spec/vault-target.js';
import { parseVaultUrl } from './url.js';
import { toVaultError, VaultTransport, type VaultMethod, type VaultResponse } from './transport.js';

export interface VaultClientOptions {
  /** `https://vault.example.com:8200`; plain `http://` only to a loopback address. */
  readonly url: string;
  /** Enterprise / OpenBao namespace, sent as `X-Vault-Namespace` on every request. */
  readonly namespace?: string | undefined;
  readonly tls: TlsOptions;
  /** Bounds connecting, waiting for an answer, and each pause while it streams in. */
  readonly timeoutMs: number;
  /** Debug lines: method, path, status, duration. Never headers, bodies or tokens. */
  readonly logger: Logger;
  /** Called with every token the moment the client holds it (`core.setSecret`). */
  readonly mask: (value: string) => void;
  /** Injected for tests: backoff waits and the number of attempts of a read. */
  readonly retry?: Partial<Pick<VaultRetryOptions, 'attempts' | 'baseDelayMs' | 'sleep'>> | undefined;
}

/** What `lookupSelf` tells about the client's token (never the token itself). */
export interface VaultTokenInfo {
  readonly displayName: string;
  readonly policies: readonly string[];
  /** Seconds left; 0 for a token that does not expire. */
  readonly ttlSeconds: number;
}

/** What `revokeSelf` did: ended the token, found it gone, or left a token it did not create. */
export type RevokeOutcome = 'revoked' | 'already-gone' | 'not-owned' | 'no-token';

/** The result of a KV version 2 merge write. */
export interface Kv2Written {
  /** The version this write created. */
  readonly version: number;
  /** The version it was written over (0 when the secret did not exist). */
  readonly previousVersion: number;
}

export interface VaultClient {
  /** JWT login at `auth/{mount}/login`; masks the JWT and, at once, the token Vault returns. */
  loginWithJwt(options: { readonly mount?: string; readonly role: string; readonly jwt: string }): Promise<VaultLogin>;
  /** Uses a token given to the action; it is masked, and `revokeSelf` leaves it alone. */
  useToken(token: string): void;
  lookupSelf(): Promise<VaultTokenInfo>;
  /** Revokes the token from `loginWithJwt`; a second call, or a static token, does nothing. */
  revokeSelf(): Promise<RevokeOutcome>;
  /** `sys/capabilities-self`: what the token may do on each path. */
  capabilitiesSelf(paths: readonly string[]): Promise<Record<string, string[]>>;
  /** The KV version of a mount; throws VaultMountError when it is missing, hidden or not KV. */
  kvVersion(mount: string): Promise<1 | 2>;
  /** The current version and fields of a KV version 2 secret (version 0 when there is none). */
  readSecret(target: Pick<VaultTarget, 'mount' | 'path'>): Promise<Kv2Current>;
  /**
   * Merges `fields` over the secret's current fields and writes them with check-and-set on the
   * version read; throws VaultCasConflict when another writer came in between (nothing written).
   */
  writeFields(target: Pick<VaultTarget, 'mount' | 'path'>, fields: Readonly<Record<string, string>>): Promise<Kv2Written>;
  /** Whether the secret's current version is there, from its metadata only (never its value). */
  targetExists(target: Pick<VaultTarget, 'mount' | 'path'>): Promise<boolean>;
  close(): Promise<void>;
}

export async function createVaultClient(options: VaultClientOptions): Promise<VaultClient> {
  const { origin, basePath } = parseVaultUrl(options.url);
  const connect = await buildTlsConnector(options.tls, options.timeoutMs);
  const agent = new Agent({ connect, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
  const namespace = options.namespace?.trim().replace(/^\/+|\/+$/g, '') || undefined;
  const transport = new VaultTransport({ origin, basePath, namespace, agent, timeoutMs: options.timeoutMs, logger: options.logger });
  const retry: VaultRetryOptions = {
    attempts: options.retry?.attempts ?? DEFAULT_ATTEMPTS,
    baseDelayMs: options.retry?.baseDelayMs ?? DEFAULT_BASE_DELAY_MS,
    sleep: options.retry?.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    logger: options.logger,
  };
  return new Client(transport, agent, retry, options.logger, options.mask, namespace);
}

class Client implements VaultClient {
  #token: string | undefined;
  /** Whether this client created the token (a login), and so ends it. */
  #owned = false;
  readonly #kvVersions = new Map<string, Promise<1 | 2>>();

  constructor(
    private readonly transport: VaultTransport,
    private readonly agent: Agent,
    private readonly retry: VaultRetryOptions,
    private readonly logger: Logger,
    private readonly mask: (value: string) => void,
    private readonly namespace: string | undefined,
  ) {}

  async loginWithJwt({ mount = 'jwt', role, jwt }: { mount?: string; role: string; jwt: string }): Promise<VaultLogin> {
    this.mask(jwt);
    const path = `auth/${mount}/login`;
    let parsed: ReturnType<typeof parseLogin>;
    // Sent once: a repeat after a lost answer would leave a second token alive until its TTL.
    const response = await this.transport.send({
      method: 'POST',
      path,
      body: { role, jwt },
      onAnswer: (json) => (parsed = parseLogin(json, this.mask)),
    });
    // Vault answers a login to a path with no auth method like a request without a token (400 or 403).
    if (response.status === 400 || response.status === 403) throw loginRefusal(mount, role, jwt, response.json);
    if (response.status !== 200) throw toVaultError('POST', path, response);
    if (!parsed) throw new VaultLoginRefused(mount, role, 'Vault answered the login without a client token');
    const { token, login } = parsed;
    this.#token = token;
    this.#owned = true;
    this.logger.info(
      `Vault: logged in at auth/${oneLine(mount)} with role '${oneLine(role)}' (policies ${oneLine(login.policies.join(', ') || 'none')}; valid ${login.ttlSeconds} s)`,
    );
    return login;
  }

  useToken(token: string): void {
    this.mask(token);
    this.#token = token;
    this.#owned = false;
  }

  async lookupSelf(): Promise<VaultTokenInfo> {
    const json = await this.#read('GET', 'auth/token/lookup-self');
    const data = (json as { data?: Record<string, unknown> } | undefined)?.data ?? {};
    return {
      displayName: typeof data.display_name === 'string' ? data.display_name : '',
      policies: Array.isArray(data.policies) ? data.policies.filter((p): p is string => typeof p === 'string') : [],
      ttlSeconds: typeof data.ttl === 'number' ? data.ttl : 0,
    };
  }

  async revokeSelf(): Promise<RevokeOutcome> {
    const token = this.#token;
    if (token === undefined) return 'no-token';
    if (!this.#owned) return 'not-owned';
    const response = await this.transport.send({ method: 'POST', path: 'auth/token/revoke-self', token });
    const error = response.status >= 300 ? toVaultError('POST', 'auth/token/revoke-self', response) : undefined;
    if (error && !(error instanceof VaultPermissionDenied && error.invalidToken)) throw error;
    this.#token = undefined;
    this.#owned = false;
    return error ? 'already-gone' : 'revoked';
  }

  async capabilitiesSelf(paths: readonly string[]): Promise<Record<string, string[]>> {
    if (paths.length === 0) return {};
    const json = (await this.#read('POST', 'sys/capabilities-self', { paths })) as Record<string, unknown> | undefined;
    const data = (json?.data ?? {}) as Record<string, unknown>;
    const result: Record<string, string[]> = {};
    for (const path of paths) {
      const caps = data[path] ?? json?.[path];
      result[path] = Array.isArray(caps) ? caps.filter((c): c is string => typeof c === 'string') : [];
    }
    return result;
  }

  kvVersion(mount: string): Promise<1 | 2> {
    let known = this.#kvVersions.get(mount);
    if (!known) {
      known = this.#detectKv(mount);
      // A failure (sealed, network) is not remembered: a later call asks again.
      known.catch(() => this.#kvVersions.delete(mount));
      this.#kvVersions.set(mount, known);
    }
    return known;
  }

  async readSecret(target: Pick<VaultTarget, 'mount' | 'path'>): Promise<Kv2Current> {
    await this.#requireKv2(target.mount);
    const path = kv2DataPath(target);
    const response = await this.#send('GET', path, undefined, [404]);
    const current = kv2Current(response.status, response.json);
    if (!current) throw new VaultError(`Vault answered GET ${oneLine(path)} without the secret's version`);
    return current;
  }

  async writeFields(target: Pick<VaultTarget, 'mount' | 'path'>, fields: Readonly<Record<string, string>>): Promise<Kv2Written> {
    const current = await this.readSecret(target);
    const path = kv2DataPath(target);
    const body = { data: { ...current.data, ...fields }, options: { cas: current.version } };
    const response = await this.transport.send({ method: 'POST', path, body, token: this.#requireToken() });
    if (response.status === 400 && isCasMismatch(response.json)) throw new VaultCasConflict(target.mount, target.path, current.version);
    if (response.status !== 200) throw toVaultError('POST', path, response);
    const version = writtenVersion(response.json);
    if (version === undefined) throw new VaultError(`Vault answered POST ${oneLine(path)} without the version it wrote`);
    return { version, previousVersion: current.version };
  }

  async targetExists(target: Pick<VaultTarget, 'mount' | 'path'>): Promise<boolean> {
    // On KV version 1 this path would name a secret of its own and read its value.
    await this.#requireKv2(target.mount);
    const response = await this.#send('GET', kv2MetadataPath(target), undefined, [404]);
    return response.status === 200 && currentVersionLive(response.json, Date.now());
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  async #detectKv(mount: string): Promise<1 | 2> {
    const path = `sys/internal/ui/mounts/${mount}`;
    const response = await this.#send('GET', path, undefined, [400, 403, 404]);
    if (response.status !== 200) {
      const error = toVaultError('GET', path, response);
      if (error instanceof VaultPermissionDenied && error.invalidToken) throw error;
      // Vault gives the same answer for a mount that is not there and one the token cannot see.
      throw new VaultMountError(
        mount,
        'not-found',
        `no Vault mount '${oneLine(mount)}' is visible to this token: it does not exist${this.namespace ? ` in the namespace '${oneLine(this.namespace)}'` : ''}, or the token's policies grant nothing below it`,
      );
    }
    return kvVersionOf(mount, response.json);
  }

  async #requireKv2(mount: string): Promise<void> {
    if ((await this.kvVersion(mount)) === 1) throw kvV1Refusal(mount);
  }

  #requireToken(): string {
    if (this.#token === undefined) throw new VaultError('the Vault client has no token: log in first (or it was revoked)');
    return this.#token;
  }

  /** A read-only request (retried as retry.ts allows) whose answer must be a success. */
  async #read(method: VaultMethod, path: string, body?: unknown): Promise<unknown> {
    return (await this.#send(method, path, body, [])).json;
  }

  /** A read-only request with retries; statuses in `accepted` come back instead of throwing. */
  #send(method: VaultMethod, path: string, body: unknown, accepted: readonly number[]): Promise<VaultResponse> {
    const token = this.#requireToken();
    return withReadRetries(`Vault ${method} ${oneLine(path)}`, this.retry, async () => {
      const response = await this.transport.send({ method, path, token, ...(body !== undefined ? { body } : {}) });
      if ((response.status >= 200 && response.status < 300) || accepted.includes(response.status)) return response;
      throw toVaultError(method, path, response);
    });
  }
}

const isCasMismatch = (json: unknown): boolean =>
  JSON.stringify((json as { errors?: unknown } | undefined)?.errors ?? []).includes('check-and-set parameter did not match');
