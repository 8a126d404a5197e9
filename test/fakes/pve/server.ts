/**
 * The simulator's HTTPS front: `/api2/json` routing, body limits and content types, credentials
 * and CSRF, injected latency and faults, and a log of every request. Authentication failures
 * are 401s with only a reason phrase and no body, as pveproxy sends them (without its 3 s delay).
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate, readCredentials } from './auth.js';
import type { SimulatorCertificate } from './cert.js';
import { decodePath, standardReason, type PveCore, type PveResponse } from './core.js';
import { lockTimeout, PveError } from './errors.js';
import { decodeJsonBody, decodeUrlencoded } from './form.js';
import type { RawParams } from './params.js';
import { findRoute } from './router.js';

/** A fault to inject into matching HTTP requests. */
export interface PveFault {
  /** Any method when left out. */
  readonly method?: string;
  /** The API path below `/api2/json` (exact, without query), or a pattern tested against it. */
  readonly path: string | RegExp;
  /**
   * `lock-timeout`: PVE's cfs-lock timeout answer, nothing changes. `reset-before`: the socket
   * is destroyed before the request is handled. `reset-after`: the request is applied, then the
   * socket is destroyed (the answer is lost). `status`: answer `status` with `message`, nothing
   * changes. `status-after`: the request is applied, then answered with `status` and `message`
   * (a gateway that lost the server's answer). `meanwhile`: `meanwhile` runs in-process first (an
   * administrator editing the cluster between two requests), then the request is handled as usual.
   */
  readonly kind: 'lock-timeout' | 'reset-before' | 'reset-after' | 'status' | 'status-after' | 'meanwhile';
  /** For `meanwhile`: what happens on the cluster just before the matching request is handled. */
  readonly meanwhile?: (exec: PveCore['exec']) => void;
  readonly status?: number;
  readonly message?: string;
  /** How many matching requests it affects; default 1. */
  readonly times?: number;
  /** How many matching requests pass untouched before it applies (the second of two writes); default 0. */
  readonly skip?: number;
}

/** One entry of the request log. */
export interface RecordedRequest {
  readonly method: string;
  /** URL-decoded path below `/api2/json`, plus the raw query string when there is one. */
  readonly path: string;
  /** The raw request body. */
  readonly body: string;
  /** 0 when the connection was dropped instead of answered. */
  status: number;
  /** Which TLS connection carried it: 1 for the first the server accepted, and so on. */
  readonly connection: number;
}

const API_PREFIX = '/api2/json';

const normalizeRelUri = (relUri: string): string => relUri.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

/** Node refuses reason phrases with characters outside Latin-1 or control characters. */
const safeReason = (reason: string): string => reason.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');

/** The HTTPS server in front of a PveCore. */
export class PveHttpServer {
  readonly requests: RecordedRequest[] = [];
  latencyMs: number;
  readonly #faults: { fault: PveFault; remaining: number; skip: number }[] = [];
  readonly #connections = new WeakMap<object, number>();
  #connectionCount = 0;
  #server: https.Server | undefined;
  url = '';

  private constructor(
    private readonly core: PveCore,
    latencyMs: number,
  ) {
    this.latencyMs = latencyMs;
  }

  static async start(core: PveCore, certificate: SimulatorCertificate, latencyMs: number): Promise<PveHttpServer> {
    const instance = new PveHttpServer(core, latencyMs);
    const server = https.createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
      instance.#handle(req, res).catch(() => req.socket.destroy());
    });
    // Clients that refuse the certificate end the handshake; that is their business.
    server.on('tlsClientError', () => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    instance.#server = server;
    instance.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return instance;
  }

  inject(fault: PveFault): void {
    this.#faults.push({ fault, remaining: fault.times ?? 1, skip: fault.skip ?? 0 });
  }

  clearFaults(): void {
    this.#faults.length = 0;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #connectionOf(socket: object): number {
    let id = this.#connections.get(socket);
    if (id === undefined) this.#connections.set(socket, (id = ++this.#connectionCount));
    return id;
  }

  #takeFault(method: string, relUri: string): PveFault | undefined {
    const path = normalizeRelUri(relUri);
    const index = this.#faults.findIndex(
      ({ fault }) =>
        (fault.method === undefined || fault.method.toUpperCase() === method) &&
        (typeof fault.path === 'string' ? normalizeRelUri(fault.path) === path : fault.path.test(path)),
    );
    if (index < 0) return undefined;
    const entry = this.#faults[index]!;
    if (entry.skip > 0) {
      entry.skip -= 1;
      return undefined;
    }
    if (--entry.remaining <= 0) this.#faults.splice(index, 1);
    return entry.fault;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'https://simulator.invalid');
    const relUri = url.pathname.startsWith(`${API_PREFIX}/`) ? decodePath(url.pathname.slice(API_PREFIX.length)) : undefined;
    const record: RecordedRequest = {
      method,
      path: `${relUri ?? decodePath(url.pathname)}${url.search}`,
      body: raw.toString('utf8'),
      status: 0,
      connection: this.#connectionOf(req.socket),
    };
    this.requests.push(record);
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const fault = relUri === undefined ? undefined : this.#takeFault(method, relUri);
    if (fault?.kind === 'meanwhile') fault.meanwhile?.((...args) => this.core.exec(...args));
    if (fault?.kind === 'reset-before') {
      req.socket.destroy();
      return;
    }
    let response = this.#answer(req, method, url, relUri, raw, fault);
    if (fault?.kind === 'reset-after') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status-after') response = this.#faultAnswer(fault);
    record.status = response.status;
    const text = response.body === null ? '' : JSON.stringify(response.body);
    res.writeHead(response.status, safeReason(response.reason), {
      'content-type': 'application/json;charset=UTF-8',
      'content-length': String(Buffer.byteLength(text)),
    });
    res.end(text);
  }

  #faultAnswer(fault: PveFault): PveResponse {
    const status = fault.status ?? 500;
    return this.core.errorResponse(new PveError(`${fault.message ?? standardReason(status)}\n`, status));
  }

  #answer(
    req: IncomingMessage,
    method: string,
    url: URL,
    relUri: string | undefined,
    raw: Buffer,
    fault: PveFault | undefined,
  ): PveResponse {
    const bare = (status: number, reason: string): PveResponse => ({ status, reason, body: null });
    if (relUri === undefined) return bare(404, 'Not Found');
    if (raw.length > this.core.features.maxBodyBytes) return bare(501, 'for data too large');
    let params: RawParams;
    if (method === 'GET' || method === 'DELETE') {
      if (raw.length > 0) return bare(501, `Unexpected content for method '${method}'`);
      params = decodeUrlencoded(url.search.slice(1));
    } else {
      const contentType = (req.headers['content-type'] ?? 'application/x-www-form-urlencoded').split(';')[0]!.trim().toLowerCase();
      let body: RawParams;
      if (contentType === 'application/x-www-form-urlencoded') {
        body = decodeUrlencoded(raw.toString('utf8'));
      } else if (contentType === 'application/json') {
        try {
          body = decodeJsonBody(raw.toString('utf8'));
        } catch {
          return bare(400, 'malformed JSON body');
        }
      } else {
        return bare(506, `upload 'Content-Type '${contentType}' not implemented`);
      }
      // Query parameters win over body keys of the same name.
      params = { ...body, ...decodeUrlencoded(url.search.slice(1)) };
    }
    const csrfHeader = req.headers.csrfpreventiontoken;
    const auth = authenticate(this.core.state, this.core.tickets, this.core.now(), {
      method,
      relUri,
      credentials: readCredentials(req.headers.cookie, req.headers.authorization),
      csrfToken: Array.isArray(csrfHeader) ? csrfHeader[0] : csrfHeader,
      revealReason: this.core.features.authFailureReason,
    });
    if (!auth.ok) return bare(401, auth.reason);
    if (fault?.kind === 'lock-timeout') {
      return this.core.errorResponse(lockTimeout(findRoute(method, relUri)?.route.lockLabel));
    }
    if (fault?.kind === 'status') return this.#faultAnswer(fault);
    return this.core.call({ method, relUri, params, authid: auth.authid, apiToken: auth.apiToken });
  }
}
