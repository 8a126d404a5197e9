/**
 * Read the live state in a constant number of requests and plan against it. Shared by every
 * live mode of the action and by the CLI, so what a reviewer saw is what apply recomputes.
 */
import type { Logger } from '../log.js';
import type { ProxmoxApi } from '../proxmox/api.js';
import { serverPrivileges, type LiveState } from '../model/live-state.js';
import { readLiveState } from '../proxmox/read-state.js';
import { makePlan } from '../plan/make-plan.js';
import type { Plan } from '../plan/model.js';
import type { LoadedSpec } from '../spec/model.js';

export interface LivePlanOptions {
  readonly now: number;
  readonly rotate: 'all' | readonly string[];
  /** Full ids of existing tokens whose delivered secret went missing; asked once the live state is known. */
  readonly secretMissing?: (live: LiveState) => Promise<readonly string[]>;
  readonly allowDeletions: boolean;
  readonly insecure: boolean;
}

export interface LivePlan {
  readonly live: LiveState;
  readonly plan: Plan;
  readonly secretMissing: readonly string[];
  /** Requests the read took (constant whatever the cluster's size). */
  readonly reads: number;
}

export async function planAgainstLive(
  api: ProxmoxApi,
  loaded: LoadedSpec,
  options: LivePlanOptions,
  logger: Logger,
): Promise<LivePlan> {
  const before = api.requestCount;
  const live = await readLiveState(api);
  const reads = api.requestCount - before;
  logger.info(
    `read PVE ${live.version.version}: ${Object.keys(live.roles).length} roles, ${Object.keys(live.users).length} users, ` +
      `${Object.keys(live.groups).length} groups, ${live.acl.length} ACL entries in ${reads} requests`,
  );
  const secretMissing = options.secretMissing ? await options.secretMissing(live) : [];
  const plan = makePlan(loaded, live, {
    now: options.now,
    actingIdentity: api.identity,
    rotate: options.rotate,
    secretMissing,
    allowDeletions: options.allowDeletions,
    serverPrivileges: serverPrivileges(live),
    insecure: options.insecure,
  });
  return { live, plan, reads, secretMissing };
}

/**
 * Verification after apply: a fresh read and plan, with no rotation asked for, must want
 * nothing more. Returns what it still wants (implied cascades left out).
 */
export async function remainingChanges(
  api: ProxmoxApi,
  loaded: LoadedSpec,
  options: { readonly now: number; readonly allowDeletions: boolean },
): Promise<Plan['changes']> {
  const live = await readLiveState(api);
  const plan = makePlan(loaded, live, {
    now: options.now,
    actingIdentity: api.identity,
    rotate: [],
    secretMissing: [],
    allowDeletions: options.allowDeletions,
    serverPrivileges: serverPrivileges(live),
  });
  return plan.changes.filter((c) => !c.implied);
}
