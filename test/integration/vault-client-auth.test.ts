/**
 * The Vault client's authentication against the Vault fake over HTTPS: a JWT login with the
 * runner's OIDC token, a static token, refusals with their reasons, an expired OIDC token, and
 * revoking the token at the end so that none stays alive.
 */
import { describe, expect, it } from 'vitest';
import { GitHubOidcUnavailable, VaultLoginRefused, VaultOidcTokenExpired, VaultPermissionDenied } from '../../src/vault/errors.js';
import { githubOidcToken } from '../../src/vault/github-oidc.js';
import { mintGitHubToken } from '../fakes/vault/oidc-tokens.js';
import { REPO, ROLE, thrown, useVaultHarness } from './vault-client-harness.js';

const h = useVaultHarness();

describe('JWT login with the runner OIDC token', () => {
  it('logs in, masks the JWT and the client token before any log line, and sends the token on later requests', async () => {
    const client = await h.client();
    const jwt = await h.runnerJwt();
    expect(h.oidc.minted.at(-1)).toEqual({ audience: h.vault.url, token: jwt });
    const login = await client.loginWithJwt({ role: ROLE, jwt });
    expect(login).toEqual({ policies: ['default', 'deliver'], ttlSeconds: 600 });
    expect(await client.lookupSelf()).toEqual({ displayName: `jwt-${REPO}`, policies: ['default', 'deliver'], ttlSeconds: 600 });
    const lookup = h.vault.requests.at(-1)!;
    expect(lookup).toMatchObject({ path: '/v1/auth/token/lookup-self', namespace: undefined });

    const issued = h.vault.liveTokens().filter((t) => t.path === 'auth/jwt/login');
    expect(issued).toHaveLength(1);
    const token = issued[0]!.id;
    expect(lookup.token).toBe(token);
    expect(await client.revokeSelf()).toBe('revoked');
    const firstLog = h.events.findIndex((e) => e.kind === 'log');
    const maskedAt = (value: string) => h.events.findIndex((e) => e.kind === 'mask' && e.value === value);
    expect(maskedAt(jwt)).toBeGreaterThanOrEqual(0);
    expect(maskedAt(token)).toBeGreaterThanOrEqual(0);
    expect(firstLog).toBeGreaterThan(maskedAt(token));
    expect(h.lines()).toContain(`Vault: logged in at auth/jwt with role '${ROLE}' (policies default, deliver; valid 600 s)`);

    const login0 = h.vault.requests.find((r) => r.path === '/v1/auth/jwt/login')!;
    expect(login0.token).toBeUndefined();
    expect(JSON.parse(login0.body)).toEqual({ role: ROLE, jwt });
    h.expectNoSecretsLogged();
  });

  it('revokes the token it logged in with, once; no token of the run stays alive', async () => {
    const client = await h.client();
    const before = new Set(h.vault.liveTokens().map((t) => t.id));
    await client.loginWithJwt({ role: ROLE, jwt: await h.runnerJwt() });
    const token = h.vault.liveTokens().find((t) => !before.has(t.id))!.id;
    expect(await client.revokeSelf()).toBe('revoked');
    expect(h.vault.isLive(token)).toBe(false);
    expect(h.vault.tokens.revoked().map((t) => t.id)).toContain(token);
    expect(h.vault.liveTokens().filter((t) => !before.has(t.id))).toEqual([]);
    expect(await client.revokeSelf()).toBe('no-token');
    expect(h.vault.requests.filter((r) => r.path === '/v1/auth/token/revoke-self')).toHaveLength(1);
    await expect(client.lookupSelf()).rejects.toThrow(/no token/);
    h.expectNoSecretsLogged();
  });

  it('reports a token that expired before the end as already gone', async () => {
    const client = await h.client();
    await client.loginWithJwt({ role: ROLE, jwt: await h.runnerJwt() });
    h.vault.clock.advance(601);
    try {
      expect(await client.revokeSelf()).toBe('already-gone');
      expect(h.vault.liveTokens().filter((t) => t.path === 'auth/jwt/login')).toEqual([]);
    } finally {
      h.vault.clock.advance(-601);
    }
  });

  it('refuses a run whose ref the role does not bind, naming the role, the reason and the claim', async () => {
    const client = await h.client();
    h.oidc.identity = { repository: REPO, ref: 'refs/pull/7/merge', eventName: 'pull_request' };
    try {
      const err = await thrown(client.loginWithJwt({ role: ROLE, jwt: await h.runnerJwt() }));
      expect(err).toBeInstanceOf(VaultLoginRefused);
      expect(err.message).toBe(
        `Vault refused the JWT login for role '${ROLE}' at auth/jwt: error validating claims: claim "ref" does not match any associated bound claim values (this run's token has ref 'refs/pull/7/merge'; the role's bound_claims must accept it)`,
      );
    } finally {
      h.oidc.identity = { repository: REPO, ref: 'refs/heads/main' };
    }
    expect(h.vault.liveTokens().filter((t) => t.path === 'auth/jwt/login')).toEqual([]);
    h.expectNoSecretsLogged();
  });

  it('refuses an unknown role, a token for another audience and a mount with no JWT method, with what to change', async () => {
    const client = await h.client();
    const unknown = await thrown(client.loginWithJwt({ role: 'nobody', jwt: await h.runnerJwt() }));
    expect(unknown.message).toBe(
      `Vault refused the JWT login for role 'nobody' at auth/jwt: role "nobody" could not be found (check vault-role against the roles of auth/jwt)`,
    );
    const other = await thrown(client.loginWithJwt({ role: ROLE, jwt: await h.runnerJwt('https://github.com/acme') }));
    expect(other.message).toMatch(
      /invalid audience \(aud\) claim.*issued for the audience 'https:\/\/github\.com\/acme'; set vault-audience/,
    );
    const noMethod = await thrown(client.loginWithJwt({ mount: 'github', role: ROLE, jwt: await h.runnerJwt() }));
    expect(noMethod).toBeInstanceOf(VaultLoginRefused);
    expect(noMethod.message).toBe(
      `Vault refused the JWT login for role '${ROLE}' at auth/github: missing client token (is a JWT auth method enabled at auth/github?)`,
    );
    // A refusal is not retried: each login is one request.
    expect(h.vault.requests.filter((r) => r.path === '/v1/auth/jwt/login')).toHaveLength(2);
    expect(h.sleeps).toEqual([]);
  });

  it('reports an OIDC token that expired before Vault checked it', async () => {
    const client = await h.client();
    const issuedAt = h.vault.clock.nowSeconds() - 600;
    const stale = await mintGitHubToken(h.oidc.issuer, h.oidc.identity, { audience: h.vault.url, nowSeconds: issuedAt });
    const err = await thrown(client.loginWithJwt({ role: ROLE, jwt: stale }));
    expect(err).toBeInstanceOf(VaultOidcTokenExpired);
    expect(err).toBeInstanceOf(VaultLoginRefused);
    expect(err.message).toMatch(/token is expired \(the workflow's OIDC token had expired; it is valid for five minutes/);
    expect(err.message).not.toContain(stale);
    expect(h.events).toContainEqual({ kind: 'mask', value: stale });
  });

  it('says which permission the workflow lacks when the runner offers no OIDC token', async () => {
    let called = false;
    const err = await thrown(githubOidcToken('https://vault.example.com', async () => ((called = true), 'x.y.z'), { env: {} }));
    expect(err).toBeInstanceOf(GitHubOidcUnavailable);
    expect(err.message).toBe(
      'no GitHub OIDC token is available to this job: the job needs `permissions: id-token: write` for a Vault JWT login (or pass `vault-token` instead of `vault-role`)',
    );
    expect(called).toBe(false);
  });
});

describe('static token', () => {
  it('uses a given token, masks it, and never revokes it', async () => {
    const token = h.vault.createToken({ policies: ['default', 'deliver'], ttl: 3600 });
    const client = await h.client();
    client.useToken(token);
    expect(h.events).toEqual([{ kind: 'mask', value: token }]);
    expect((await client.lookupSelf()).policies).toEqual(['default', 'deliver']);
    expect(await client.revokeSelf()).toBe('not-owned');
    expect(h.vault.isLive(token)).toBe(true);
    expect(h.vault.requests.map((r) => r.path)).not.toContain('/v1/auth/token/revoke-self');
    h.expectNoSecretsLogged([token]);
  });

  it('reports a token Vault does not know as not valid, without the token in the message', async () => {
    const client = await h.client();
    const token = 'hvs.notAnIssuedTokenValue000001';
    client.useToken(token);
    const err = await thrown(client.lookupSelf());
    expect(err).toBeInstanceOf(VaultPermissionDenied);
    expect(err.message).toBe('Vault refused GET auth/token/lookup-self: the Vault token is not valid any more (expired or revoked)');
    expect(err.message).not.toContain(token);
  });
});

describe('namespace', () => {
  it('sends X-Vault-Namespace on every request, the login included, and writes in that namespace', async () => {
    const vault = h.vault;
    vault.createNamespace('team-a');
    vault.mountKv('secret', 2, { namespace: 'team-a' });
    vault.configureJwt({ jwks: () => h.oidc.jwks() }, { namespace: 'team-a' });
    vault.writePolicy('ns-deliver', { 'secret/data/pve/*': ['create', 'update', 'read'] }, { namespace: 'team-a' });
    vault.writeJwtRole('ns-role', { boundAudiences: [vault.url], tokenPolicies: ['ns-deliver'] }, { namespace: 'team-a' });
    const client = await h.client({ namespace: '/team-a/' });
    await client.loginWithJwt({ role: 'ns-role', jwt: await h.runnerJwt() });
    const written = await client.writeFields({ mount: 'secret', path: 'pve/ci' }, { token: 'in-namespace-value-1' });
    expect(written).toEqual({ version: 1, previousVersion: 0 });
    expect(vault.secret('secret', 'pve/ci', { namespace: 'team-a' })?.data).toEqual({ token: 'in-namespace-value-1' });
    expect(vault.metadata('secret', 'pve/ci')).toBeUndefined();
    // login, mount detection, read, write
    expect(vault.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'GET', 'POST']);
    expect(vault.requests.every((r) => r.namespace === 'team-a')).toBe(true);
    expect(await client.revokeSelf()).toBe('revoked');
    h.expectNoSecretsLogged(['in-namespace-value-1']);
  });
});
