/** Secret delivery for the action: masked step outputs, GitHub secrets via `secrets-token`, Vault via `vault-url`. */
import { createSecretDelivery, type ActionSecretDelivery } from '../secrets/delivery.js';
import type { ModeReport } from './result.js';
import type { RunState } from './state.js';

export function buildSecretDelivery(state: RunState, report: ModeReport): ActionSecretDelivery {
  const { deps, session } = state;
  const github = session.github.secrets();
  return createSecretDelivery({
    // At once: a secret is masked the moment it exists, before anything can show it.
    mask: (value) => deps.setSecret(value),
    setOutput: (name, value) => report.output(name, value),
    ...(github ? { github } : {}),
    ...(session.vault ? { vault: session.vault } : {}),
    now: () => deps.now(),
    logger: deps.logger,
  });
}
