/**
 * The steps of a live plan: read the live state in a constant number of requests, then plan
 * against it. The run session runs them for every live mode of the action and for the CLI, so
 * what a reviewer saw is what apply recomputes.
 */
import type { Logger } from '../log.js';
import type { ProxmoxApi } from '../proxmox/api.js';
import { serverPrivileges, type LiveState } from '../model/live-state.js';
import { readLiveState } from '../proxmox/read-state.js';
import { makePlan } from '../plan/make-plan.js';
import type { Plan } from '../plan/model.js';
import type { LoadedSpec } from '../spec/model.js';
import { count } from '../model/count.js';

export interface LivePlanOptions {
  readonly now: number;
  readonly rotate: 'all' | readonly string[];
  /** Full ids of existing tokens whose delivered secret went missing (the run session looks them up). */
  readonly secretMissing: readonly string[];
  readonly allowDeletions: boolean;
  readonly insecure: boolean;
  /** Realm ids the `realm-secrets` input names. */
  readonly realmSecretNames?: readonly string[];
  /** Realm ids whose secret this run sets again. */
  readonly setRealmSecrets?: readonly string[];
  /** Realms this run syncs although nothing changed. */
  readonly syncRealms?: readonly string[] | 'all';
}

export interface LiveRead {
  readonly live: LiveState;
  /** Requests the read took (constant whatever the cluster's size). */
  readonly reads: number;
}

export interface LivePlan extends LiveRead {
  readonly plan: Plan;
  readonly secretMissing: readonly string[];
}

/** Reads the whole live state and says in the log what it found. */
export async function readCluster(api: ProxmoxApi, logger: Logger): Promise<LiveRead> {
  const before = api.requestCount;
  const live = await readLiveState(api);
  const reads = api.requestCount - before;
  logger.info(
    `read PVE ${live.version.version}: ${count(Object.keys(live.roles).length, 'role')}, ${count(Object.keys(live.users).length, 'user')}, ` +
      `${count(Object.keys(live.groups).length, 'group')}, ${count(live.acl.length, 'ACL entry', 'ACL entries')}` +
      `${live.pools ? `, ${count(Object.keys(live.pools).length, 'pool')}` : ''} in ${count(reads, 'request')}`,
  );
  return { live, reads };
}

/** Plans the spec against a live state read by `readCluster`, as the identity `actingIdentity`. */
export function planFromLive(loaded: LoadedSpec, live: LiveState, actingIdentity: string, options: LivePlanOptions): Plan {
  const plan = makePlan(loaded, live, {
    now: options.now,
    actingIdentity,
    rotate: options.rotate,
    secretMissing: options.secretMissing,
    allowDeletions: options.allowDeletions,
    serverPrivileges: serverPrivileges(live),
    insecure: options.insecure,
    ...(options.realmSecretNames && { realmSecretNames: options.realmSecretNames }),
    ...(options.setRealmSecrets && { setRealmSecrets: options.setRealmSecrets }),
    ...(options.syncRealms && { syncRealms: options.syncRealms }),
  });
  return plan;
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
  const { now, allowDeletions } = options;
  const plan = planFromLive(loaded, live, api.identity, { now, rotate: [], secretMissing: [], allowDeletions, insecure: false });
  return plan.changes.filter((c) => !c.implied);
}
