/** The live plan of a mode: the connection checked in the action's words, planned in one log group, findings annotated. */
import type { LivePlan } from '../engine/plan-live.js';
import { annotateFindings } from '../github/annotations.js';
import { requireConnection } from '../inputs.js';
import type { RunState } from './state.js';

export async function livePlan(state: RunState): Promise<LivePlan> {
  const { deps, inputs, loaded, session } = state;
  // The action's own message first: it knows fork PRs and input names, the shared check does not.
  requireConnection(inputs, state.mode.mode);
  await session.proxmox();
  const planned = await deps.logger.group('Read the cluster and plan', () => session.plan(loaded));
  annotateFindings(planned.plan.findings, (kind, message, props) => deps.annotate(kind, message, props));
  return planned;
}
