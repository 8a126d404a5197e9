/**
 * The Vault client when things go wrong: Vault sealed in the middle of a run, one path denied,
 * timeouts with retries for reads only, and TLS trust that pins or names a CA for this client
 * alone.
 */
import { describe, expect, it } from 'vitest';
import { createVaultClient } from '../../src/vault/client.js';
import { VaultPermissionDenied, VaultSealed, VaultTransportError } from '../../src/vault/errors.js';
import { nullLogger } from '../../src/log.js';
import { ROLE, thrown, useVaultHarness } from './vault-client-harness.js';

const h = useVaultHarness();

describe('sealed Vault', () => {
  it('reports a Vault sealed mid-run at once, without retrying, and leaves the secret as it was', async () => {
    const client = await h.client();
    await client.loginWithJwt({ role: ROLE, jwt: await h.runnerJwt() });
    await client.writeFields({ mount: 'secret', path: 'proxmox/sealed' }, { token: 'before-seal-0001' });
    h.vault.resetRequests();
    // The read before the write is answered; the write finds Vault sealed.
    h.vault.faults.sealAfter(1);
    const err = await thrown(client.writeFields({ mount: 'secret', path: 'proxmox/sealed' }, { token: 'after-seal-0002' }));
    expect(err).toBeInstanceOf(VaultSealed);
    expect(err.message).toBe('Vault is sealed (it answered POST secret/data/proxmox/sealed with 503): unseal it, then run again');
    expect(h.vault.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'POST 503']);
    expect(h.vault.secret('secret', 'proxmox/sealed')?.data).toEqual({ token: 'before-seal-0001' });

    // A read is not retried either: a sealed Vault stays sealed until someone unseals it.
    const read = await thrown(client.targetExists({ mount: 'secret', path: 'proxmox/sealed' }));
    expect(read).toBeInstanceOf(VaultSealed);
    expect(h.sleeps).toEqual([]);
    h.expectNoSecretsLogged(['before-seal-0001', 'after-seal-0002']);
  });
});

describe('permission denied on one path', () => {
  it('fails the denied target with its path and operation, and the others still write', async () => {
    const client = await h.client();
    await client.loginWithJwt({ role: ROLE, jwt: await h.runnerJwt() });
    h.vault.faults.denyPath('secret/data/proxmox/denied', ['POST']);
    const err = await thrown(client.writeFields({ mount: 'secret', path: 'proxmox/denied' }, { token: 'denied-value-0001' }));
    expect(err).toBeInstanceOf(VaultPermissionDenied);
    expect(err).toMatchObject({ method: 'POST', path: 'secret/data/proxmox/denied', status: 403, invalidToken: false });
    expect(err.message).toBe("Vault denied POST secret/data/proxmox/denied: the token's policies do not allow it");
    expect(h.vault.metadata('secret', 'proxmox/denied')).toBeUndefined();
    expect(await client.writeFields({ mount: 'secret', path: 'proxmox/allowed' }, { token: 'allowed-value-0002' })).toEqual({
      version: 1,
      previousVersion: 0,
    });
    h.expectNoSecretsLogged(['denied-value-0001', 'allowed-value-0002']);
  });
});

describe('TLS trust', () => {
  it('refuses a certificate other than the pinned one before sending anything, and does not retry', async () => {
    const client = await h.client({ tls: { fingerprint: 'AB:'.repeat(31) + 'AB' } });
    client.useToken(h.vault.rootToken);
    const err = await thrown(client.lookupSelf());
    expect(err).toBeInstanceOf(VaultTransportError);
    expect(err.message).toMatch(/TLS: server certificate fingerprint .* does not match the pinned fingerprint AB:AB/);
    expect(h.vault.requests).toEqual([]);
    expect(h.sleeps).toEqual([]);
  });

  it('trusts a given CA, and by default verifies against the system store only', async () => {
    const withCa = await h.client({ tls: { caCert: h.vault.caPem! } });
    withCa.useToken(h.vault.rootToken);
    expect((await withCa.lookupSelf()).policies).toEqual(['root']);

    const system = await h.client({ tls: {} });
    system.useToken(h.vault.rootToken);
    const err = await thrown(system.lookupSelf());
    expect(err.message).toMatch(/TLS verification failed .*trust Vault's certificate with a CA certificate or pin its fingerprint/);
    // Trust given to one client changes nothing for the rest of the process.
    const res = await fetch(`${h.vault.url}/v1/sys/health`).catch((e: unknown) => e);
    expect(res).toBeInstanceOf(Error);
    expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBeUndefined();
  });

  it('refuses plain http to anything but this machine', async () => {
    await expect(
      createVaultClient({ url: 'http://vault.example.com:8200', tls: {}, timeoutMs: 1000, logger: nullLogger, mask: () => {} }),
    ).rejects.toThrow('the Vault URL must use https (plain http only to localhost), got http://vault.example.com:8200');
  });
});

describe('timeouts and retries', () => {
  // Last in the file: the fake keeps answering the abandoned requests after the test has ended.
  it('retries a read that times out, then reports it; a login is sent once', async () => {
    const client = await h.client({ timeoutMs: 200 });
    client.useToken(h.vault.rootToken);
    expect(await client.kvVersion('secret')).toBe(2);
    h.vault.faults.latencyMs = 1_500;
    const read = await thrown(client.targetExists({ mount: 'secret', path: 'proxmox/slow' }));
    expect(read).toBeInstanceOf(VaultTransportError);
    expect(read.message).toBe('cannot reach Vault for GET secret/metadata/proxmox/slow: timeout: Vault did not answer in time');
    expect(h.sleeps).toEqual([250, 500]);
    expect(h.lines().filter((l) => l.includes('retrying'))).toEqual([
      'Vault GET secret/metadata/proxmox/slow failed (cannot reach Vault for GET secret/metadata/proxmox/slow: timeout: Vault did not answer in time); retrying in 250 ms (attempt 2 of 3)',
      'Vault GET secret/metadata/proxmox/slow failed (cannot reach Vault for GET secret/metadata/proxmox/slow: timeout: Vault did not answer in time); retrying in 500 ms (attempt 3 of 3)',
    ]);

    h.sleeps.length = 0;
    await expect(client.loginWithJwt({ role: ROLE, jwt: await h.runnerJwt() })).rejects.toThrow(VaultTransportError);
    expect(h.sleeps).toEqual([]);
    expect(h.lines().filter((l) => l.includes('retrying'))).toHaveLength(2);
  });
});
