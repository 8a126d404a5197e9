/**
 * A managed token whose GitHub secret was deleted has a consumer without a secret: it is
 * rotated (and reported as drift). Checked only for tokens that exist, and only when a
 * secrets-token can read secret metadata.
 */
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { LiveState } from '../model/live-state.js';
import type { GitHubSecretsClient } from '../secrets/github-secrets.js';
import type { LoadedSpec } from '../spec/model.js';

/** Full ids of the existing tokens with a `github-secret` target that no longer exists. */
export async function findMissingSecrets(
  loaded: LoadedSpec,
  live: LiveState,
  client: GitHubSecretsClient | undefined,
  logger: Logger,
): Promise<readonly string[]> {
  const targets = Object.values(loaded.spec.users).flatMap((user) =>
    Object.values(user.tokens ?? {})
      .filter((token) => live.users[user.userid]?.tokens[token.tokenid] !== undefined)
      .flatMap((token) =>
        token.deliver.flatMap((target) => (target.kind === 'github-secret' ? [{ fullid: `${user.userid}!${token.tokenid}`, target }] : [])),
      ),
  );
  if (targets.length === 0) return [];
  if (!client) {
    logger.debug('no secrets-token: not checking that GitHub secrets still exist');
    return [];
  }
  const missing = new Set<string>();
  for (const { fullid, target } of targets) {
    if (missing.has(fullid)) continue;
    let exists: boolean;
    try {
      exists = await client.secretExists(target);
    } catch (err) {
      logger.warning(`cannot check GitHub secret ${target.name} of ${fullid}: ${errorMessage(err)}`);
      continue;
    }
    if (!exists) {
      logger.warning(`GitHub secret ${target.name} of token ${fullid} is missing: the token will be rotated to restore it`);
      missing.add(fullid);
    }
  }
  return [...missing];
}
