/**
 * One HTTP exchange with the PVE API over this client's keep-alive Agent: counts it, times it,
 * logs method, path, status and duration at debug level, and nothing else. Headers and bodies
 * never reach the log, because they carry credentials and, for token creates, secrets.
 */
import type { Agent } from 'undici';
import { TransportError } from '../errors.js';
import type { Logger } from '../log.js';
import { describeNetworkFailure, errorCode, isTransientNetworkError, networkFailure } from '../network-failure.js';
import { encodeForm, type Params } from './encode.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Timeouts {
  /** TCP connect plus TLS handshake. */
  readonly connectMs: number;
  /** From sending the request until the response headers arrive. */
  readonly headersMs: number;
  /** Longest pause while the body streams in. */
  readonly bodyMs: number;
}

export interface HttpRequest {
  readonly method: HttpMethod;
  /** The API path, e.g. `/access/users`; also what errors and logs show. */
  readonly path: string;
  /** GET and DELETE send parameters here (PVE refuses a body on them). */
  readonly query?: Params;
  /** POST and PUT send parameters here, form-encoded. */
  readonly form?: Params;
  readonly headers: Readonly<Record<string, string>>;
}

export interface HttpResponse {
  readonly status: number;
  /** The HTTP reason phrase; PVE puts the first line of its error message there. */
  readonly statusText: string;
  readonly text: string;
}

export interface TransportOptions {
  /** `https://host:8006` plus the API prefix, e.g. `/api2/json`. */
  readonly origin: string;
  readonly basePath: string;
  readonly agent: Agent;
  readonly timeouts: Timeouts;
  readonly logger: Logger;
}

/** Sends single requests; retries and authentication live above it. */
export class HttpTransport {
  #count = 0;
  /** Whether the server has answered anything yet: until it has, a refused connection is a wrong address, not a hiccup. */
  #answered = false;
  constructor(private readonly options: TransportOptions) {}

  /** HTTP requests sent so far, retries and logins included. */
  get requestCount(): number {
    return this.#count;
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const { origin, basePath, agent, timeouts, logger } = this.options;
    const query = request.query ? encodeForm(request.query) : '';
    const shownPath = query ? `${request.path}?${query}` : request.path;
    const hasBody = request.method === 'POST' || request.method === 'PUT';
    const started = performance.now();
    this.#count++;
    try {
      const response = await agent.request({
        origin,
        path: `${basePath}${shownPath}`,
        method: request.method,
        headers: {
          accept: 'application/json',
          ...(hasBody ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...request.headers,
        },
        ...(hasBody ? { body: encodeForm(request.form ?? {}) } : {}),
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyMs,
      });
      this.#answered = true;
      const text = await response.body.text();
      logger.debug(`${request.method} ${shownPath} → ${response.statusCode} (${elapsed(started)} ms)`);
      return { status: response.statusCode, statusText: response.statusText ?? '', text };
    } catch (err) {
      logger.debug(`${request.method} ${shownPath} → no answer after ${elapsed(started)} ms (${errorCode(err)})`);
      const unreachable = this.#answered ? undefined : networkFailure(err);
      if (unreachable) throw new ProxmoxUnreachableError(request.method, request.path, origin, describeNetworkFailure(unreachable), err);
      throw new TransportError(request.method, request.path, describeTransportFailure(err), { cause: err });
    }
  }
}

/**
 * The server could not be reached before it ever answered: a wrong address, port or network, so
 * repeating the request (or the other requests of the same read) would only repeat the failure.
 */
export class ProxmoxUnreachableError extends TransportError {
  constructor(method: string, path: string, origin: string, reason: string, cause: unknown) {
    super(method, path, reason, { cause });
    this.message = `could not reach Proxmox at ${origin}: ${reason}; is proxmox-url right, and is its port open to this machine?`;
  }
}

const elapsed = (started: number): number => Math.round(performance.now() - started);

/** Whether a transport failure is worth another attempt (for idempotent requests only). */
export const isTransientTransportError = (err: TransportError): boolean => isTransientNetworkError(err.cause);

function describeTransportFailure(err: unknown): string {
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connect timeout: the server did not accept the connection in time';
    case 'UND_ERR_HEADERS_TIMEOUT':
      return 'timeout waiting for the response headers';
    case 'UND_ERR_BODY_TIMEOUT':
      return 'timeout while reading the response body';
    case 'ERR_PROXMOX_CERT_PIN':
      return `TLS: ${message}`;
    default:
      if (/certificate|self[- ]signed|SSL|TLS|altname/i.test(`${code} ${message}`)) {
        return `TLS verification failed (${code}): ${withoutNodeHint(message)}; ${TLS_ADVICE}`;
      }
      return `${message} (${code})`;
  }
}

/** What the user can set to trust the server; the CLI words these input names as its own flags. */
const TLS_ADVICE =
  'pin the certificate with `proxmox-fingerprint` (its SHA-256 fingerprint, shown in the Proxmox UI under Certificates) or trust its CA with `proxmox-ca-cert`';

/** Node appends advice about its own command line (`--use-system-ca`), which is no option of ours. */
const withoutNodeHint = (message: string): string => message.replace(/;?\s*if the root CA is installed locally,[^;]*/i, '');
