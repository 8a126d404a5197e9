/**
 * The Vault fake's HTTP(S) front on loopback: reads the token from `X-Vault-Token` (or
 * `Authorization: Bearer`), the namespace from `X-Vault-Namespace`, waits the injected
 * latency, routes, answers JSON, and logs every request with both bodies. Node's HTTP parser
 * refuses the non-standard `LIST` method before any handler runs, so listings are served
 * through `GET …?list=true`, which Vault documents as the same operation.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SimulatorCertificate } from '../pve/cert.js';
import type { VaultReply } from './envelope.js';
import type { VaultFaults } from './faults.js';
import { route } from './router.js';
import type { SysWorld } from './sys.js';

/** One entry of the request log. */
export interface VaultRequestRecord {
  readonly method: string;
  /** The URL path and query as sent, e.g. `/v1/secret/data/app?version=2`. */
  readonly path: string;
  readonly namespace: string | undefined;
  /** The token the request carried, if any. */
  readonly token: string | undefined;
  /** The raw request body. */
  readonly body: string;
  readonly status: number;
  /** The raw response body. */
  readonly response: string;
}

function tokenOf(req: http.IncomingMessage): string | undefined {
  const header = req.headers['x-vault-token'];
  if (typeof header === 'string' && header !== '') return header;
  const auth = req.headers.authorization;
  const bearer = auth && /^Bearer\s+(.+)$/i.exec(auth);
  return bearer ? bearer[1]!.trim() : undefined;
}

export class VaultHttpServer {
  readonly requests: VaultRequestRecord[] = [];
  #server: http.Server | undefined;
  url = '';

  constructor(
    private readonly world: SysWorld,
    private readonly faults: VaultFaults,
  ) {}

  /** Listens on 127.0.0.1; over TLS when a certificate is given. */
  async start(certificate: SimulatorCertificate | undefined): Promise<void> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
      this.#handle(req, res).catch(() => req.socket.destroy());
    };
    const server = certificate ? https.createServer({ key: certificate.key, cert: certificate.cert }, handler) : http.createServer(handler);
    server.on('tlsClientError', () => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    this.url = `${certificate ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    if (this.faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.faults.latencyMs));
    const url = new URL(req.url ?? '/', 'http://vault.invalid');
    const namespace = req.headers['x-vault-namespace'];
    const token = tokenOf(req);
    let reply: VaultReply;
    if (!url.pathname.startsWith('/v1/')) {
      reply = { status: 404, body: { errors: [] } };
    } else {
      reply = await route(this.world, this.faults, {
        method: (req.method ?? 'GET').toUpperCase(),
        path: decodeURIComponent(url.pathname.slice('/v1/'.length)),
        query: url.searchParams,
        namespaceHeader: typeof namespace === 'string' ? namespace : '',
        token,
        rawBody,
      });
    }
    const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
    this.requests.push({
      method: req.method ?? 'GET',
      path: `${decodeURIComponent(url.pathname)}${url.search}`,
      namespace: typeof namespace === 'string' ? namespace : undefined,
      token,
      body: rawBody,
      status: reply.status,
      response: payload,
    });
    res.writeHead(reply.status, {
      'cache-control': 'no-store',
      ...(payload ? { 'content-type': 'application/json' } : {}),
    });
    res.end(payload);
  }
}
