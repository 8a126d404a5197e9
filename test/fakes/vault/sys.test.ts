import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVaultFake, type FakeVault } from './index.js';
import { vaultClient, type VaultCall } from './test-client.js';

let vault: FakeVault;
let call: VaultCall & { close(): Promise<void> };

beforeAll(async () => {
  vault = await startVaultFake();
  call = vaultClient(vault);
  vault.writePolicy('pve-writer', { 'secret/data/pve/*': ['create', 'update'] });
});
afterAll(async () => {
  await call.close();
  await vault.stop();
});

describe('mount detection', () => {
  it('lists mounts with their type and KV version', async () => {
    const res = await call('GET', '/v1/sys/mounts', { token: vault.rootToken });
    expect(res.json.data['secret/']).toMatchObject({ type: 'kv', options: { version: '2' } });
    expect(res.json.data['kv/']).toMatchObject({ type: 'kv', options: { version: '1' } });
    expect(res.json['secret/']).toEqual(res.json.data['secret/']);
    expect(res.json.data['sys/'].type).toBe('system');
  });

  it('answers the UI preflight for a token that reaches below the mount, and only then', async () => {
    const token = vault.createToken({ policies: ['pve-writer'] });
    const v2 = await call('GET', '/v1/sys/internal/ui/mounts/secret/pve/gha', { token });
    expect(v2.status).toBe(200);
    expect(v2.json.data).toMatchObject({ path: 'secret/', type: 'kv', options: { version: '2' } });
    const refused = await call('GET', '/v1/sys/internal/ui/mounts/kv/pve', { token });
    expect(refused.status).toBe(403);
    expect(refused.json.errors).toEqual([
      `preflight capability check returned 403, please ensure client's policies grant access to path "kv/pve/"`,
    ]);
    const noMount = await call('GET', '/v1/sys/internal/ui/mounts/nowhere/x', { token: vault.rootToken });
    expect(noMount.json.errors[0]).toMatch(/^preflight capability check returned 403/);
    expect((await call('GET', '/v1/sys/internal/ui/mounts/secret/x')).json).toEqual({ errors: ['missing client token'] });
    const v1 = await call('GET', '/v1/sys/internal/ui/mounts/kv', { token: vault.rootToken });
    expect(v1.json.data).toMatchObject({ path: 'kv/', options: { version: '1' } });
  });
});

describe('namespaces', () => {
  beforeAll(() => {
    vault.createNamespace('team-a');
    vault.createNamespace('team-a/child');
    vault.createNamespace('team-b');
    vault.mountKv('secret', 2, { namespace: 'team-a' });
    vault.mountKv('secret', 2, { namespace: 'team-a/child' });
    vault.writePolicy(
      'writer',
      { 'secret/data/*': ['create', 'update', 'read'], 'child/secret/data/*': ['read'] },
      { namespace: 'team-a' },
    );
  });

  it('routes by X-Vault-Namespace or a path prefix to the namespace own mounts', async () => {
    const token = vault.createToken({ policies: ['writer'], namespace: 'team-a' });
    const byHeader = await call('POST', '/v1/secret/data/app', { token, namespace: 'team-a', body: { data: { v: 'in-team-a' } } });
    expect(byHeader.status).toBe(200);
    expect(vault.secret('secret', 'app', { namespace: 'team-a' })?.data).toEqual({ v: 'in-team-a' });
    expect(vault.metadata('secret', 'app')).toBeUndefined();
    const byPath = await call('GET', '/v1/team-a/secret/data/app', { token });
    expect(byPath.json.data.data).toEqual({ v: 'in-team-a' });
  });

  it('lets a token work in its namespace and below it, with paths relative to its own namespace', async () => {
    const token = vault.createToken({ policies: ['writer'], namespace: 'team-a' });
    vault.seedSecret('secret', 'deep', { v: 'child' }, { namespace: 'team-a/child' });
    const below = await call('GET', '/v1/secret/data/deep', { token, namespace: 'team-a/child' });
    expect(below.json.data.data).toEqual({ v: 'child' });
    const root = await call('GET', '/v1/secret/data/x', { token, namespace: '' });
    expect(root.status).toBe(403);
    const sibling = await call('GET', '/v1/secret/data/x', { token, namespace: 'team-b' });
    expect(sibling.json).toEqual({ errors: ['1 error occurred:\n\t* permission denied\n\n'] });
    // A root token of the root namespace reaches every namespace.
    expect((await call('GET', '/v1/secret/data/app', { token: vault.rootToken, namespace: 'team-a' })).status).toBe(200);
  });

  it('answers a namespace that does not exist as a route that does not exist', async () => {
    const res = await call('GET', '/v1/secret/data/x', { token: vault.rootToken, namespace: 'nope' });
    expect(res.status).toBe(404);
    expect(res.json.errors[0]).toMatch(/^no handler for route "nope\/secret\/data\/x"/);
  });
});
