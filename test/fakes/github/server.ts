/**
 * A stateful GitHub REST fake on loopback. Route modules (secrets, comments, issues, pulls)
 * register handlers; the core does routing, auth, token permissions, JSON errors and a request log.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a token may do; GITHUB_TOKEN has no `secrets`, a fork PR's token is read-only. */
export interface TokenGrant {
  readonly secrets?: boolean;
  readonly environments?: boolean;
  readonly orgSecrets?: boolean;
  readonly issues?: 'read' | 'write';
  readonly pullRequests?: 'read' | 'write';
  readonly contents?: 'read' | 'write';
  /** Who the token acts as (comment and issue authors); default `github-actions[bot]`. */
  readonly login?: string;
}

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: unknown;
  readonly rawBody: string;
  readonly token: string | undefined;
  readonly grant: TokenGrant | undefined;
}

export interface FakeResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export type Handler = (req: FakeRequest, params: Record<string, string>) => FakeResponse | Promise<FakeResponse>;

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly status: number;
  readonly body: string;
  readonly authorization: string | undefined;
}

/** Inject a one-shot answer for the next matching request (fault tests). */
export interface Fault {
  readonly method: string;
  readonly path: RegExp;
  readonly response: FakeResponse;
  /** How many requests it answers; default 1. */
  times?: number;
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly tokens = new Map<string, TokenGrant>();
  readonly faults: Fault[] = [];
  private readonly routes: { method: string; pattern: RegExp; keys: string[]; handler: Handler }[] = [];
  private server: http.Server | undefined;
  origin = '';

  /** `path` uses `{name}` placeholders, as GitHub's API description does; `{name+}` also spans slashes (a file path). */
  route(method: string, path: string, handler: Handler): void {
    const keys: string[] = [];
    const source = path.replace(/\{([^}+]+)(\+?)\}/g, (_m, k: string, rest: string) => {
      keys.push(k);
      return rest === '+' ? '(.+)' : '([^/]+)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler });
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  /** Every body the fake received or sent, joined: tests search it for leaked secrets. */
  transcript(): string {
    return this.requests.map((r) => `${r.method} ${r.path}?${r.query}\n${r.body}`).join('\n');
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.origin);
    const auth = req.headers.authorization;
    const token = auth?.replace(/^(token|bearer)\s+/i, '');
    let response: FakeResponse;
    try {
      response = await this.dispatch({
        method: req.method ?? 'GET',
        path: decodeURI(url.pathname),
        query: url.searchParams,
        headers: req.headers,
        rawBody,
        body: rawBody ? (JSON.parse(rawBody) as unknown) : undefined,
        token,
        grant: token === undefined ? undefined : this.tokens.get(token),
      });
    } catch (err) {
      response = { status: 500, body: { message: String(err) } };
    }
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams.toString(),
      status: response.status,
      body: rawBody,
      authorization: auth,
    });
    const payload = response.body === undefined ? '' : JSON.stringify(response.body);
    res.writeHead(response.status, {
      ...(payload ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      ...response.headers,
    });
    res.end(payload);
  }

  private async dispatch(req: FakeRequest): Promise<FakeResponse> {
    const fault = this.faults.find((f) => f.method === req.method && f.path.test(req.path));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      return fault.response;
    }
    if (!req.token || !req.grant) return error(401, 'Bad credentials');
    for (const r of this.routes) {
      if (r.method !== req.method) continue;
      const m = r.pattern.exec(req.path);
      if (!m) continue;
      const params: Record<string, string> = {};
      r.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1]!)));
      return r.handler(req, params);
    }
    return error(404, 'Not Found');
  }
}

export function error(status: number, message: string, errors?: unknown[]): FakeResponse {
  return {
    status,
    body: {
      message,
      documentation_url: 'https://docs.github.com/rest',
      status: String(status),
      ...(errors ? { errors } : {}),
    },
  };
}

export const forbidden = (): FakeResponse => error(403, 'Resource not accessible by integration');

/** Pages a list with `per_page`/`page` and an absolute `Link` header, as octokit.paginate expects. */
export function paginate<T>(req: FakeRequest, origin: string, items: readonly T[], wrap?: (page: T[]) => unknown): FakeResponse {
  const perPage = Math.min(Number(req.query.get('per_page') ?? 30), 100);
  const page = Math.max(Number(req.query.get('page') ?? 1), 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const headers: Record<string, string> = {};
  if (page * perPage < items.length) {
    const next = new URL(req.path, origin);
    req.query.forEach((v, k) => next.searchParams.set(k, v));
    next.searchParams.set('page', String(page + 1));
    next.searchParams.set('per_page', String(perPage));
    headers.link = `<${next.toString()}>; rel="next"`;
  }
  return { status: 200, body: wrap ? wrap(slice) : slice, headers };
}
