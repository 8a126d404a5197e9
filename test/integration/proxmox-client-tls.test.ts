import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransportError } from '../../src/errors.js';
import { TinyHttpsServer } from './tiny-https-server.js';
import { useClientHarness } from './proxmox-client-harness.js';

const h = useClientHarness();

describe('TLS trust', () => {
  const caServer = { current: undefined as TinyHttpsServer | undefined };
  beforeAll(async () => {
    caServer.current = await TinyHttpsServer.start(h.certs.caSigned);
  });
  afterAll(() => caServer.current?.close());

  it('accepts the self-signed certificate whose fingerprint is pinned (any case)', async () => {
    const api = await h.client({ fingerprint: h.certs.selfSigned.fingerprint.toLowerCase() });
    await api.deleteRole('R');
    expect(h.server.requests).toHaveLength(1);
  });

  it('refuses a certificate with another fingerprint before sending anything, and does not retry', async () => {
    const api = await h.client({ fingerprint: h.certs.other.fingerprint });
    const err = await api.getVersion().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toContain(`fingerprint ${h.certs.selfSigned.fingerprint} does not match`);
    expect(h.server.requests).toHaveLength(0);
    expect(h.sleeps).toEqual([]);
  });

  it('pins even a certificate a trusted CA signed', async () => {
    const api = await h.client({ fingerprint: h.certs.selfSigned.fingerprint, caCert: h.certs.caCert }, caServer.current!.url);
    await expect(api.getVersion()).rejects.toThrow(/does not match the pinned fingerprint/);
    expect(caServer.current!.requests).toHaveLength(0);
  });

  it('refuses a URL that is not https, showing it without credentials', async () => {
    const err = await h.client({}, 'http://root:hunter2@pve.example:8006').catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      'proxmox-url must start with https:// (the PVE API listens on HTTPS only), got http://pve.example:8006',
    );
  });

  it('rejects a malformed fingerprint at creation', async () => {
    await expect(h.client({ fingerprint: 'AB:CD' })).rejects.toThrow(/SHA-256/);
  });

  it('verifies by default and refuses a self-signed certificate', async () => {
    const api = await h.client({ fingerprint: undefined });
    const err = await api.getVersion().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toMatch(/TLS verification failed/);
    // What to set, by its input name (the CLI words it as its flag); not Node's own command-line advice.
    expect((err as Error).message).toMatch(/pin the certificate with `proxmox-fingerprint` [^;]*or trust its CA with `proxmox-ca-cert`$/);
    expect((err as Error).message).not.toMatch(/use-system-ca|Node\.js/);
    expect(h.server.requests).toHaveLength(0);
  });

  it('trusts a CA given as PEM text or as a file path', async () => {
    caServer.current!.requests.length = 0;
    const dir = await mkdtemp(join(tmpdir(), 'pa-ca-'));
    try {
      const file = join(dir, 'ca.pem');
      await writeFile(file, h.certs.caCert);
      for (const caCert of [h.certs.caCert, file]) {
        const api = await h.client({ fingerprint: undefined, caCert }, caServer.current!.url);
        await api.deleteRole('R');
      }
      expect(caServer.current!.requests).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('with a CA, still refuses a certificate that CA did not sign', async () => {
    const api = await h.client({ fingerprint: undefined, caCert: h.certs.caCert });
    await expect(api.getVersion()).rejects.toThrow(TransportError);
    expect(h.server.requests).toHaveLength(0);
  });

  it('insecure mode skips verification for this client only', async () => {
    const globalBefore = getGlobalDispatcher();
    const envBefore = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    const insecure = await h.client({ fingerprint: undefined, insecure: true });
    await insecure.deleteRole('R');
    expect(h.server.requests).toHaveLength(1);
    expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBe(envBefore);
    expect(getGlobalDispatcher()).toBe(globalBefore);
    const strict = await h.client({ fingerprint: undefined });
    await expect(strict.listAcl()).rejects.toThrow(TransportError);
    await expect(fetch(`${h.server.url}/api2/json/version`)).rejects.toThrow();
  });
});
