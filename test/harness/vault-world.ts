/**
 * A Vault fake beside a world, set up as the README's Vault section says: JWT auth trusting the
 * runner's OIDC issuer, a role bound to the repository and `refs/heads/main` with the audience
 * of the Vault URL, and a policy for the `proxmox/*` secrets of the `secret` mount. The world
 * then leak-checks the Vault requests too.
 */
import { ProxmoxApiError } from '../../src/errors.js';
import { createProxmoxClient } from '../../src/proxmox/client.js';
import { startVaultFake, type FakeVault, type JwtRole } from '../fakes/vault/index.js';
import { GITHUB_ISSUER } from '../fakes/vault/oidc-tokens.js';
import { REPO, type World } from './world.js';

export const VAULT_ROLE = 'proxmox-access';

export const VAULT_POLICY = `path "secret/data/proxmox/*" {
  capabilities = ["create", "update", "read"]
}
path "secret/metadata/proxmox/*" {
  capabilities = ["read"]
}
`;

export async function attachVault(world: World, role: Partial<JwtRole> = {}): Promise<FakeVault> {
  const vault = await startVaultFake();
  world.vault = vault;
  // Tokens are minted on the Vault fake's clock, so a test can let them expire by moving it.
  world.oidc.now = () => vault.clock.now();
  vault.configureJwt({ jwks: () => world.oidc.jwks(), boundIssuer: GITHUB_ISSUER });
  vault.writePolicy(VAULT_ROLE, VAULT_POLICY);
  vault.writeJwtRole(VAULT_ROLE, {
    boundAudiences: [vault.url],
    boundClaims: { repository: REPO, ref: 'refs/heads/main' },
    userClaim: 'repository',
    tokenPolicies: [VAULT_ROLE],
    tokenTtl: 600,
    ...role,
  });
  return vault;
}

/** The inputs and runner variables of an apply job that delivers to this Vault with a role login. */
export const vaultJob = (vault: FakeVault, world: World, inputs: Readonly<Record<string, string>> = {}) => ({
  inputs: { 'vault-url': vault.url, 'vault-role': VAULT_ROLE, 'vault-fingerprint': vault.fingerprint ?? '', ...inputs },
  env: world.oidc.env(),
});

/** Whether a token secret read back from Vault works against the simulator: true, or the status PVE answered. */
export async function authenticates(world: World, tokenId: string, secret: string): Promise<true | number> {
  const client = await createProxmoxClient({ url: world.sim.url, auth: { tokenId, secret }, fingerprint: world.sim.fingerprint });
  try {
    await client.getVersion();
    return true;
  } catch (err) {
    if (err instanceof ProxmoxApiError) return err.status;
    throw err;
  } finally {
    await client.close();
  }
}
