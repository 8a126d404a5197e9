/**
 * A Vault fake beside a world, set up as the README's Vault section says: JWT auth trusting the
 * runner's OIDC issuer, a role bound to the repository and `refs/heads/main` with the audience
 * of the Vault URL, and a policy for the `proxmox/*` secrets of the `secret` mount. The world
 * then leak-checks the Vault requests too.
 */
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

/** The token the Vault end-to-end tests deliver, to `proxmox/terraform` in the `secret` mount. */
export const VAULT_TOKEN = 'ci@pve!terraform';

/** A spec declaring VAULT_TOKEN with Vault as its only delivery target; more top-level keys may follow it. */
export function vaultTokenSpec(options: { lifetime?: string } = {}): string {
  const lifetime = options.lifetime === undefined ? '' : `        lifetime: ${options.lifetime}\n`;
  return `version: 1
users:
  ci@pve:
    tokens:
      terraform:
${lifetime}        deliver:
          - vault: { path: proxmox/terraform }
`;
}
