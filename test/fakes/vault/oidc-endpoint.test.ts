/**
 * The GitHub fake's runner OIDC endpoint, driven through `@actions/core`'s own `getIDToken`,
 * and the token it hands out used for a JWT login at the Vault fake.
 */
import * as core from '@actions/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RUNNER_TOKEN, startBackends, type Backends } from '../backends.js';
import { startVaultFake, type FakeVault } from './index.js';
import { vaultClient, type VaultCall } from './test-client.js';

let backends: Backends;
let vault: FakeVault;
let call: VaultCall & { close(): Promise<void> };

beforeAll(async () => {
  backends = await startBackends({ issueRoutes: false });
  vault = await startVaultFake();
  call = vaultClient(vault);
  backends.oidc.now = () => vault.clock.now();
  vault.configureJwt({ jwks: () => backends.oidc.jwks(), boundIssuer: 'https://token.actions.githubusercontent.com' });
  vault.writeJwtRole('proxmox-access', {
    boundAudiences: [vault.url],
    boundClaims: { repository: 'acme/infra', ref: 'refs/heads/main' },
    userClaim: 'repository',
    tokenPolicies: ['default'],
  });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await call.close();
  await vault.stop();
  await backends.stop();
});

function useRunnerEnv(): string[] {
  for (const [name, value] of Object.entries(backends.oidc.env())) vi.stubEnv(name, value);
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  return written;
}

describe('runner OIDC endpoint', () => {
  it('serves getIDToken(audience) a GitHub-like token that logs into Vault', async () => {
    const stdout = useRunnerEnv();
    const jwt = await core.getIDToken(vault.url);
    vi.mocked(process.stdout).write.mockRestore();
    expect(stdout.join('')).toContain(`::add-mask::${jwt}`);
    expect(backends.oidc.minted).toEqual([{ audience: vault.url, token: jwt }]);
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(claims).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      aud: vault.url,
      sub: 'repo:acme/infra:ref:refs/heads/main',
      repository: 'acme/infra',
      repository_owner: 'acme',
      ref: 'refs/heads/main',
    });
    expect(claims.exp).toBe((claims.iat as number) + 300);
    const login = await call('POST', '/v1/auth/jwt/login', { body: { role: 'proxmox-access', jwt } });
    expect(login.status).toBe(200);
    expect(vault.isLive(login.json.auth.client_token)).toBe(true);
    const requested = backends.github.requests.find((r) => r.path.endsWith('/idtoken'));
    expect(requested?.query).toBe(`api-version=2.0&audience=${encodeURIComponent(vault.url)}`);
    expect(requested?.authorization).toBe(`Bearer ${backends.oidc.requestToken}`);
  });

  it('follows the run identity, so a branch the role does not bind is refused', async () => {
    useRunnerEnv();
    backends.oidc.identity = { repository: 'acme/infra', ref: 'refs/pull/7/merge', eventName: 'pull_request' };
    try {
      const jwt = await core.getIDToken(vault.url);
      const login = await call('POST', '/v1/auth/jwt/login', { body: { role: 'proxmox-access', jwt } });
      expect(login.json.errors).toEqual(['error validating claims: claim "ref" does not match any associated bound claim values']);
      // Without an audience GitHub uses the owner's URL, which the role does not accept.
      const defaultAudience = await core.getIDToken();
      expect(JSON.parse(Buffer.from(defaultAudience.split('.')[1]!, 'base64url').toString()).aud).toBe('https://github.com/acme');
    } finally {
      vi.mocked(process.stdout).write.mockRestore();
      backends.oidc.identity = { repository: 'acme/infra', ref: 'refs/heads/main' };
    }
  });

  it('refuses a request without the runner request token', async () => {
    const res = await fetch(backends.oidc.requestUrl, { headers: { authorization: 'Bearer ghs_wrong' } });
    expect(res.status).toBe(401);
    // The runner's GitHub token is a real token of the fake, but not the OIDC request token.
    const other = await fetch(backends.oidc.requestUrl, { headers: { authorization: `Bearer ${RUNNER_TOKEN}` } });
    expect(other.status).toBe(401);
  });
});
