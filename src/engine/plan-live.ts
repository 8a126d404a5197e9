/**
 * Read the live state in a constant number of requests and plan against it. Shared by every
 * live mode of the action and by the CLI, so what a reviewer saw is what apply recomputes.
 */
import type { Logger } from '../log.js';
import type { ProxmoxApi } from '../proxmox/api.js';
import type { LiveState } from '../model/live-state.js';
import { readLiveState } from '../proxmox/read-state.js';
import { makePlan } from '../plan/make-plan.js';
import type { Plan } from '../plan/model.js';
import type { LoadedSpec } from '../spec/model.js';
import { validateSpec } from '../spec/validate.js';
import type { Finding } from '../model/finding.js';

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
  });
  const checked = withFindings(plan, specOnlyFindings(loaded));
  return { live, plan: options.insecure ? withFindings(checked, [INSECURE]) : checked, reads, secretMissing };
}

/**
 * Rules of offline validation that need no server and that the planner does not repeat: names PVE
 * would reject half-way through an apply, a rotate-before that rotates on every run, delivery
 * targets that collide or shadow an output of the action. Privileges, roles, groups and ACL paths
 * are left to the planner, which judges them against the connected server instead.
 */
const SPEC_ONLY_RULES = new Set([
  'invalid-role-id',
  'invalid-group-id',
  'invalid-user-id',
  'invalid-email',
  'invalid-token-id',
  'rotate-before-exceeds-lifetime',
  'rotate-before-without-lifetime',
  'invalid-output-name',
  'deliver-output-collision',
  'invalid-secret-name',
  'invalid-deliver',
  'invalid-github-name',
  'duplicate-deliver',
  'deliver-secret-collision',
  'duplicate-acl',
]);

const specOnlyFindings = (loaded: LoadedSpec): Finding[] => validateSpec(loaded).filter((f) => SPEC_ONLY_RULES.has(f.code));

/** PVE's built-in Administrator role holds every privilege the server knows. */
export function serverPrivileges(live: LiveState): readonly string[] {
  return live.roles['Administrator']?.privileges ?? [];
}

const INSECURE: Finding = {
  severity: 'warning',
  code: 'insecure-tls',
  message:
    'TLS verification is OFF (proxmox-insecure: true): anyone on the path to the cluster could read this plan and the new token secrets. Pin the certificate with proxmox-fingerprint instead.',
};

/** Findings added after planning; the digest covers operations and live state only, so it stays the same. */
const withFindings = (plan: Plan, findings: readonly Finding[]): Plan =>
  findings.length === 0 ? plan : { ...plan, findings: [...findings, ...plan.findings] };

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
