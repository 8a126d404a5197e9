/**
 * A bare HTTPS client for talking to the PVE simulator the way a PVE client does on the wire:
 * it trusts exactly the simulator's certificate, sends form-encoded bodies (a list value repeats
 * the key), and hands back status, reason phrase and the parsed body. Tickets come from a real
 * `POST /access/ticket`.
 */
import https from 'node:https';
import type { PveSimulator } from './index.js';

/** Form parameters; a list repeats the key. */
export type FormParams = Readonly<Record<string, string | readonly string[]>>;

/** What came back, as the client saw it. */
export interface WireAnswer {
  readonly status: number;
  readonly reason: string;
  readonly text: string;
  /** The parsed JSON body; null when there was none. */
  readonly body: unknown;
}

/** Parameters, headers or a raw body for one request. */
export interface WireRequest {
  readonly params?: FormParams;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as the body as-is (also on GET), instead of form-encoded `params`. */
  readonly rawBody?: string;
}

/** `application/x-www-form-urlencoded`, a list value as a repeated key. */
export function encodeForm(params: FormParams): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of typeof value === 'string' ? [value] : value) form.append(key, item);
  }
  return form.toString();
}

/** Encodes each segment of an API path, so ids with `@`, `!` or spaces survive. */
export const apiPath = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

/** A keep-alive HTTPS client that trusts only the simulator's certificate. */
export class PveWire {
  readonly #agent: https.Agent;
  constructor(private readonly sim: PveSimulator) {
    this.#agent = new https.Agent({ ca: sim.certificatePem, keepAlive: true });
  }

  request(method: string, path: string, request: WireRequest = {}): Promise<WireAnswer> {
    const form = request.params ? encodeForm(request.params) : '';
    const inQuery = method === 'GET' || method === 'DELETE';
    const url = new URL(`/api2/json${apiPath(path)}`, this.sim.url);
    if (inQuery && form !== '') url.search = form;
    const body = request.rawBody ?? (inQuery ? '' : form);
    return new Promise((resolve, reject) => {
      const req = https.request(
        url,
        {
          method,
          agent: this.#agent,
          headers: {
            ...(inQuery ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
            ...(body === '' ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
            ...request.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, reason: res.statusMessage ?? '', text, body: text === '' ? null : JSON.parse(text) });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Logs in with a password; the ticket and CSRF token for later requests. */
  async login(username: string, password: string): Promise<{ ticket: string; csrf: string }> {
    const answer = await this.request('POST', '/access/ticket', { params: { username, password } });
    const data = (answer.body as { data?: { ticket?: string; CSRFPreventionToken?: string } } | null)?.data;
    if (answer.status !== 200 || !data?.ticket || !data.CSRFPreventionToken) {
      throw new Error(`login as ${username} failed: ${answer.status} ${answer.reason}`);
    }
    return { ticket: data.ticket, csrf: data.CSRFPreventionToken };
  }

  close(): void {
    this.#agent.destroy();
  }
}

/** Headers for a ticket request; the CSRF token only where PVE wants it. */
export const ticketHeaders = (method: string, session: { ticket: string; csrf: string }): Record<string, string> => ({
  cookie: `PVEAuthCookie=${encodeURIComponent(session.ticket)}`,
  ...(method === 'GET' ? {} : { CSRFPreventionToken: session.csrf }),
});

/** The Authorization header of an API token. */
export const tokenHeaders = (fullTokenId: string, secret: string): Record<string, string> => ({
  authorization: `PVEAPIToken=${fullTokenId}=${secret}`,
});
