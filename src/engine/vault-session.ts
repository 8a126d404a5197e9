/**
 * The Vault client of one run (docs/vault.md): opened and logged in the first time a step needs
 * it (the secret-presence check or the delivery preflight), shared after that, and closed at the
 * end with the login's token revoked. A failed login is remembered, so every later step reports
 * the same refusal instead of logging in again.
 */
import { errorMessage } from '../errors.js';
import type { VaultSettings } from '../inputs.js';
import type { Logger } from '../log.js';
import { createVaultClient, githubOidcToken, type GetIdToken, type VaultClient } from '../vault/index.js';

export interface VaultSessionDeps {
  readonly logger: Logger;
  /** Registers a value with the log masking, before anything else sees it. */
  setSecret(value: string): void;
  /** `@actions/core`'s getIDToken; absent where no runner hands out OIDC tokens (the CLI). */
  readonly getIDToken?: GetIdToken | undefined;
}

export interface VaultSession {
  /** The logged-in client. */
  client(): Promise<VaultClient>;
  /** Revokes a token the run logged in for, then closes the connection; never throws. */
  close(): Promise<void>;
}

const TIMEOUT_MS = 30_000;

export function openVaultSession(deps: VaultSessionDeps, settings: VaultSettings): VaultSession {
  let opened: Promise<VaultClient> | undefined;
  const client = (): Promise<VaultClient> => (opened ??= login(deps, settings));
  return {
    client,
    async close() {
      const pending = opened;
      opened = undefined;
      // A client whose login failed holds no token; its error was the step's to report.
      const vault = await pending?.catch(() => undefined);
      if (!vault) return;
      try {
        const outcome = await vault.revokeSelf();
        if (outcome === 'revoked') deps.logger.info('Vault: revoked the token of this run');
      } catch (err) {
        deps.logger.warning(
          `could not revoke this run's Vault token (it expires at the end of the role's token_ttl): ${errorMessage(err)}`,
        );
      } finally {
        await vault.close();
      }
    },
  };
}

async function login(deps: VaultSessionDeps, settings: VaultSettings): Promise<VaultClient> {
  const mask = (value: string): void => deps.setSecret(value);
  const vault = await createVaultClient({
    url: settings.url,
    namespace: settings.namespace,
    tls: { caCert: settings.caCert, fingerprint: settings.fingerprint },
    timeoutMs: TIMEOUT_MS,
    logger: deps.logger,
    mask,
  });
  try {
    if (settings.role !== undefined) {
      if (!deps.getIDToken) throw new Error('vault-role needs the GitHub OIDC token of a workflow run; give a Vault token instead');
      // Fetched right before the login: GitHub's token is valid for five minutes only.
      const jwt = await githubOidcToken(settings.audience, deps.getIDToken, { mask });
      await vault.loginWithJwt({ role: settings.role, jwt });
    } else if (settings.token !== undefined) {
      vault.useToken(settings.token);
    } else {
      throw new Error('no vault-role or vault-token to log in to Vault with');
    }
  } catch (err) {
    await vault.close();
    throw err;
  }
  return vault;
}
