/**
 * A Proxmox VE access-control API simulator for tests and benchmarks: an HTTPS server with a
 * fresh self-signed certificate that answers like pve-access-control, for
 * a selectable PVE version. `exec` runs the same handlers in-process, for fast seeding.
 */
import { randomUUID } from 'node:crypto';
import { makeCertificate } from './cert.js';
import { PveCore } from './core.js';
import { ROOT } from './ids.js';
import { PveHttpServer, type PveFault, type RecordedRequest } from './server.js';

export type { PveFault } from './server.js';

/** Options of `startPveSimulator`; all optional. */
export interface PveSimulatorOptions {
  /** The simulated pve-manager version, e.g. `9.1.1` (default), `8.4.1`, `7.4-3`. */
  version?: string;
  /** Delay before each HTTP request is handled, in ms; default 0. */
  latencyMs?: number;
  /** root@pam's password for ticket logins; random by default. */
  rootPassword?: string;
}

/** A running simulator. Stop it with `stop()` or `await using`. */
export interface PveSimulator {
  /** `https://127.0.0.1:<port>` */
  readonly url: string;
  /** SHA-256 of the certificate, `AA:BB:…` as the PVE UI shows it. */
  readonly fingerprint: string;
  readonly certificatePem: string;
  /** root@pam's current password (it follows `PUT /access/password`). */
  readonly rootPassword: string;
  /** Creates an API token in-process (the user must exist; root@pam always does) and returns its secret. */
  createToken(
    userid: string,
    tokenid: string,
    options?: { privsep?: boolean; comment?: string; expire?: number },
  ): { fullTokenId: string; value: string };
  /** Runs a request in-process, as `as` (default root@pam): `body` is PVE's JSON envelope. */
  exec(method: string, path: string, params?: Record<string, unknown>, as?: string): { status: number; body: unknown };
  /** The secret a token holds now, read in-process (PVE never shows it again). */
  tokenSecret(fullTokenId: string): string | undefined;
  /** Every token secret the simulator generated, in order, including those whose answer was lost. */
  readonly issuedSecrets: readonly string[];
  setLatency(ms: number): void;
  inject(fault: PveFault): void;
  clearFaults(): void;
  /** HTTP requests received so far. */
  readonly requestCount: number;
  readonly requests: readonly { method: string; path: string; body: string; status: number; connection: number }[];
  resetRequests(): void;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Starts a simulator of a freshly installed node: root@pam (e-mail root@example.com), realms pam and pve, nothing else. */
export async function startPveSimulator(options: PveSimulatorOptions = {}): Promise<PveSimulator> {
  const rootPassword = options.rootPassword ?? `root-${randomUUID()}`;
  const core = new PveCore(options.version ?? '9.1.1', rootPassword);
  const certificate = await makeCertificate();
  const server = await PveHttpServer.start(core, certificate, options.latencyMs ?? 0);
  const requests: RecordedRequest[] = server.requests;
  const simulator: PveSimulator = {
    url: server.url,
    fingerprint: certificate.fingerprint,
    certificatePem: certificate.cert,
    get rootPassword() {
      return core.state.passwords.get(ROOT) ?? rootPassword;
    },
    createToken(userid, tokenid, tokenOptions = {}) {
      const params: Record<string, unknown> = {
        privsep: tokenOptions.privsep,
        comment: tokenOptions.comment,
        expire: tokenOptions.expire,
      };
      const path = `/access/users/${encodeURIComponent(userid)}/token/${encodeURIComponent(tokenid)}`;
      const { status, body } = core.exec('POST', path, params, ROOT);
      const answer = body as { data?: { 'full-tokenid'?: string; value?: string }; message?: string } | null;
      if (status !== 200 || !answer?.data?.value) {
        throw new Error(`cannot create token ${userid}!${tokenid}: ${status} ${answer?.message?.trim() ?? ''}`);
      }
      return { fullTokenId: answer.data['full-tokenid'] ?? `${userid}!${tokenid}`, value: answer.data.value };
    },
    exec: (method, path, params, as) => core.exec(method, path, params, as),
    tokenSecret: (fullTokenId) => core.state.tokenSecrets.get(fullTokenId),
    issuedSecrets: core.issuedSecrets,
    setLatency(ms) {
      server.latencyMs = ms;
    },
    inject: (fault) => server.inject(fault),
    clearFaults: () => server.clearFaults(),
    get requestCount() {
      return requests.length;
    },
    get requests() {
      return requests;
    },
    resetRequests() {
      requests.length = 0;
    },
    stop: () => server.stop(),
    [Symbol.asyncDispose]: () => server.stop(),
  };
  return simulator;
}
