import { describe, expect, it } from 'vitest';
import { VaultApiError, VaultLoginRefused, VaultOidcTokenExpired, VaultPermissionDenied, VaultSealed } from '../../src/vault/errors.js';
import { githubOidcToken } from '../../src/vault/github-oidc.js';
import { currentVersionLive, kv2Current, kvVersionOf } from '../../src/vault/kv2-answers.js';
import { loginRefusal, parseLogin } from '../../src/vault/login.js';
import { isRetryable } from '../../src/vault/retry.js';
import { errorReasons, toVaultError } from '../../src/vault/transport.js';
import { parseVaultUrl } from '../../src/vault/url.js';

const jwtWith = (claims: Record<string, unknown>): string => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;

describe('Vault error answers', () => {
  it('splits the ACL layer multi-error into its reasons', () => {
    expect(errorReasons({ errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] })).toEqual([
      'permission denied',
      'invalid token',
    ]);
    expect(errorReasons({ errors: ['Vault is sealed'] })).toEqual(['Vault is sealed']);
    expect(errorReasons({ errors: [] })).toEqual([]);
    expect(errorReasons(undefined)).toEqual([]);
  });

  it('types sealed, denied and invalid-token answers; only 429, 502 and 504 are retried', () => {
    const sealed = toVaultError('GET', 'secret/data/x', { status: 503, json: { errors: ['Vault is sealed'] } });
    expect(sealed).toBeInstanceOf(VaultSealed);
    expect(isRetryable(sealed)).toBe(false);
    const denied = toVaultError('GET', 'x', { status: 403, json: { errors: ['1 error occurred:\n\t* permission denied\n\n'] } });
    expect(denied).toBeInstanceOf(VaultPermissionDenied);
    expect((denied as VaultPermissionDenied).invalidToken).toBe(false);
    const invalid = toVaultError('GET', 'x', {
      status: 403,
      json: { errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] },
    });
    expect((invalid as VaultPermissionDenied).invalidToken).toBe(true);
    for (const status of [429, 502, 504]) expect(isRetryable(toVaultError('GET', 'x', { status, json: undefined }))).toBe(true);
    for (const status of [400, 404, 500, 503]) expect(isRetryable(toVaultError('GET', 'x', { status, json: undefined }))).toBe(false);
  });

  it('keeps an answer with line breaks on one line', () => {
    const err = toVaultError('GET', 'a\nb', { status: 500, json: { errors: ['boom\n::add-mask::x'] } });
    expect(err).toBeInstanceOf(VaultApiError);
    expect(err.message).toBe('Vault GET a\\nb: 500 boom\\n::add-mask::x');
  });
});

describe('login answers', () => {
  it('masks the client token before returning, and never returns it in the description', () => {
    const masked: string[] = [];
    const parsed = parseLogin({ auth: { client_token: 'hvs.abc', policies: ['default', 'deliver'], lease_duration: 600 } }, (v) =>
      masked.push(v),
    );
    expect(masked).toEqual(['hvs.abc']);
    expect(parsed).toEqual({ token: 'hvs.abc', login: { policies: ['default', 'deliver'], ttlSeconds: 600 } });
    expect(JSON.stringify(parsed?.login)).not.toContain('hvs.abc');
    expect(parseLogin({ auth: null }, () => {})).toBeUndefined();
  });

  it('explains a refusal with the claim of the token the role did not accept', () => {
    const jwt = jwtWith({ ref: 'refs/heads/feature', aud: 'https://github.com/acme' });
    const claim = loginRefusal('jwt', 'ci', jwt, {
      errors: ['error validating claims: claim "ref" does not match any associated bound claim values'],
    });
    expect(claim).toBeInstanceOf(VaultLoginRefused);
    expect(claim.message).toContain("(this run's token has ref 'refs/heads/feature'; the role's bound_claims must accept it)");
    const audience = loginRefusal('jwt', 'ci', jwt, {
      errors: ['error validating token: invalid audience (aud) claim: audience claim does not match any expected audience'],
    });
    expect(audience.message).toContain("issued for the audience 'https://github.com/acme'; set vault-audience");
    const expired = loginRefusal('jwt', 'ci', jwt, {
      errors: ['error validating token: invalid expiration time (exp) claim: token is expired'],
    });
    expect(expired).toBeInstanceOf(VaultOidcTokenExpired);
    expect(expired.message).not.toContain(jwt);
    expect(loginRefusal('gh', 'ci', 'not-a-jwt', {}).message).toBe(
      "Vault refused the JWT login for role 'ci' at auth/gh: Vault gave no reason",
    );
  });
});

describe('KV answers', () => {
  it('reads the KV version of a mount', () => {
    expect(kvVersionOf('secret', { data: { path: 'secret/', type: 'kv', options: { version: '2' } } })).toBe(2);
    expect(kvVersionOf('kv', { data: { path: 'kv/', type: 'kv', options: { version: '1' } } })).toBe(1);
    expect(kvVersionOf('old', { data: { path: 'old/', type: 'generic', options: null } })).toBe(1);
    expect(() => kvVersionOf('pki', { data: { path: 'pki/', type: 'pki' } })).toThrow("the Vault mount 'pki' is a 'pki' engine");
  });

  it('takes a missing secret as version 0 and a deleted one at its version, without fields', () => {
    expect(kv2Current(404, { errors: [] })).toEqual({ version: 0, data: {} });
    expect(kv2Current(404, { data: { data: null, metadata: { version: 4, deletion_time: '2030-01-01T00:00:00Z' } } })).toEqual({
      version: 4,
      data: {},
    });
    expect(kv2Current(200, { data: { data: { a: '1' }, metadata: { version: 2 } } })).toEqual({ version: 2, data: { a: '1' } });
    expect(kv2Current(200, { data: {} })).toBeUndefined();
  });

  it('counts a current version as present until its deletion time has passed', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const meta = (deletion: string, destroyed = false) => ({
      data: { current_version: 2, versions: { '1': { deletion_time: '', destroyed: false }, '2': { deletion_time: deletion, destroyed } } },
    });
    expect(currentVersionLive(meta(''), now)).toBe(true);
    expect(currentVersionLive(meta('2025-12-31T23:59:59.123456789Z'), now)).toBe(false);
    expect(currentVersionLive(meta('2026-01-02T00:00:00.000000000Z'), now)).toBe(true);
    expect(currentVersionLive(meta('', true), now)).toBe(false);
    expect(currentVersionLive({ data: { current_version: 0, versions: {} } }, now)).toBe(false);
  });
});

describe('Vault URL', () => {
  it('accepts https, and http only to this machine', () => {
    expect(parseVaultUrl('https://vault.example.com:8200/')).toEqual({ origin: 'https://vault.example.com:8200', basePath: '' });
    expect(parseVaultUrl('https://example.com/vault/v1')).toEqual({ origin: 'https://example.com', basePath: '/vault' });
    expect(parseVaultUrl('http://127.0.0.1:8200').origin).toBe('http://127.0.0.1:8200');
    expect(parseVaultUrl('http://localhost:8200').origin).toBe('http://localhost:8200');
    expect(() => parseVaultUrl('http://10.0.0.5:8200')).toThrow(/must use https/);
    expect(() => parseVaultUrl('vault:8200x')).toThrow(/must use https|not a URL/);
    expect(() => parseVaultUrl('https://user:pw@vault.example.com')).toThrow('the Vault URL must be only the address');
  });
});

describe('githubOidcToken', () => {
  const env = { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://runner/idtoken?api-version=2.0', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'req' };

  it('asks for the audience and masks the token', async () => {
    const asked: (string | undefined)[] = [];
    const masked: string[] = [];
    const jwt = jwtWith({ aud: 'https://vault' });
    const token = await githubOidcToken('https://vault', async (aud) => (asked.push(aud), jwt), { env, mask: (v) => masked.push(v) });
    expect(token).toBe(jwt);
    expect(asked).toEqual(['https://vault']);
    expect(masked).toEqual([jwt]);
  });

  it("turns getIDToken's missing-variable error into the permission the workflow lacks", async () => {
    const failing = async (): Promise<string> => {
      throw new Error('Error message: Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
    };
    await expect(githubOidcToken('https://vault', failing, { env })).rejects.toThrow(
      /could not get a GitHub OIDC token for audience 'https:\/\/vault': the job needs `permissions: id-token: write`/,
    );
  });
});
