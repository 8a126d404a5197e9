/** Secret delivery for the action: masked step outputs, and GitHub secrets via `secrets-token`. */
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
    logger: deps.logger,
  });
}
