import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVaultFake, type FakeVault } from './index.js';
import { Acl, parsePolicyHcl } from './policy.js';
import { vaultClient, type VaultCall } from './test-client.js';

const DENIED = { errors: ['1 error occurred:\n\t* permission denied\n\n'] };

describe('ACL matching', () => {
  it('ranks matching patterns by specificity and lets deny win on its path', () => {
    const acl = new Acl([
      { 'secret/data/*': ['read'], 'secret/data/team/+/token': ['update'], 'secret/data/team/a*': ['list'] },
      { 'secret/data/*': ['create'], 'secret/data/exact': ['delete'], 'secret/data/blocked': ['deny', 'read'] },
    ]);
    expect([...acl.capabilities('secret/data/anything')].sort()).toEqual(['create', 'read']);
    expect([...acl.capabilities('secret/data/exact')]).toEqual(['delete']);
    expect([...acl.capabilities('secret/data/blocked')]).toEqual([]);
    // The glob starts later than the `+`, so it is the more specific match.
    expect([...acl.capabilities('secret/data/team/alpha/token')]).toEqual(['list']);
    expect([...acl.capabilities('secret/data/team/beta/token')]).toEqual(['update']);
    expect(acl.capabilities('secret/metadata/x').size).toBe(0);
    expect(acl.capabilities('secret/data').size).toBe(0);
  });

  it('parses HCL policies and refuses unknown capabilities or stray text', () => {
    expect(parsePolicyHcl('# deliver\npath "secret/data/*" {\n  capabilities = ["create", "update"]\n}\n')).toEqual({
      'secret/data/*': ['create', 'update'],
    });
    expect(() => parsePolicyHcl('path "x" { capabilities = ["write"] }')).toThrow(/invalid capability "write"/);
    expect(() => parsePolicyHcl('path "x" { policy = "read" }')).toThrow(/not understood/);
  });
});

describe('ACL over HTTP', () => {
  let vault: FakeVault;
  let call: VaultCall & { close(): Promise<void> };
  beforeAll(async () => {
    vault = await startVaultFake();
    call = vaultClient(vault);
    vault.writePolicy('create-only', { 'secret/data/pve/*': ['create'], 'secret/metadata/pve/*': ['read', 'list'] });
  });
  afterAll(async () => {
    await call.close();
    await vault.stop();
  });

  it('tells create from update by whether the key exists', async () => {
    const token = vault.createToken({ policies: ['create-only'] });
    expect((await call('POST', '/v1/secret/data/pve/new', { token, body: { data: { a: 1 } } })).status).toBe(200);
    const overwrite = await call('POST', '/v1/secret/data/pve/new', { token, body: { data: { a: 2 } } });
    expect(overwrite.status).toBe(403);
    expect(overwrite.json).toEqual(DENIED);
    expect(vault.secret('secret', 'pve/new')?.data).toEqual({ a: 1 });
    expect((await call('GET', '/v1/secret/data/pve/new', { token })).json).toEqual(DENIED);
    expect((await call('GET', '/v1/secret/metadata/pve/new', { token })).status).toBe(200);
    expect((await call('GET', '/v1/secret/metadata/pve?list=true', { token })).status).toBe(200);
    expect((await call('GET', '/v1/sys/mounts', { token })).json).toEqual(DENIED);
  });

  it('answers capabilities-self per path, with `capabilities` for a single path', async () => {
    const token = vault.createToken({ policies: ['create-only', 'default'] });
    const many = await call('POST', '/v1/sys/capabilities-self', {
      token,
      body: { paths: ['secret/data/pve/x', 'secret/metadata/pve/x', 'kv/other'] },
    });
    expect(many.json.data).toEqual({
      'secret/data/pve/x': ['create'],
      'secret/metadata/pve/x': ['list', 'read'],
      'kv/other': ['deny'],
    });
    expect(many.json['secret/data/pve/x']).toEqual(['create']);
    expect(many.json.capabilities).toBeUndefined();
    const one = await call('POST', '/v1/sys/capabilities-self', { token, body: { paths: ['secret/data/pve/x'] } });
    expect(one.json.data.capabilities).toEqual(['create']);
    const root = await call('POST', '/v1/sys/capabilities-self', { token: vault.rootToken, body: { paths: ['anything'] } });
    expect(root.json.data.anything).toEqual(['root']);
    // Without `default`, a token cannot even ask.
    const bare = vault.createToken({ policies: ['create-only'] });
    expect((await call('POST', '/v1/sys/capabilities-self', { token: bare, body: { paths: ['x'] } })).json).toEqual(DENIED);
  });
});
