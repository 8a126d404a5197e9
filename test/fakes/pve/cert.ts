/**
 * A fresh self-signed certificate per simulator, like a new PVE node's: valid for 127.0.0.1 and
 * localhost, with its SHA-256 fingerprint in the form the PVE UI shows (`AA:BB:…`).
 */
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

/** PEM key and certificate, and the certificate's SHA-256 fingerprint. */
export interface SimulatorCertificate {
  readonly key: string;
  readonly cert: string;
  readonly fingerprint: string;
}

/** Generates the certificate for one simulator. */
export async function makeCertificate(): Promise<SimulatorCertificate> {
  // Back-dated like a node's certificate made at install time: a client that checks validity
  // dates must not see "not yet valid" when it connects within the certificate's first second.
  const notBeforeDate = new Date(Date.now() - 24 * 3600 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'pve-simulator' }], {
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 2 * 365 * 24 * 3600 * 1000),
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert, fingerprint: new X509Certificate(pems.cert).fingerprint256.toUpperCase() };
}
