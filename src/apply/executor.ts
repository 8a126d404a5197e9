/**
 * Applies a plan to Proxmox: guard, check every secret target, then run the changes in the
 * plan's order, one log group per phase and one log line per request. Stops at the first
 * failure and reports what was done, what failed and what never ran; after a clean run it
 * re-reads and re-plans to prove the cluster converged.
 */
import { errorMessage } from '../errors.js';
import { count } from '../model/count.js';
import type { Logger } from '../log.js';
import type { AclWrite, ProxmoxApi } from '../proxmox/api.js';
import type { LiveState } from '../model/live-state.js';
import type { AclChange, Change, Plan, TokenChange } from '../plan/model.js';
import type { SecretDelivery } from '../secrets/model.js';
import { aclWritesFor, changesOfWrite, describeAclWrite } from './acl-writes.js';
import { createApplyContext, type ApplyContext } from './context.js';
import { guardPlan } from './guard.js';
import type { AppliedOperation, ApplyReport, OperationStatus } from '../plan/apply-report.js';
import { applyGroupChange, applyRoleChange, applyUserChange } from './object-steps.js';
import { applyPoolChange } from './pool-steps.js';
import { applyRealmChange } from './realm-steps.js';
import { applyTokenChange } from './token-steps.js';
import { verifyQueuedSecrets } from './verify-secret.js';
import type { ProxmoxClient, ProxmoxCredentials } from '../proxmox/client.js';

export interface ExecuteDeps {
  readonly api: ProxmoxApi;
  readonly delivery: SecretDelivery;
  readonly logger: Logger;
  /** The state the plan was computed from (re-grants after a token re-create come from here). */
  readonly live: LiveState;
  /** Epoch seconds. */
  readonly now: () => number;
  /** Re-reads live state and re-plans; resolves with the non-implied changes still wanted. */
  readonly verify?: () => Promise<readonly Change[]>;
  /** A one-off client as a new token, to try its secret once (verify-secret.ts); without it secrets go untried. */
  readonly connectAs?: (auth: ProxmoxCredentials) => Promise<ProxmoxClient>;
  /** The `realm-secrets` input: realm id → secret, sent with the realm writes that set it. */
  readonly realmSecrets?: Readonly<Record<string, string>>;
  /** The `allow-deletions` input; defaults to `true` like the input. */
  readonly allowDeletions?: boolean;
}

type Outcomes = Map<Change, AppliedOperation>;

interface Phase {
  readonly title: string;
  readonly changes: readonly Change[];
}

/**
 * Throws (before any write) when the guard refuses the plan or a secret target is unusable.
 * Once writing has begun it never throws: a failure ends the run and is returned in `error`.
 */
export async function executePlan(plan: Plan, deps: ExecuteDeps): Promise<ApplyReport> {
  guardPlan(plan, { allowDeletions: deps.allowDeletions ?? true, live: deps.live, now: deps.now() });
  const executable = plan.changes.filter((c) => c.implied !== true);
  const secretChanges = executable.filter((c): c is TokenChange => c.kind === 'token' && (c.action === 'create' || c.action === 'rotate'));
  if (secretChanges.length > 0) await deps.delivery.preflight(secretChanges);

  const { api, delivery, logger, live, now, connectAs } = deps;
  const ctx = createApplyContext({
    api,
    delivery,
    logger,
    live,
    now,
    plan,
    connectAs,
    ...(deps.realmSecrets && { realmSecrets: deps.realmSecrets }),
  });
  const firstRequest = deps.api.requestCount;
  const outcomes: Outcomes = new Map();
  let error: string | undefined;
  for (const phase of phasesOf(executable)) {
    error = await deps.logger.group(phase.title, () => runPhase(ctx, phase, outcomes));
    if (error !== undefined) break;
  }
  const secretsError = await verifyQueuedSecrets(ctx, error !== undefined, (c, status, message) =>
    outcomes.set(c, operation(c, status, message)),
  );
  error ??= secretsError;
  const writes = deps.api.requestCount - firstRequest - ctx.readRequests();
  const operations = executable.map((c) => outcomes.get(c) ?? operation(c, 'skipped', 'not run: the apply stopped at an earlier failure'));
  const applied = operations.filter((o) => o.status === 'done').length;
  deps.logger.info(`${applied} of ${executable.length} operations applied with ${count(writes, 'write request')}`);

  const verification = error === undefined ? await verifyConvergence(deps) : { converged: false, remaining: [] };
  const finalError = error ?? verification.error;
  return {
    operations,
    applied,
    writes,
    delivered: ctx.delivered,
    revoked: ctx.revoked,
    deadSecrets: ctx.deadSecrets,
    converged: verification.converged,
    remaining: verification.remaining,
    ...(finalError !== undefined ? { error: finalError } : {}),
  };
}

/** Runs of consecutive changes of one kind, writes and deletes apart (the plan already orders them). */
function phasesOf(changes: readonly Change[]): Phase[] {
  const phases: { key: string; title: string; changes: Change[] }[] = [];
  for (const change of changes) {
    const deleting = change.action === 'delete';
    const key = `${change.kind}:${deleting}`;
    const last = phases.at(-1);
    if (last?.key === key) last.changes.push(change);
    else phases.push({ key, title: `${deleting ? 'Delete' : 'Apply'} ${NOUNS[change.kind]}`, changes: [change] });
  }
  return phases.map(({ title, changes: list }) => ({ title: `${title} (${list.length})`, changes: list }));
}

const NOUNS: Record<Change['kind'], string> = {
  realm: 'realms',
  role: 'roles',
  group: 'groups',
  user: 'users',
  token: 'tokens',
  pool: 'pools',
  acl: 'ACL entries',
};

/** Resolves with an error message when the phase failed, undefined when every change was done. */
async function runPhase(ctx: ApplyContext, phase: Phase, outcomes: Outcomes): Promise<string | undefined> {
  // A phase holds one kind only, so ACL phases are batched whole.
  const acl = phase.changes.filter((c): c is AclChange => c.kind === 'acl');
  if (acl.length > 0) return runAclPhase(ctx, acl, outcomes);
  for (const change of phase.changes) {
    if (change.kind === 'acl') continue;
    try {
      await applyChange(ctx, change);
      outcomes.set(change, operation(change, 'done'));
    } catch (err) {
      const reverted = change.kind === 'token' && change.action === 'create' && ctx.revoked.includes(change.fullid);
      outcomes.set(change, operation(change, reverted ? 'reverted' : 'failed', errorMessage(err)));
      return failed(ctx.logger, change.address, err);
    }
  }
  return undefined;
}

function applyChange(ctx: ApplyContext, change: Exclude<Change, AclChange>): Promise<void> {
  switch (change.kind) {
    case 'role':
      return applyRoleChange(ctx, change);
    case 'group':
      return applyGroupChange(ctx, change);
    case 'user':
      return applyUserChange(ctx, change);
    case 'token':
      return applyTokenChange(ctx, change);
    case 'pool':
      return applyPoolChange(ctx, change);
    case 'realm':
      return applyRealmChange(ctx, change);
  }
}

async function runAclPhase(ctx: ApplyContext, changes: readonly AclChange[], outcomes: Outcomes): Promise<string | undefined> {
  let batches: { write: AclWrite; covers: AclChange[] }[];
  try {
    batches = aclWritesFor(changes).map((write) => ({ write, covers: changesOfWrite(write, changes) }));
    const covered = new Set(batches.flatMap((b) => b.covers));
    const missing = changes.filter((c) => !covered.has(c));
    if (missing.length > 0) throw new Error(`internal: no ACL write covers ${missing.map((c) => c.address).join(', ')}`);
  } catch (err) {
    return failed(ctx.logger, 'acl', err);
  }
  for (const { write, covers } of batches) {
    ctx.logger.info(describeAclWrite(write));
    try {
      await ctx.api.updateAcl(write);
    } catch (err) {
      for (const c of covers) outcomes.set(c, operation(c, 'failed', errorMessage(err)));
      return failed(ctx.logger, `ACL ${write.path}`, err);
    }
    for (const c of covers) outcomes.set(c, operation(c, 'done'));
  }
  return undefined;
}

async function verifyConvergence(deps: ExecuteDeps): Promise<{ converged: boolean; remaining: readonly Change[]; error?: string }> {
  // Without a re-plan nothing proves convergence, so the report does not claim it.
  if (!deps.verify) return { converged: false, remaining: [] };
  const verify = deps.verify;
  return deps.logger.group('Verify', async () => {
    try {
      const remaining = await verify();
      if (remaining.length === 0) deps.logger.info('re-read and re-planned: nothing left to change');
      else deps.logger.error(`did not converge; still to change: ${remaining.map((c) => c.address).join(', ')}`);
      return { converged: remaining.length === 0, remaining };
    } catch (err) {
      deps.logger.error(`verification failed: ${errorMessage(err)}`);
      return { converged: false, remaining: [], error: `verification failed: ${errorMessage(err)}` };
    }
  });
}

function failed(logger: Logger, what: string, err: unknown): string {
  const message = `${what}: ${errorMessage(err)}`;
  logger.error(message);
  return message;
}

function operation(change: Change, status: OperationStatus, message?: string): AppliedOperation {
  return {
    address: change.address,
    kind: change.kind,
    action: change.action,
    status,
    ...(message !== undefined ? { message } : {}),
  };
}
