/**
 * The two ways to authenticate against PVE: an API token sent with every request, or a ticket
 * from `POST /access/ticket` sent as the `PVEAuthCookie` cookie, plus the CSRF token on every
 * non-GET. Credentials live only in these objects; errors name the identity, never a secret.
 */
import { ActionError, ProxmoxApiError } from '../errors.js';
import { tokenIdProblem } from '../model/identity.js';
import type { Params } from './encode.js';
import type { HttpMethod } from './transport.js';

/** `{ tokenId, secret }` for an API token (`user@realm!name` and its UUID), or a user's password. */
export type ProxmoxCredentials =
  { readonly tokenId: string; readonly secret: string } | { readonly username: string; readonly password: string };

export type CredentialKind = 'api-token' | 'password';

/** PVE refused the credentials (HTTP 401). The message says which kind and whose; never the secret. */
export class ProxmoxAuthError extends ProxmoxApiError {
  constructor(
    cause: ProxmoxApiError,
    readonly credential: CredentialKind,
    readonly principal: string,
    hint: string,
  ) {
    super(cause.method, cause.path, cause.status, cause.reason, cause.errors);
    this.message = `${cause.message}: ${hint}`;
  }
}

/** Headers for one request, and the credential generation they came from. */
export interface PreparedAuth {
  readonly headers: Readonly<Record<string, string>>;
  readonly session: unknown;
}

export interface Authenticator {
  readonly kind: CredentialKind;
  /** The full token id, or the userid. */
  readonly identity: string;
  prepare(method: HttpMethod): Promise<PreparedAuth>;
  /** After a 401: whether fresh credentials were obtained, so the request may be sent once more. */
  recover(session: unknown): Promise<boolean>;
  /** The error for a 401 that recovery could not fix. */
  rejected(error: ProxmoxApiError): ProxmoxAuthError;
}

/** API-token authentication: one fixed header, no CSRF token, nothing to renew. */
export function tokenAuthenticator(tokenId: string, secret: string): Authenticator {
  // The id is checked without echoing it: a pasted `id=secret` would otherwise leak into the error.
  const problem = tokenIdProblem(tokenId);
  if (problem !== undefined) throw new ActionError(problem);
  // Accept the secret also in the `user@realm!name=secret` form PVE's UI copies.
  const bare = secret.startsWith(`${tokenId}=`) ? secret.slice(tokenId.length + 1) : secret;
  if (bare === '') throw new ActionError(`the API token ${tokenId} has an empty secret`);
  const headers = { authorization: `PVEAPIToken=${tokenId}=${bare}` };
  return {
    kind: 'api-token',
    identity: tokenId,
    prepare: async () => ({ headers, session: undefined }),
    recover: async () => false,
    rejected: (error) =>
      new ProxmoxAuthError(
        error,
        'api-token',
        tokenId,
        `the API token ${tokenId} was not accepted (wrong secret, or the token or its user is missing, disabled or expired)`,
      ),
  };
}

/** An unauthenticated form POST that returns the answer's `data`. */
export type PostForm = (path: string, form: Params) => Promise<unknown>;

interface Ticket {
  readonly ticket: string;
  readonly csrf: string;
  readonly obtainedAt: number;
}

/** PVE tickets live 2 h; renewing well before that avoids a 401 in the middle of an apply. */
export const DEFAULT_TICKET_RENEW_AFTER_MS = 90 * 60 * 1000;

/** Ticket authentication with single-flight login, renewal before expiry and one re-login on 401. */
export class TicketAuthenticator implements Authenticator {
  readonly kind = 'password';
  #identity: string;
  #current: Ticket | undefined;
  #pending: Promise<Ticket> | undefined;

  constructor(
    private readonly username: string,
    private readonly password: string,
    private readonly post: PostForm,
    private readonly now: () => number = Date.now,
    private readonly renewAfterMs: number = DEFAULT_TICKET_RENEW_AFTER_MS,
  ) {
    this.#identity = username;
  }

  get identity(): string {
    return this.#identity;
  }

  async prepare(method: HttpMethod): Promise<PreparedAuth> {
    const ticket = await this.#ticket();
    const headers: Record<string, string> = { cookie: `PVEAuthCookie=${ticket.ticket}` };
    if (method !== 'GET') headers.CSRFPreventionToken = ticket.csrf;
    return { headers, session: ticket };
  }

  async recover(session: unknown): Promise<boolean> {
    // Parallel requests share one ticket: only the first 401 drops it, the rest reuse the new one.
    if (session === this.#current) this.#current = undefined;
    return true;
  }

  rejected(error: ProxmoxApiError): ProxmoxAuthError {
    return new ProxmoxAuthError(error, 'password', this.username, `the ticket of ${this.username} was refused even after logging in again`);
  }

  /** Logs in now; the client calls this once at creation so bad credentials fail early. */
  async login(): Promise<void> {
    await this.#ticket();
  }

  #ticket(): Promise<Ticket> {
    const current = this.#current;
    if (current && this.now() - current.obtainedAt < this.renewAfterMs) return Promise.resolve(current);
    this.#pending ??= this.#login().finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  async #login(): Promise<Ticket> {
    let data: unknown;
    try {
      data = await this.post('/access/ticket', { username: this.username, password: this.password });
    } catch (err) {
      if (err instanceof ProxmoxApiError && err.status === 401) {
        throw new ProxmoxAuthError(
          err,
          'password',
          this.username,
          `login as ${this.username} with username and password failed (wrong password, or the user is unknown, disabled or expired)`,
        );
      }
      throw err;
    }
    const answer = (data ?? {}) as Record<string, unknown>;
    if (answer.NeedTFA !== undefined && String(answer.NeedTFA) === '1') {
      throw new ActionError(`${this.username} needs a second factor to log in; use an API token for automation`);
    }
    if (typeof answer.ticket !== 'string' || typeof answer.CSRFPreventionToken !== 'string') {
      throw new ActionError(`the login answer for ${this.username} carried no ticket`);
    }
    if (typeof answer.username === 'string' && answer.username !== '') this.#identity = answer.username;
    this.#current = { ticket: answer.ticket, csrf: answer.CSRFPreventionToken, obtainedAt: this.now() };
    return this.#current;
  }
}
