/** The Vault / OpenBao client and its helpers, as the deliver step uses them (docs/vault.md). */
export {
  createVaultClient,
  type Kv2Written,
  type RevokeOutcome,
  type VaultClient,
  type VaultClientOptions,
  type VaultTokenInfo,
} from './client.js';
export * from './errors.js';
export { githubOidcToken, type GetIdToken } from './github-oidc.js';
export type { VaultLogin } from './login.js';
export { preflightVaultTargets, type VaultPreflightProblem, type VaultPreflightReport } from './preflight.js';
export { missingGrants, policyLine, requiredGrants, type MissingGrant, type RequiredGrant } from './preflight-paths.js';
export {
  DEFAULT_FIELD,
  DEFAULT_MOUNT,
  RESERVED_FIELDS,
  deliveredFields,
  describeVaultTarget,
  resolveVaultTarget,
  vaultFieldProblem,
  vaultTargetProblems,
  type DeliveredToken,
  type VaultTarget,
  type VaultTargetInput,
  type VaultTargetProblem,
} from '../spec/vault-target.js';
