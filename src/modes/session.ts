/** Connects to Proxmox for one mode, plans against the live state, and always closes the client. */
import { proxmoxClientOptions, tlsUnverified } from '../engine/connect.js';
import { planAgainstLive, type LivePlan } from '../engine/plan-live.js';
import { annotateFindings } from '../github/annotations.js';
import { requireConnection } from '../inputs.js';
import type { ProxmoxClient } from '../proxmox/client.js';
import { findMissingSecrets } from './secret-presence.js';
import type { RunState } from './state.js';

export interface Session extends LivePlan {
  readonly client: ProxmoxClient;
}

export async function withLivePlan<T>(
  state: RunState,
  fn: (session: Session) => Promise<T>,
): Promise<T> {
  const { deps, inputs, loaded } = state;
  // The action's own message first: it knows fork PRs and input names, the shared check does not.
  requireConnection(inputs, state.mode.mode);
  const mask = (secret: string): void => deps.setSecret(secret);
  const client = await deps.connectProxmox(proxmoxClientOptions(inputs, deps.logger, mask));
  try {
    const livePlan = await deps.logger.group('Read the cluster and plan', () =>
      planAgainstLive(
        client,
        loaded,
        {
          now: deps.now(),
          rotate: inputs.rotate,
          secretMissing: (live) => findMissingSecrets(state, live),
          allowDeletions: inputs.allowDeletions,
          insecure: tlsUnverified(inputs),
        },
        deps.logger,
      ),
    );
    annotateFindings(livePlan.plan.findings, (kind, message, props) => deps.annotate(kind, message, props));
    return await fn({ ...livePlan, client });
  } finally {
    await client.close();
  }
}
