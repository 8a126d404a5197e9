/**
 * The scheduled rotation's steps: out of a live plan, run only the token rotations through the
 * run session's apply (deliver or revoke, every new secret tried once), then re-read the cluster
 * and check that every rotated token is settled, while the drift that was there before is left
 * as it was.
 */
import type { Logger } from '../log.js';
import type { LiveState } from '../model/live-state.js';
import type { ApplyReport } from '../plan/apply-report.js';
import type { Plan } from '../plan/model.js';
import { rotationLeftovers } from '../plan/rotation-only.js';
import { readLiveState } from '../proxmox/read-state.js';
import type { SecretDelivery } from '../secrets/model.js';
import type { LoadedSpec } from '../spec/model.js';
import { planFromLive, type LivePlan } from './plan-live.js';
import type { RunSession } from './run-session.js';

export interface RotationDeps {
  readonly logger: Logger;
  /** Epoch seconds. */
  now(): number;
}

export interface RotationRun {
  readonly report: ApplyReport;
  /** The cluster as the re-read after the rotations found it, planned with no rotation asked for. */
  readonly after?: { readonly live: LiveState; readonly plan: Plan };
}

/** Runs `rotations` (made by `rotationOnlyPlan` from `planned`) and checks them. */
export async function applyRotations(
  session: RunSession,
  deps: RotationDeps,
  loaded: LoadedSpec,
  planned: LivePlan,
  rotations: Plan,
  delivery: SecretDelivery,
): Promise<RotationRun> {
  const rotated = rotations.changes.flatMap((c) => (c.kind === 'token' ? [c.fullid] : []));
  let after: RotationRun['after'];
  const report = await session.apply(loaded, { ...planned, plan: rotations }, delivery, async (api) => {
    const live = await readLiveState(api);
    const options = { now: deps.now(), rotate: [], secretMissing: [], allowDeletions: true, insecure: false };
    after = { live, plan: planFromLive(loaded, live, api.identity, options) };
    return rotationLeftovers(rotated, { before: { plan: planned.plan, live: planned.live }, after });
  });
  return { report, ...(after ? { after } : {}) };
}
