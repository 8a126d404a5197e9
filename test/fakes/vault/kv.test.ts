import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVaultFake, type FakeVault } from './index.js';
import { vaultClient, type VaultCall } from './test-client.js';

let vault: FakeVault;
let call: VaultCall & { close(): Promise<void> };
let root: string;

beforeAll(async () => {
  vault = await startVaultFake();
  call = vaultClient(vault);
  root = vault.rootToken;
});
afterAll(async () => {
  await call.close();
  await vault.stop();
});

const write = (key: string, data: unknown, options?: unknown) =>
  call('POST', `/v1/secret/data/${key}`, { token: root, body: options === undefined ? { data } : { data, options } });

describe('KV v2', () => {
  it('writes versions and reads the latest or a given one, in the response envelope', async () => {
    const first = await write('app/one', { token: 'first-value-1' });
    expect(first.status).toBe(200);
    expect(Object.keys(first.json).sort()).toEqual(
      ['auth', 'data', 'lease_duration', 'lease_id', 'mount_type', 'renewable', 'request_id', 'warnings', 'wrap_info'].sort(),
    );
    expect(first.json.data).toMatchObject({ version: 1, deletion_time: '', destroyed: false, custom_metadata: null });
    expect(first.json.data.created_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    await write('app/one', { token: 'second-value-2' });
    const latest = await call('GET', '/v1/secret/data/app/one', { token: root });
    expect(latest.json.data.data).toEqual({ token: 'second-value-2' });
    expect(latest.json.data.metadata.version).toBe(2);
    const old = await call('GET', '/v1/secret/data/app/one?version=1', { token: root });
    expect(old.json.data.data).toEqual({ token: 'first-value-1' });
    expect(vault.secret('secret', 'app/one')).toMatchObject({ version: 2, data: { token: 'second-value-2' } });
  });

  it('answers a missing secret with 404 and an empty error list', async () => {
    const res = await call('GET', '/v1/secret/data/nothing/here', { token: root });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ errors: [] });
    expect((await call('GET', '/v1/secret/data/app/one?version=9', { token: root })).json).toEqual({ errors: [] });
  });

  it('refuses a cas that is not the current version, and cas 0 once the key exists', async () => {
    await write('cas/key', { v: 'one' }, { cas: 0 });
    const stale = await write('cas/key', { v: 'two' }, { cas: 0 });
    expect(stale.status).toBe(400);
    expect(stale.json).toEqual({ errors: ['check-and-set parameter did not match the current version'] });
    expect((await write('cas/key', { v: 'two' }, { cas: 1 })).json.data.version).toBe(2);
    expect((await write('cas/key', { v: 'x' }, { cas: 'abc' })).json.errors).toEqual(['error parsing check-and-set parameter']);
    expect(vault.secret('secret', 'cas/key')?.data).toEqual({ v: 'two' });
  });

  it('requires cas when the key or the mount says so', async () => {
    await write('strict/key', { v: 1 });
    await call('POST', '/v1/secret/metadata/strict/key', { token: root, body: { cas_required: true } });
    expect((await write('strict/key', { v: 2 })).json).toEqual({ errors: ['check-and-set parameter required for this call'] });
    expect((await write('strict/key', { v: 2 }, { cas: 1 })).status).toBe(200);
    vault.requireCas('secret');
    try {
      expect((await write('other/key', { v: 1 })).json.errors).toEqual(['check-and-set parameter required for this call']);
      expect((await call('GET', '/v1/secret/config', { token: root })).json.data).toEqual({
        cas_required: true,
        delete_version_after: '0s',
        max_versions: 0,
      });
    } finally {
      vault.requireCas('secret', false);
    }
  });

  it('refuses a write without data', async () => {
    const res = await call('POST', '/v1/secret/data/app/empty', { token: root, body: { options: { cas: 0 } } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errors: ['no data provided'] });
    expect(vault.metadata('secret', 'app/empty')).toBeUndefined();
  });

  it('soft-deletes, undeletes and destroys versions; a deleted version is a 404 that keeps its metadata', async () => {
    await write('life/key', { v: 'a' });
    await write('life/key', { v: 'b' });
    expect((await call('DELETE', '/v1/secret/data/life/key', { token: root })).status).toBe(204);
    const deleted = await call('GET', '/v1/secret/data/life/key', { token: root });
    expect(deleted.status).toBe(404);
    expect(deleted.json.data.data).toBeNull();
    expect(deleted.json.data.metadata.version).toBe(2);
    expect(deleted.json.data.metadata.deletion_time).not.toBe('');
    await call('POST', '/v1/secret/undelete/life/key', { token: root, body: { versions: [2] } });
    expect((await call('GET', '/v1/secret/data/life/key', { token: root })).json.data.data).toEqual({ v: 'b' });
    await call('POST', '/v1/secret/destroy/life/key', { token: root, body: { versions: [1] } });
    const destroyed = await call('GET', '/v1/secret/data/life/key?version=1', { token: root });
    expect(destroyed.status).toBe(404);
    expect(destroyed.json.data.metadata.destroyed).toBe(true);
    expect((await call('POST', '/v1/secret/delete/life/key', { token: root, body: {} })).json.errors).toEqual([
      'no version number provided',
    ]);
  });

  it('reports metadata with current_version and every version', async () => {
    await write('meta/key', { v: 1 });
    await write('meta/key', { v: 2 });
    const res = await call('GET', '/v1/secret/metadata/meta/key', { token: root });
    expect(res.json.data).toMatchObject({ current_version: 2, oldest_version: 0, cas_required: false, max_versions: 0 });
    expect(Object.keys(res.json.data.versions)).toEqual(['1', '2']);
    expect(res.json.data.versions['1']).toEqual({ created_time: expect.any(String), deletion_time: '', destroyed: false });
    expect((await call('DELETE', '/v1/secret/metadata/meta/key', { token: root })).status).toBe(204);
    expect((await call('GET', '/v1/secret/metadata/meta/key', { token: root })).status).toBe(404);
  });

  it('keeps at most max_versions versions', async () => {
    await call('POST', '/v1/secret/metadata/short/key', { token: root, body: { max_versions: 2 } });
    for (const v of [1, 2, 3]) await write('short/key', { v });
    const meta = await call('GET', '/v1/secret/metadata/short/key', { token: root });
    expect(Object.keys(meta.json.data.versions)).toEqual(['2', '3']);
    expect(meta.json.data.oldest_version).toBe(2);
  });

  it('lists keys and folders with ?list=true', async () => {
    await write('tree/a', { v: 1 });
    await write('tree/sub/b', { v: 1 });
    const listed = await call('GET', '/v1/secret/metadata/tree?list=true', { token: root });
    expect(listed.json.data.keys).toEqual(['a', 'sub/']);
    expect((await call('GET', '/v1/secret/metadata/tree/?list=true', { token: root })).json.data.keys).toEqual(['a', 'sub/']);
    expect((await call('GET', '/v1/secret/metadata/none?list=true', { token: root })).json).toEqual({ errors: [] });
  });

  it('refuses v1-style paths on a v2 mount and writes to a path ending in a slash', async () => {
    const v1Style = await call('GET', '/v1/secret/app/one', { token: root });
    expect(v1Style.status).toBe(404);
    expect(v1Style.json.errors).toEqual(['1 error occurred:\n\t* unsupported path\n\n']);
    const slash = await call('POST', '/v1/secret/data/dir/', { token: root, body: { data: { a: 1 } } });
    expect(slash.json).toEqual({ errors: ["cannot write to a path ending in '/'"] });
    expect((await call('GET', '/v1/nomount/data/x', { token: root })).json).toEqual({
      errors: ['no handler for route "nomount/data/x". route entry not found.'],
    });
  });
});

describe('KV v1', () => {
  it('stores one unversioned object per path', async () => {
    expect((await call('POST', '/v1/kv/team/db', { token: root, body: { password: 'kv1-password-value' } })).status).toBe(204);
    const read = await call('GET', '/v1/kv/team/db', { token: root });
    expect(read.json.data).toEqual({ password: 'kv1-password-value' });
    expect(read.json.lease_duration).toBe(2764800);
    expect(vault.kv1Entry('kv', 'team/db')).toEqual({ password: 'kv1-password-value' });
    expect((await call('GET', '/v1/kv/team?list=true', { token: root })).json.data.keys).toEqual(['db']);
    expect((await call('DELETE', '/v1/kv/team/db', { token: root })).status).toBe(204);
    expect((await call('GET', '/v1/kv/team/db', { token: root })).json).toEqual({ errors: [] });
  });
});
