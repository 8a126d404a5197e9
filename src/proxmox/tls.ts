/**
 * TLS trust for one client's connections only. Everything here configures this client's own
 * undici connector: the process-wide trust (NODE_TLS_REJECT_UNAUTHORIZED, the global
 * dispatcher) is never touched, so other HTTPS calls in the action keep full verification.
 */
import { readFile } from 'node:fs/promises';
import type { TLSSocket } from 'node:tls';
import { buildConnector } from 'undici';
import { ActionError } from '../errors.js';
import { oneLine } from '../log-line.js';

/** How the server certificate is trusted. */
export interface TlsOptions {
  /** PEM text of a CA to trust instead of the system store, or a path to a PEM file. */
  readonly caCert?: string | undefined;
  /**
   * SHA-256 fingerprint of the server certificate, as the PVE UI shows it (colon hex,
   * case-insensitive). When set it alone decides: only a certificate with exactly this
   * fingerprint is accepted, self-signed or not; `caCert` and `insecure` are ignored.
   */
  readonly fingerprint?: string | undefined;
  /** Skip certificate verification for this client only. */
  readonly insecure?: boolean | undefined;
}

/** The certificate the server presented is not the pinned one (fails closed, never retried). */
export class CertificatePinError extends ActionError {
  override readonly name = 'CertificatePinError';
  readonly code = 'ERR_PROXMOX_CERT_PIN';
  constructor(expected: string, actual: string | undefined) {
    super(
      actual
        ? `server certificate fingerprint ${actual} does not match the pinned fingerprint ${expected}`
        : `server presented no certificate to check against the pinned fingerprint ${expected}`,
    );
  }
}

/** `AA:BB:…` (any case, colons optional) → 64 lower-case hex digits; throws on anything else. */
export function normalizeFingerprint(fingerprint: string): string {
  const hex = fingerprint.trim().replace(/:/g, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new ActionError(
      'the certificate fingerprint must be a SHA-256 fingerprint: 32 bytes in hex, colon-separated as the Proxmox UI shows it',
    );
  }
  return hex;
}

/** 64 hex digits → `AA:BB:…`, the form people compare against the UI. */
export const formatFingerprint = (hex: string): string => hex.toUpperCase().match(/../g)!.join(':');

/** Reads `caCert` when it is a path; PEM text is used as it is. */
export async function loadCaCert(caCert: string): Promise<string> {
  if (caCert.includes('-----BEGIN')) return caCert;
  try {
    const pem = await readFile(caCert, 'utf8');
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no PEM certificate in the file');
    return pem;
  } catch (err) {
    const reason = FILE_PROBLEMS[(err as NodeJS.ErrnoException).code ?? ''] ?? (err as Error).message;
    throw new ActionError(`cannot read proxmox-ca-cert ${oneLine(caCert)}: ${reason} (give a PEM file, or the PEM text itself)`, {
      cause: err,
    });
  }
}

/** Node's file errors in words; its own text names the system call too. */
const FILE_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
};

type Connector = ReturnType<typeof buildConnector>;

/** Builds the connector for this client's Agent; `connectTimeoutMs` bounds TCP + TLS setup. */
export async function buildTlsConnector(tls: TlsOptions, connectTimeoutMs: number): Promise<Connector> {
  if (tls.fingerprint !== undefined) return pinnedConnector(normalizeFingerprint(tls.fingerprint), connectTimeoutMs);
  if (tls.caCert !== undefined) {
    return buildConnector({ ca: await loadCaCert(tls.caCert), timeout: connectTimeoutMs });
  }
  if (tls.insecure === true) return buildConnector({ rejectUnauthorized: false, timeout: connectTimeoutMs });
  return buildConnector({ timeout: connectTimeoutMs });
}

/**
 * Chain and host-name checks are off (PVE's certificate is self-signed and names the node, not
 * the address used); instead the leaf certificate must carry the pinned SHA-256 fingerprint.
 * Sessions are not cached, so every connection presents a certificate to check.
 */
function pinnedConnector(expectedHex: string, connectTimeoutMs: number): Connector {
  const base = buildConnector({ rejectUnauthorized: false, maxCachedSessions: 0, timeout: connectTimeoutMs });
  return (options, callback) => {
    base(options, (err, socket) => {
      if (err !== null) return callback(err, null);
      const actual = (socket as TLSSocket).getPeerCertificate?.()?.fingerprint256;
      const actualHex = typeof actual === 'string' && actual !== '' ? normalizeFingerprint(actual) : undefined;
      if (actualHex !== expectedHex) {
        socket.destroy();
        return callback(new CertificatePinError(formatFingerprint(expectedHex), actualHex && formatFingerprint(actualHex)), null);
      }
      return callback(null, socket);
    });
  };
}
