import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startVaultFake, type FakeVault } from './index.js';
import { vaultClient, type VaultCall } from './test-client.js';

let vault: FakeVault;
let call: VaultCall & { close(): Promise<void> };

beforeEach(async () => {
  vault = await startVaultFake();
  call = vaultClient(vault);
});
afterEach(async () => {
  await call.close();
  await vault.stop();
});

const SEALED = { status: 503, json: { errors: ['Vault is sealed'] } };

describe('faults', () => {
  it('answers every call with 503 while sealed, logins included', async () => {
    vault.faults.seal();
    expect(await call('GET', '/v1/secret/data/x', { token: vault.rootToken })).toMatchObject(SEALED);
    expect(await call('POST', '/v1/auth/jwt/login', { body: { role: 'r', jwt: 'j' } })).toMatchObject(SEALED);
    expect(await call('GET', '/v1/sys/mounts')).toMatchObject(SEALED);
    vault.faults.unseal();
    expect((await call('GET', '/v1/sys/mounts', { token: vault.rootToken })).status).toBe(200);
  });

  it('seals itself after N more requests, mid-run', async () => {
    vault.faults.sealAfter(2);
    const body = { data: { v: 1 } };
    expect((await call('POST', '/v1/secret/data/a', { token: vault.rootToken, body })).status).toBe(200);
    expect((await call('POST', '/v1/secret/data/b', { token: vault.rootToken, body })).status).toBe(200);
    expect(await call('POST', '/v1/secret/data/c', { token: vault.rootToken, body })).toMatchObject(SEALED);
    expect(vault.metadata('secret', 'c')).toBeUndefined();
    expect(vault.faults.sealed).toBe(true);
  });

  it('refuses one path with 403 whatever the policies say', async () => {
    vault.faults.denyPath('secret/data/pve/gha', ['POST']);
    const refused = await call('POST', '/v1/secret/data/pve/gha', { token: vault.rootToken, body: { data: { v: 1 } } });
    expect(refused).toMatchObject({ status: 403, json: { errors: ['1 error occurred:\n\t* permission denied\n\n'] } });
    expect((await call('GET', '/v1/secret/data/pve/gha', { token: vault.rootToken })).status).toBe(404);
    expect((await call('POST', '/v1/secret/data/pve/other', { token: vault.rootToken, body: { data: { v: 1 } } })).status).toBe(200);
  });

  it('lets another writer bump the version just before a check-and-set write', async () => {
    vault.seedSecret('secret', 'pve/gha', { token: 'old' });
    vault.raceNextWrite('secret', 'pve/gha', { token: 'from-someone-else' });
    const res = await call('POST', '/v1/secret/data/pve/gha', {
      token: vault.rootToken,
      body: { data: { token: 'mine' }, options: { cas: 1 } },
    });
    expect(res.json).toEqual({ errors: ['check-and-set parameter did not match the current version'] });
    expect(vault.secret('secret', 'pve/gha')).toMatchObject({ version: 2, data: { token: 'from-someone-else' } });
    const retry = await call('POST', '/v1/secret/data/pve/gha', {
      token: vault.rootToken,
      body: { data: { token: 'mine' }, options: { cas: 2 } },
    });
    expect(retry.json.data.version).toBe(3);
  });

  it('waits the injected latency before answering', async () => {
    vault.faults.latencyMs = 150;
    const started = performance.now();
    await call('GET', '/v1/sys/mounts', { token: vault.rootToken });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('logs requests with both bodies, so leak checks can find what must and must not be there', async () => {
    const secret = 'pve-token-secret-0b7c1f3e';
    await call('POST', '/v1/secret/data/pve/gha', { token: vault.rootToken, body: { data: { token: secret } } });
    await call('GET', '/v1/secret/data/pve/gha', { token: vault.rootToken });
    const [write, read] = vault.requests;
    expect(write).toMatchObject({ method: 'POST', path: '/v1/secret/data/pve/gha', token: vault.rootToken, status: 200 });
    expect(write!.body).toContain(secret);
    expect(read!.response).toContain(secret);
    expect(vault.transcript().split(secret).length - 1).toBe(1);
    expect(vault.transcript({ responses: true }).split(secret).length - 1).toBe(2);
    expect(vault.transcript()).not.toContain(vault.rootToken);
  });
});
