/**
 * KV writes and reads of the Vault client against the Vault fake: merge writes with
 * check-and-set that keep other fields, conflicts with another writer, the refusal of KV
 * version 1, drift checks from metadata only, and mount detection.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { VaultClient } from '../../src/vault/client.js';
import { VaultCasConflict, VaultMountError } from '../../src/vault/errors.js';
import { deliveredFields, resolveVaultTarget } from '../../src/spec/vault-target.js';
import { ROLE, thrown, useVaultHarness } from './vault-client-harness.js';

const h = useVaultHarness();
let client: VaultClient;
let n = 0;
/** A fresh secret path per test, below what the role's policy allows. */
let key: string;

beforeEach(async () => {
  client = await h.client();
  await client.loginWithJwt({ role: ROLE, jwt: await h.runnerJwt() });
  key = `proxmox/kv-${++n}`;
  h.vault.resetRequests();
});

const bodies = (path: string) =>
  h.vault.requests.filter((r) => r.method === 'POST' && r.path === path).map((r) => JSON.parse(r.body) as Record<string, unknown>);

describe('KV version 2 merge write', () => {
  it('creates a missing secret with cas 0, writing the token, its id and its expiry', async () => {
    const target = resolveVaultTarget({ path: key });
    const fields = deliveredFields(target, {
      value: 'ci@pve!tf=first-secret-0001',
      tokenId: 'ci@pve!tf',
      expiresAt: '2030-01-01T00:00:00Z',
    });
    expect(await client.writeFields(target, fields)).toEqual({ version: 1, previousVersion: 0 });
    expect(h.vault.secret('secret', key)?.data).toEqual({
      token: 'ci@pve!tf=first-secret-0001',
      token_id: 'ci@pve!tf',
      expires_at: '2030-01-01T00:00:00Z',
    });
    expect(bodies(`/v1/secret/data/${key}`)).toEqual([{ data: fields, options: { cas: 0 } }]);
    h.expectNoSecretsLogged(['first-secret-0001']);
  });

  it('keeps the fields others wrote, replaces its own, and writes a new version each time', async () => {
    h.vault.seedSecret('secret', key, { username: 'terraform', url: 'https://pve:8006', token: 'old-secret-value-01' });
    const target = { mount: 'secret', path: key };
    expect(await client.writeFields(target, { token: 'new-secret-value-02', token_id: 'ci@pve!tf' })).toEqual({
      version: 2,
      previousVersion: 1,
    });
    expect(h.vault.secret('secret', key)?.data).toEqual({
      username: 'terraform',
      url: 'https://pve:8006',
      token: 'new-secret-value-02',
      token_id: 'ci@pve!tf',
    });
    expect(await client.writeFields(target, { token: 'newer-secret-value-03', token_id: 'ci@pve!tf' })).toEqual({
      version: 3,
      previousVersion: 2,
    });
    expect(h.vault.secret('secret', key)).toMatchObject({ version: 3, data: { username: 'terraform', token: 'newer-secret-value-03' } });
    expect(h.vault.secret('secret', key, { version: 1 })?.data?.token).toBe('old-secret-value-01');
    expect(bodies(`/v1/secret/data/${key}`).map((b) => b.options)).toEqual([{ cas: 1 }, { cas: 2 }]);
    h.expectNoSecretsLogged(['old-secret-value-01', 'new-secret-value-02', 'newer-secret-value-03']);
  });

  it('writes over a deleted current version with that version as cas', async () => {
    h.vault.seedSecret('secret', key, { token: 'deleted-value-0001' });
    h.vault.seedSecret('secret', key, { token: 'deleted-value-0002', note: 'gone' });
    // Vault soft-deletes the current version with DELETE on the data path.
    const del = await fetchDelete(`/v1/secret/data/${key}`);
    expect(del).toBe(204);
    expect(await client.writeFields({ mount: 'secret', path: key }, { token: 'after-delete-0003' })).toEqual({
      version: 3,
      previousVersion: 2,
    });
    // A deleted version's fields are not read back: only what this write brings is there.
    expect(h.vault.secret('secret', key)?.data).toEqual({ token: 'after-delete-0003' });
  });

  it('stops with a typed conflict when another writer comes in between, and a second attempt keeps that writer fields', async () => {
    h.vault.seedSecret('secret', key, { token: 'before-race-0001' });
    h.vault.raceNextWrite('secret', key, { token: 'before-race-0001', added_by_other: 'yes' });
    const target = { mount: 'secret', path: key };
    const err = await thrown(client.writeFields(target, { token: 'mine-0002' }));
    expect(err).toBeInstanceOf(VaultCasConflict);
    expect(err).toMatchObject({ mount: 'secret', path: key, expectedVersion: 1 });
    expect(err.message).toBe(
      `the secret secret/${key} changed while it was being written (read at version 1, then another writer added a version); nothing was written`,
    );
    expect(h.vault.secret('secret', key)).toMatchObject({ version: 2, data: { token: 'before-race-0001', added_by_other: 'yes' } });
    expect(err.message).not.toContain('mine-0002');

    expect(await client.writeFields(target, { token: 'mine-0002' })).toEqual({ version: 3, previousVersion: 2 });
    expect(h.vault.secret('secret', key)?.data).toEqual({ token: 'mine-0002', added_by_other: 'yes' });
    h.expectNoSecretsLogged(['mine-0002', 'before-race-0001']);
  });

  it('satisfies a mount that requires check-and-set', async () => {
    h.vault.requireCas('secret');
    try {
      expect(await client.writeFields({ mount: 'secret', path: key }, { token: 'cas-required-0001' })).toEqual({
        version: 1,
        previousVersion: 0,
      });
    } finally {
      h.vault.requireCas('secret', false);
    }
  });
});

describe('drift check', () => {
  it('tells a present secret from a missing or deleted one, reading only its metadata', async () => {
    const target = { mount: 'secret', path: key };
    expect(await client.targetExists(target)).toBe(false);
    await client.writeFields(target, { token: 'drift-value-0001' });
    h.vault.resetRequests();
    expect(await client.targetExists(target)).toBe(true);
    expect(h.vault.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/secret/metadata/${key}`]);
    expect(h.vault.requests.every((r) => !r.response.includes('drift-value-0001'))).toBe(true);
    expect(await fetchDelete(`/v1/secret/data/${key}`)).toBe(204);
    expect(await client.targetExists(target)).toBe(false);
  });
});

describe('mounts', () => {
  it('detects KV version 2 once per mount', async () => {
    const root = await h.client();
    root.useToken(h.vault.rootToken);
    expect(await root.kvVersion('secret')).toBe(2);
    expect(await root.kvVersion('kv')).toBe(1);
    expect(await root.kvVersion('secret')).toBe(2);
    expect(h.vault.requests.filter((r) => r.path.startsWith('/v1/sys/internal/ui/mounts/')).map((r) => r.path)).toEqual([
      '/v1/sys/internal/ui/mounts/secret',
      '/v1/sys/internal/ui/mounts/kv',
    ]);
  });

  it('refuses KV version 1 before writing or reading anything there', async () => {
    const root = await h.client();
    root.useToken(h.vault.rootToken);
    h.vault.resetRequests();
    const err = await thrown(root.writeFields({ mount: 'kv', path: 'proxmox/ci' }, { token: 'never-written-0001' }));
    expect(err).toBeInstanceOf(VaultMountError);
    expect(err).toMatchObject({ problem: 'kv-v1' });
    expect(err.message).toBe(
      "the Vault mount 'kv' is KV version 1, which has no check-and-set and no metadata; proxmox-access writes only to KV version 2 (upgrade the mount with `vault kv enable-versioning kv`, or use a KV version 2 mount)",
    );
    await expect(root.targetExists({ mount: 'kv', path: 'proxmox/ci' })).rejects.toThrow(/KV version 1/);
    expect(h.vault.kv1Entry('kv', 'proxmox/ci')).toBeUndefined();
    expect(h.vault.requests.map((r) => r.path)).toEqual(['/v1/sys/internal/ui/mounts/kv']);
  });

  it('explains a missing mount, a folder given as a mount, and a mount that is not KV', async () => {
    const root = await h.client();
    root.useToken(h.vault.rootToken);
    const missing = await thrown(root.kvVersion('nowhere'));
    expect(missing).toMatchObject({ problem: 'not-found' });
    expect(missing.message).toBe(
      "no Vault mount 'nowhere' is visible to this token: it does not exist, or the token's policies grant nothing below it",
    );
    const folder = await thrown(root.kvVersion('secret/proxmox'));
    expect(folder.message).toBe(
      "'secret/proxmox' is not a Vault mount but a folder inside the mount 'secret': set mount to 'secret' and put the rest into path",
    );
    h.vault.namespaces.root.mount('transit', {
      type: 'transit',
      options: null,
      exists: () => undefined,
      handle: () => ({ status: 404, body: { errors: [] } }),
    });
    const notKv = await thrown(root.kvVersion('transit'));
    expect(notKv).toMatchObject({ problem: 'not-kv' });
    expect(notKv.message).toBe("the Vault mount 'transit' is a 'transit' engine, not a KV secrets engine");
    // Vault answers a mount the token's policies do not reach exactly as a missing one.
    const limited = await h.client();
    limited.useToken(h.vault.createToken({ policies: ['deliver'] }));
    expect(await thrown(limited.kvVersion('kv'))).toMatchObject({ problem: 'not-found' });
    expect(await limited.kvVersion('secret')).toBe(2);
  });
});

/** A request with the root token, as an operator would send it. */
async function fetchDelete(path: string): Promise<number> {
  const { Agent, request } = await import('undici');
  const dispatcher = new Agent({ connect: { ca: h.vault.caPem! } });
  try {
    const res = await request(`${h.vault.url}${path}`, { method: 'DELETE', headers: { 'x-vault-token': h.vault.rootToken }, dispatcher });
    await res.body.text();
    return res.statusCode;
  } finally {
    await dispatcher.close();
  }
}
