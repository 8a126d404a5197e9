import { describe, expect, it } from 'vitest';
import { missingGrants, mergeGrants, policyLine, requiredGrants } from '../../src/vault/preflight-paths.js';
import { deliveredFields, resolveVaultTarget, vaultFieldProblem, vaultTargetProblems } from '../../src/spec/vault-target.js';

describe('resolveVaultTarget', () => {
  it('fills in mount secret and field token, and drops slashes at either end', () => {
    expect(resolveVaultTarget({ path: '/proxmox/terraform/' })).toEqual({ mount: 'secret', path: 'proxmox/terraform', field: 'token' });
    expect(resolveVaultTarget({ path: 'ci', mount: '/kv2/', field: 'api_token' })).toEqual({
      mount: 'kv2',
      path: 'ci',
      field: 'api_token',
    });
  });
});

describe('vaultTargetProblems', () => {
  it.each([
    ['a plain target', { path: 'proxmox/terraform' }, []],
    ['a nested mount', { path: 'ci', mount: 'team/kv' }, []],
    ['an empty path', { path: '/' }, [{ key: 'path', message: 'the Vault path is empty' }]],
    [
      'a .. segment',
      { path: 'a/../b' },
      [{ key: 'path', message: "the Vault path 'a/../b' has an empty, '.' or '..' segment; write it as a/b/c" }],
    ],
    [
      'a double slash',
      { path: 'a//b' },
      [{ key: 'path', message: "the Vault path 'a//b' has an empty, '.' or '..' segment; write it as a/b/c" }],
    ],
    [
      'a policy wildcard',
      { path: 'proxmox/*' },
      [
        {
          key: 'path',
          message: `the Vault path 'proxmox/*' holds a character a Vault path here cannot carry (* + " \\ ? # % or an invisible one)`,
        },
      ],
    ],
    [
      'a line break, shown escaped',
      { path: 'a\n::stop-commands::x' },
      [
        {
          key: 'path',
          message: `the Vault path 'a\\n::stop-commands::x' holds a character a Vault path here cannot carry (* + " \\ ? # % or an invisible one)`,
        },
      ],
    ],
    ['an empty mount', { path: 'x', mount: '' }, [{ key: 'mount', message: 'the Vault mount is empty' }]],
  ])('%s', (_name, input, problems) => {
    expect(vaultTargetProblems(input)).toEqual(problems);
  });

  it('refuses a field named like one every delivery writes', () => {
    for (const field of ['token_id', 'expires_at']) {
      expect(vaultTargetProblems({ path: 'x', field })).toEqual([
        {
          key: 'field',
          message: `the Vault field '${field}' clashes with a field every delivery writes (token_id, expires_at); choose another name, e.g. \`token\``,
        },
      ]);
    }
    expect(vaultFieldProblem(' ')).toBe('the Vault field is empty; leave it out to use `token`');
    expect(vaultFieldProblem('token')).toBeUndefined();
    expect(vaultFieldProblem('TOKEN_ID')).toBeUndefined();
  });
});

describe('deliveredFields', () => {
  const token = { value: 'ci@pve!tf=3f2a', tokenId: 'ci@pve!tf' };
  it('puts the value in the field, with the token id and the expiry when there is one', () => {
    expect(deliveredFields(resolveVaultTarget({ path: 'x', field: 'api' }), { ...token, expiresAt: '2030-01-01T00:00:00Z' })).toEqual({
      api: 'ci@pve!tf=3f2a',
      token_id: 'ci@pve!tf',
      expires_at: '2030-01-01T00:00:00Z',
    });
    expect(deliveredFields(resolveVaultTarget({ path: 'x' }), token)).toEqual({ token: 'ci@pve!tf=3f2a', token_id: 'ci@pve!tf' });
  });
  it('refuses a field that would be overwritten by the token id', () => {
    expect(() => deliveredFields(resolveVaultTarget({ path: 'x', field: 'token_id' }), token)).toThrow(/clashes/);
  });
});

describe('preflight paths', () => {
  const target = resolveVaultTarget({ path: 'proxmox/terraform' });

  it('needs create, update and read on the data path and read on the metadata path', () => {
    expect(requiredGrants(target)).toEqual([
      { path: 'secret/data/proxmox/terraform', capabilities: ['create', 'update', 'read'] },
      { path: 'secret/metadata/proxmox/terraform', capabilities: ['read'] },
    ]);
    expect(policyLine(requiredGrants(target)[0]!)).toBe(
      'path "secret/data/proxmox/terraform" { capabilities = ["create", "update", "read"] }',
    );
  });

  it('finds what is missing; root allows everything, deny or a missing answer nothing', () => {
    const needed = requiredGrants(target);
    expect(missingGrants(needed, { 'secret/data/proxmox/terraform': ['root'], 'secret/metadata/proxmox/terraform': ['root'] })).toEqual([]);
    expect(
      missingGrants(needed, {
        'secret/data/proxmox/terraform': ['create', 'list', 'update'],
        'secret/metadata/proxmox/terraform': ['deny'],
      }),
    ).toEqual([
      {
        path: 'secret/data/proxmox/terraform',
        missing: ['read'],
        policyLine: 'path "secret/data/proxmox/terraform" { capabilities = ["create", "update", "read"] }',
      },
      {
        path: 'secret/metadata/proxmox/terraform',
        missing: ['read'],
        policyLine: 'path "secret/metadata/proxmox/terraform" { capabilities = ["read"] }',
      },
    ]);
    expect(missingGrants(needed, {}).map((m) => m.missing)).toEqual([['create', 'update', 'read'], ['read']]);
  });

  it('asks once for a path two targets share', () => {
    const grants = [...requiredGrants(target), ...requiredGrants({ mount: 'secret', path: 'proxmox/terraform' })];
    expect(mergeGrants(grants)).toEqual(requiredGrants(target));
  });
});
