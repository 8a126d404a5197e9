/**
 * Shared setup for the client transport tests: one loopback HTTPS server with a self-signed
 * certificate, clients that pin it and record their (instant) backoff, canned PVE answers,
 * and a PVE-like ticket endpoint.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createProxmoxClient, type ProxmoxClient, type ProxmoxClientOptions } from '../../src/proxmox/client.js';
import { makeCertificates, TinyHttpsServer, type Reply, type SeenRequest, type TestCertificates } from './tiny-https-server.js';

export const TOKEN_ID = 'automation@pve!ci';
export const SECRET = randomUUID();
export const PASSWORD = `pw-${randomUUID()}`;
const LOCK_TIMEOUT = "create role failed: cfs-lock 'file-user_cfg' error: got lock request timeout";

export interface ClientHarness {
  readonly certs: TestCertificates;
  readonly server: TinyHttpsServer;
  /** Backoff delays the clients asked for. */
  readonly sleeps: number[];
  /** A token client pinning the server's certificate; closed after the test. */
  client(extra?: Partial<ProxmoxClientOptions>, url?: string): Promise<ProxmoxClient>;
}

/** Registers the hooks; call once at the top of a test file. */
export function useClientHarness(): ClientHarness {
  const clients: ProxmoxClient[] = [];
  const sleeps: number[] = [];
  let certs: TestCertificates | undefined;
  let server: TinyHttpsServer | undefined;
  beforeAll(async () => {
    certs = await makeCertificates();
    server = await TinyHttpsServer.start(certs.selfSigned);
  });
  afterAll(() => server?.close());
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    server!.requests.length = 0;
    server!.reply = () => ({ json: { data: null } });
    sleeps.length = 0;
  });
  const harness: ClientHarness = {
    get certs() {
      return certs!;
    },
    get server() {
      return server!;
    },
    sleeps,
    async client(extra = {}, url = server!.url) {
      const created = await createProxmoxClient({
        url,
        auth: { tokenId: TOKEN_ID, secret: SECRET },
        fingerprint: certs!.selfSigned.fingerprint,
        sleep: async (ms) => void sleeps.push(ms),
        random: () => 0.5,
        ...extra,
      });
      clients.push(created);
      return created;
    },
  };
  return harness;
}

export const lockTimeout = (): Reply => ({ status: 500, reason: LOCK_TIMEOUT, json: { data: null, message: `${LOCK_TIMEOUT}\n` } });
export const unavailable = (): Reply => ({ status: 503, reason: 'Service Unavailable', json: { data: null } });
/** Answers with `first` on the first request and `then` after. */
export const once = (first: Reply, then: Reply = { json: { data: null } }) => {
  let n = 0;
  return (): Reply => (n++ === 0 ? first : then);
};

/** A PVE-like ticket endpoint for alice@pve / PASSWORD: tickets become invalid when `expireAll` is called. */
export function ticketServer(server: TinyHttpsServer) {
  const state = { generation: 0, logins: 0, refuseAll: false };
  const ticket = () => `PVE:alice@pve:6650A1B2::sig${state.generation}/+=`;
  const csrf = () => `6650A1B2:csrf${state.generation}`;
  server.reply = (req: SeenRequest): Reply => {
    if (req.path === '/access/ticket') {
      state.logins++;
      if (req.form.get('username') !== 'alice@pve' || req.form.get('password') !== PASSWORD) {
        return { status: 401, reason: 'authentication failure', json: { data: null, message: 'authentication failure\n' } };
      }
      state.generation++;
      return { json: { data: { username: 'alice@pve', ticket: ticket(), CSRFPreventionToken: csrf() } } };
    }
    if (state.refuseAll || req.headers.cookie !== `PVEAuthCookie=${ticket()}`) {
      return { status: 401, reason: 'Authentication failed!' };
    }
    if (req.method !== 'GET' && req.headers.csrfpreventiontoken !== csrf()) {
      return { status: 401, reason: 'Permission denied - invalid csrf token' };
    }
    return { json: { data: req.path === '/access/acl' ? [] : null } };
  };
  return { state, expireAll: () => void (state.generation += 100), ticket, csrf };
}
