/**
 * One HTTP exchange with Vault over this client's own Agent: the `X-Vault-Token` and
 * `X-Vault-Namespace` headers, JSON bodies, a timeout, and a debug line with method, path,
 * status and duration. Headers and bodies never reach the log: they carry the token and secrets.
 */
import type { Agent } from 'undici';
import type { Logger } from '../log.js';
import { oneLine } from '../log-line.js';
import { errorCode, isTransientNetworkError } from '../network-failure.js';
import { VaultApiError, VaultPermissionDenied, VaultSealed, VaultTransportError } from './errors.js';

export type VaultMethod = 'GET' | 'POST' | 'DELETE';

export interface VaultRequest {
  readonly method: VaultMethod;
  /** The API path below `/v1/`, unencoded, e.g. `secret/data/proxmox/terraform`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** Left out for the login, which is what produces a token. */
  readonly token?: string | undefined;
  /** Sees the parsed answer before anything is logged: the login masks its new token here. */
  readonly onAnswer?: ((json: unknown) => void) | undefined;
}

export interface VaultResponse {
  readonly status: number;
  /** The parsed JSON answer; undefined for 204 or an empty body. */
  readonly json: unknown;
}

export interface VaultTransportOptions {
  /** `https://vault.example.com:8200`, plus a path prefix when Vault sits behind one. */
  readonly origin: string;
  readonly basePath: string;
  readonly namespace: string | undefined;
  readonly agent: Agent;
  readonly timeoutMs: number;
  readonly logger: Logger;
}

export class VaultTransport {
  constructor(private readonly options: VaultTransportOptions) {}

  async send(request: VaultRequest): Promise<VaultResponse> {
    const { origin, basePath, namespace, agent, timeoutMs, logger } = this.options;
    const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : '';
    const shown = `${oneLine(request.path)}${query}`;
    const started = performance.now();
    try {
      const response = await agent.request({
        origin,
        path: `${basePath}/v1/${encodePath(request.path)}${query}`,
        method: request.method,
        headers: {
          accept: 'application/json',
          ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(request.token !== undefined ? { 'x-vault-token': request.token } : {}),
          ...(namespace ? { 'x-vault-namespace': namespace } : {}),
        },
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const json = parseJson(await response.body.text());
      request.onAnswer?.(json);
      logger.debug(`Vault ${request.method} ${shown} → ${response.statusCode} (${elapsed(started)} ms)`);
      return { status: response.statusCode, json };
    } catch (err) {
      const code = errorCode(err);
      logger.debug(`Vault ${request.method} ${shown} → no answer after ${elapsed(started)} ms (${oneLine(code)})`);
      throw new VaultTransportError(request.method, request.path, describeFailure(err), isTransientNetworkError(err), {
        cause: err,
      });
    }
  }
}

/** Each segment percent-encoded; the slashes between them stay. */
const encodePath = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

const elapsed = (started: number): number => Math.round(performance.now() - started);

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A proxy's HTML error page: the status still tells what happened.
    return undefined;
  }
}

/**
 * Vault's error texts. Its ACL layer formats several reasons as one multi-line string
 * (`1 error occurred:\n\t* permission denied\n\n`); each reason becomes one entry here.
 */
export function errorReasons(json: unknown): string[] {
  const errors = (json as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter((e): e is string => typeof e === 'string')
    .flatMap((e) => {
      const items = [...e.matchAll(/^\s*\*\s+(.+)$/gm)].map((m) => m[1]!.trim());
      return /^\d+ errors? occurred:/.test(e) && items.length > 0 ? items : [e.trim()];
    })
    .filter((e) => e !== '');
}

/** The typed error for an answer that is not a success. */
export function toVaultError(method: string, path: string, response: VaultResponse): VaultApiError {
  const reasons = errorReasons(response.json);
  if (response.status === 503 && reasons.some((r) => /sealed/i.test(r))) return new VaultSealed(method, path, reasons);
  if (response.status === 403) return new VaultPermissionDenied(method, path, reasons, reasons.includes('invalid token'));
  return new VaultApiError(method, path, response.status, reasons);
}

function describeFailure(err: unknown): string {
  const code = errorCode(err);
  const text = oneLine(err instanceof Error ? err.message : String(err));
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connect timeout: Vault did not accept the connection in time';
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return 'timeout: Vault did not answer in time';
    case 'ERR_PROXMOX_CERT_PIN':
      return `TLS: ${text}`;
    default:
      if (/certificate|self[- ]signed|SSL|TLS|altname/i.test(`${code} ${text}`)) {
        return `TLS verification failed (${oneLine(code)}): ${text}; trust Vault's certificate with a CA certificate or pin its fingerprint`;
      }
      return `${text} (${oneLine(code)})`;
  }
}
