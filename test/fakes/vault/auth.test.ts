import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVaultFake, type FakeVault } from './index.js';
import { base64url, mintGitHubToken, OidcIssuer, type WorkflowIdentity } from './oidc-tokens.js';
import { vaultClient, type VaultCall } from './test-client.js';

const AUDIENCE = 'https://vault.example.test';
const RUN: WorkflowIdentity = { repository: 'acme/infra', ref: 'refs/heads/main' };

let vault: FakeVault;
let call: VaultCall & { close(): Promise<void> };
const issuer = new OidcIssuer();

beforeAll(async () => {
  vault = await startVaultFake();
  call = vaultClient(vault);
  vault.configureJwt({ jwks: () => issuer.jwks(), boundIssuer: 'https://token.actions.githubusercontent.com' });
  vault.writePolicy('deliver', 'path "secret/data/pve/*" {\n  capabilities = ["create", "update", "read"]\n}\n');
  vault.writeJwtRole('deliver', {
    boundAudiences: [AUDIENCE],
    boundClaims: { repository: 'acme/infra', ref: 'refs/heads/main' },
    userClaim: 'repository',
    tokenPolicies: ['deliver'],
    tokenTtl: 600,
  });
});
afterAll(async () => {
  await call.close();
  await vault.stop();
});

const login = async (jwt: string, role = 'deliver') => call('POST', '/v1/auth/jwt/login', { body: { role, jwt } });
const mint = (options: Parameters<typeof mintGitHubToken>[2] = {}, identity: WorkflowIdentity = RUN) =>
  mintGitHubToken(issuer, identity, { audience: AUDIENCE, nowSeconds: vault.clock.nowSeconds(), ...options });

describe('JWT login', () => {
  it('issues a fresh hvs. token with the role policies and default, which then works', async () => {
    const res = await login(await mint());
    expect(res.status).toBe(200);
    const { auth } = res.json;
    expect(auth.client_token).toMatch(/^hvs\.[A-Za-z0-9]{24}$/);
    expect(auth).toMatchObject({
      policies: ['default', 'deliver'],
      token_policies: ['default', 'deliver'],
      lease_duration: 600,
      renewable: true,
    });
    expect(auth.metadata).toEqual({ role: 'deliver' });
    expect(vault.isLive(auth.client_token)).toBe(true);
    const written = await call('POST', '/v1/secret/data/pve/gha', { token: auth.client_token, body: { data: { token: 'v' } } });
    expect(written.status).toBe(200);
    const lookup = await call('GET', '/v1/auth/token/lookup-self', { token: auth.client_token });
    expect(lookup.json.data).toMatchObject({
      path: 'auth/jwt/login',
      policies: ['default', 'deliver'],
      ttl: 600,
      meta: { role: 'deliver' },
    });
  });

  it.each([
    ['no role', { jwt: 'x' }, 'missing role'],
    ['an unknown role', { role: 'nobody', jwt: 'x' }, 'role "nobody" could not be found'],
    ['no jwt', { role: 'deliver' }, 'missing token'],
  ])('refuses %s', async (_name, body, message) => {
    const res = await call('POST', '/v1/auth/jwt/login', { body });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errors: [message] });
  });

  it('refuses tokens whose signature the key set does not verify', async () => {
    const stranger = await mintGitHubToken(new OidcIssuer(), RUN, { audience: AUDIENCE });
    const signature = 'error validating token: error verifying token signature: failed to verify id token signature';
    expect((await login(stranger)).json).toEqual({ errors: [signature] });
    const good = await mint();
    const [header, , sig] = good.split('.');
    const forged = `${header}.${base64url(JSON.stringify({ ...decode(good), repository: 'evil/repo' }))}.${sig}`;
    expect((await login(forged)).json.errors).toEqual([signature]);
    expect((await login('not-a-jwt')).json.errors[0]).toMatch(
      /^error validating token: error verifying token signature: oidc: malformed jwt/,
    );
  });

  it('refuses a token signed before the key was rotated', async () => {
    const rotatingIssuer = new OidcIssuer();
    vault.configureJwt({ jwks: () => rotatingIssuer.jwks() }, { mount: 'rotating' });
    vault.writeJwtRole('r', { boundAudiences: [AUDIENCE] }, { mount: 'rotating' });
    const before = await mintGitHubToken(rotatingIssuer, RUN, { audience: AUDIENCE });
    const ok = await call('POST', '/v1/auth/rotating/login', { body: { role: 'r', jwt: before } });
    expect(ok.status).toBe(200);
    rotatingIssuer.rotate();
    const after = await call('POST', '/v1/auth/rotating/login', { body: { role: 'r', jwt: before } });
    expect(after.json.errors).toEqual(['error validating token: error verifying token signature: failed to verify id token signature']);
  });

  it('checks audience, issuer and the bound claims with the plugin texts', async () => {
    expect((await login(await mint({ audience: 'https://github.com/acme' }))).json.errors).toEqual([
      'error validating token: invalid audience (aud) claim: audience claim does not match any expected audience',
    ]);
    expect((await login(await mint({ claims: { iss: 'https://issuer.invalid' } }))).json.errors).toEqual([
      'error validating token: invalid issuer (iss) claim',
    ]);
    expect((await login(await mint({}, { ...RUN, repository: 'acme/other' }))).json.errors).toEqual([
      'error validating claims: claim "repository" does not match any associated bound claim values',
    ]);
    expect((await login(await mint({}, { ...RUN, ref: 'refs/heads/feature' }))).json.errors).toEqual([
      'error validating claims: claim "ref" does not match any associated bound claim values',
    ]);
    expect((await login(await mint({ claims: { ref: null } }))).json.errors).toEqual(['error validating claims: claim "ref" is missing']);
  });

  it('refuses a token with an audience when the role binds none, and honours glob bound claims', async () => {
    vault.writeJwtRole('loose', { boundClaims: { repository: 'acme/*' } });
    expect((await login(await mint(), 'loose')).json.errors).toEqual(['audience claim found in JWT but no audiences bound to the role']);
    vault.writeJwtRole('globbed', { boundAudiences: [AUDIENCE], boundClaimsType: 'glob', boundClaims: { ref: 'refs/heads/*' } });
    expect((await login(await mint({}, { ...RUN, ref: 'refs/heads/feature' }), 'globbed')).status).toBe(200);
    expect((await login(await mint({}, { ...RUN, ref: 'refs/tags/v1' }), 'globbed')).status).toBe(400);
  });

  it('checks exp, nbf and iat on the fake clock, with 60 s of skew', async () => {
    const now = vault.clock.nowSeconds();
    const token = await mint({ nowSeconds: now });
    vault.clock.set((now + 300 + 59) * 1000);
    expect((await login(token)).status).toBe(200);
    vault.clock.set((now + 300 + 61) * 1000);
    expect((await login(token)).json.errors).toEqual(['error validating token: invalid expiration time (exp) claim: token is expired']);
    vault.clock.set(now * 1000);
    expect((await login(await mint({ claims: { nbf: now + 120, iat: now } }))).json.errors).toEqual([
      'error validating token: invalid not before (nbf) claim: token not yet valid',
    ]);
    expect((await login(await mint({ claims: { iat: now + 120, nbf: now - 10 } }))).json.errors).toEqual([
      'error validating token: invalid issued at (iat) claim: token issued in the future',
    ]);
    expect((await login(await mint({ claims: { iat: undefined, nbf: undefined, exp: undefined } }))).json.errors).toEqual([
      'error validating token: no issued at (iat), not before (nbf), or expiration time (exp) claims in token',
    ]);
  });

  it('needs the role user claim and a configured method', async () => {
    vault.writeJwtRole('by-actor', { boundAudiences: [AUDIENCE], userClaim: 'missing_claim' });
    expect((await login(await mint(), 'by-actor')).json.errors).toEqual(['claim "missing_claim" not found in token']);
    vault.writeJwtRole('x', {}, { mount: 'unconfigured' });
    const res = await call('POST', '/v1/auth/unconfigured/login', { body: { role: 'x', jwt: await mint() } });
    expect(res.json.errors).toEqual(['could not load configuration']);
  });
});

describe('tokens', () => {
  it('refuses a request without a token (400) and with an unknown one (403, two errors)', async () => {
    expect(await call('GET', '/v1/secret/data/pve/gha')).toMatchObject({ status: 400, json: { errors: ['missing client token'] } });
    const unknown = await call('GET', '/v1/secret/data/pve/gha', { token: 'hvs.unknownTokenValue0000000' });
    expect(unknown.status).toBe(403);
    expect(unknown.json).toEqual({ errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] });
  });

  it('accepts Authorization: Bearer as well as X-Vault-Token', async () => {
    const res = await call('GET', '/v1/auth/token/lookup-self', { headers: { authorization: `Bearer ${vault.rootToken}` } });
    expect(res.json.data.policies).toEqual(['root']);
  });

  it('revoke-self ends the calling token and only that one', async () => {
    const a = vault.createToken({ policies: ['default'] });
    const b = vault.createToken({ policies: ['default'] });
    expect((await call('POST', '/v1/auth/token/revoke-self', { token: a })).status).toBe(204);
    expect(vault.isLive(a)).toBe(false);
    expect(vault.tokens.revoked().map((t) => t.id)).toContain(a);
    expect(vault.liveTokens().map((t) => t.id)).toContain(b);
    expect((await call('GET', '/v1/auth/token/lookup-self', { token: a })).status).toBe(403);
  });

  it('lets tokens expire on the fake clock', async () => {
    const token = vault.createToken({ policies: ['default'], ttl: 30 });
    expect((await call('GET', '/v1/auth/token/lookup-self', { token })).json.data.ttl).toBeLessThanOrEqual(30);
    vault.clock.advance(31);
    expect((await call('GET', '/v1/auth/token/lookup-self', { token })).status).toBe(403);
  });
});

function decode(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}
