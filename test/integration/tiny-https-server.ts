/**
 * A scriptable loopback HTTPS server for client transport tests: each test sets `reply` and
 * reads back what arrived. Certificates come from `selfsigned`: a self-signed one, a second
 * unrelated one, and a leaf signed by a private CA.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface SeenRequest {
  readonly method: string;
  /** The path below `/api2/json`, without the query. */
  readonly path: string;
  readonly rawUrl: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody: string;
  readonly form: URLSearchParams;
}

export interface Reply {
  readonly status?: number;
  /** The HTTP reason phrase (PVE puts the first line of its message there). */
  readonly reason?: string;
  /** Sent as JSON; omit for an empty body. */
  readonly json?: unknown;
  readonly raw?: string;
  /** `headers`: never answer; `body`: send the headers and part of the body, then stall; `reset`: drop the socket. */
  readonly fault?: 'headers' | 'body' | 'reset';
}

export interface KeyPair {
  readonly key: string;
  readonly cert: string;
  /** SHA-256, `AA:BB:…` as PVE's UI shows it. */
  readonly fingerprint: string;
}

export interface TestCertificates {
  readonly selfSigned: KeyPair;
  readonly other: KeyPair;
  readonly caCert: string;
  readonly caSigned: KeyPair;
}

const LOOPBACK_SAN = {
  name: 'subjectAltName' as const,
  altNames: [
    { type: 7 as const, ip: '127.0.0.1' },
    { type: 2 as const, value: 'localhost' },
  ],
};

const pair = (pems: { private: string; cert: string }): KeyPair => ({
  key: pems.private,
  cert: pems.cert,
  fingerprint: new X509Certificate(pems.cert).fingerprint256,
});

export async function makeCertificates(): Promise<TestCertificates> {
  const base = { keyType: 'ec' as const, algorithm: 'sha256' };
  const selfSigned = await generate([{ name: 'commonName', value: 'pve1' }], { ...base, extensions: [LOOPBACK_SAN] });
  const other = await generate([{ name: 'commonName', value: 'pve2' }], { ...base, extensions: [LOOPBACK_SAN] });
  const ca = await generate([{ name: 'commonName', value: 'Test Cluster CA' }], {
    ...base,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const caSigned = await generate([{ name: 'commonName', value: 'pve3' }], {
    ...base,
    extensions: [{ name: 'basicConstraints', cA: false }, { name: 'extKeyUsage', serverAuth: true }, LOOPBACK_SAN],
    ca: { key: ca.private, cert: ca.cert },
  });
  return { selfSigned: pair(selfSigned), other: pair(other), caCert: ca.cert, caSigned: pair(caSigned) };
}

export class TinyHttpsServer {
  readonly requests: SeenRequest[] = [];
  reply: (req: SeenRequest) => Reply = () => ({ json: { data: null } });
  url = '';
  /** TLS connections whose handshake completed. */
  connections = 0;
  private server: https.Server | undefined;

  static async start(keyPair: KeyPair): Promise<TinyHttpsServer> {
    const instance = new TinyHttpsServer();
    const server = https.createServer({ key: keyPair.key, cert: keyPair.cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => instance.handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    // Handshake failures (a client that refuses our certificate) are expected in these tests.
    server.on('tlsClientError', () => {});
    server.on('secureConnection', () => void (instance.connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    instance.server = server;
    instance.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return instance;
  }

  /** Requests other than logins. */
  get apiRequests(): SeenRequest[] {
    return this.requests.filter((r) => r.path !== '/access/ticket');
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private handle(req: import('node:http').IncomingMessage, rawBody: string, res: import('node:http').ServerResponse): void {
    const url = new URL(req.url ?? '/', 'https://localhost');
    const seen: SeenRequest = {
      method: req.method ?? '',
      path: url.pathname.replace(/^\/api2\/json/, ''),
      rawUrl: req.url ?? '',
      query: url.searchParams,
      headers: req.headers,
      rawBody,
      form: new URLSearchParams(rawBody),
    };
    this.requests.push(seen);
    const reply = this.reply(seen);
    if (reply.fault === 'headers') return;
    if (reply.fault === 'reset') {
      req.socket.destroy();
      return;
    }
    const body = reply.raw ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
    res.writeHead(reply.status ?? 200, reply.reason ?? 'OK', {
      'content-type': 'application/json;charset=UTF-8',
      'content-length': String(Buffer.byteLength(body) + (reply.fault === 'body' ? 10 : 0)),
    });
    if (reply.fault === 'body') {
      res.write(body);
      return;
    }
    res.end(body);
  }
}
