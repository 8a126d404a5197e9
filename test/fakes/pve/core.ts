/**
 * The simulator without its network: state, version, tickets, and the two ways in — `call`
 * for requests the HTTPS server has authenticated, `exec` for in-process callers acting as an
 * identity. Answers are turned into PVE's JSON envelope here, once for both.
 */
import { randomUUID } from 'node:crypto';
import { userEnabled } from './auth.js';
import type { PveError } from './errors.js';
import { parseTokenId, ROOT } from './ids.js';
import type { RawParams, RawValue } from './params.js';
import { dispatch, type ApiAnswer, type ApiCall, type Environment } from './router.js';
import { PveState } from './state.js';
import { TicketAuthority } from './tickets.js';
import { resolveFeatures, type PveFeatures } from './version.js';

/** One answer as the client sees it: status, reason phrase, JSON body (null: no body). */
export interface PveResponse {
  readonly status: number;
  readonly reason: string;
  readonly body: Record<string, unknown> | null;
}

const STANDARD_REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  500: 'Internal Server Error',
  501: 'Not Implemented',
};

/** The standard HTTP reason phrase, for answers without a message. */
export const standardReason = (status: number): string => STANDARD_REASONS[status] ?? 'Error';

/** The reason phrase is the first line of the message. */
export const firstLine = (message: string): string => message.split('\n')[0] ?? '';

/** State, version and tickets of one simulator, and its two entry points. */
export class PveCore implements Environment {
  readonly features: PveFeatures;
  readonly state: PveState;
  readonly tickets: TicketAuthority;
  readonly now = (): number => Math.floor(Date.now() / 1000);
  /** Every token secret generated, in order, including those whose answer was lost. */
  readonly issuedSecrets: string[] = [];
  readonly newSecret = (): string => {
    const secret = randomUUID();
    this.issuedSecrets.push(secret);
    return secret;
  };

  constructor(version: string, rootPassword: string) {
    this.features = resolveFeatures(version);
    this.state = new PveState(this.features.builtinRoles, this.features.privileges, rootPassword);
    this.tickets = new TicketAuthority(this.now);
  }

  call(call: ApiCall): PveResponse {
    return this.respond(dispatch(this, call));
  }

  /** PVE's envelope: `{data}`, plus `message` (8.3+) and `errors` on failures. */
  respond(answer: ApiAnswer): PveResponse {
    if (!('error' in answer)) return { status: 200, reason: 'OK', body: { data: answer.data } };
    return this.errorResponse(answer.error);
  }

  errorResponse(error: PveError): PveResponse {
    const body: Record<string, unknown> = { data: null };
    if (this.features.errorMessageInBody) body.message = error.message;
    if (error.errors && Object.keys(error.errors).length > 0) body.errors = { ...error.errors };
    return { status: error.status, reason: firstLine(error.message) || standardReason(error.status), body };
  }

  /** Runs a request in-process as `as` (default root@pam), with PVE's account checks but no secret. */
  exec(method: string, path: string, params: Record<string, unknown> = {}, as: string = ROOT): { status: number; body: unknown } {
    if (!this.#accountUsable(as)) return { status: 401, body: null };
    const [rawPath = '', query] = path.split('?', 2) as [string, string | undefined];
    const relUri = decodePath(rawPath.replace(/^\/api2\/json(?=\/|$)/, ''));
    const merged: Record<string, RawValue> = { ...toRawParams(params) };
    for (const [key, value] of new URLSearchParams(query ?? '')) merged[key] = value;
    const response = this.call({
      method: method.toUpperCase(),
      relUri,
      params: merged,
      authid: as,
      apiToken: parseTokenId(as) !== undefined,
    });
    return { status: response.status, body: response.body };
  }

  #accountUsable(identity: string): boolean {
    const now = this.now();
    const token = parseTokenId(identity);
    if (!token) return userEnabled(this.state, identity, now);
    const info = this.state.token(token.userid, token.tokenid);
    return userEnabled(this.state, token.userid, now) && info !== undefined && !(info.expire && info.expire < now);
  }
}

/** URL-decodes an API path; a malformed escape is left as it is. */
export function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** In-process parameters: booleans become 1/0, numbers strings, arrays repeated keys; null/undefined are left out. */
export function toRawParams(params: Record<string, unknown>): RawParams {
  const out: Record<string, RawValue> = {};
  const scalar = (value: unknown): string => (typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    out[key] = Array.isArray(value) ? value.filter((v) => v !== undefined && v !== null).map(scalar) : scalar(value);
  }
  return out;
}
