/**
 * Every new or rotated secret is tried once after delivery: one `GET /access/permissions` as the
 * token itself, over the run's TLS settings, compared with the privileges the plan gives it. A
 * token holds its planned privileges only once the ACL writes and deletions after the token steps
 * are done, so the secrets are queued at delivery and tried when the apply has written everything.
 *
 * A secret PVE refuses (401), or one that holds other privileges than planned, is revoked with its
 * token, like a secret that could not be delivered: no token is left whose working secret nobody
 * holds, and the next apply creates it again. A check that cannot be made (the network failed
 * after the client's retries, or PVE refuses the token by design) leaves the token as it is and
 * says so as a warning.
 */
import { ApplyError, ProxmoxApiError, errorMessage } from '../errors.js';
import { count } from '../model/count.js';
import type { LiveState } from '../model/live-state.js';
import type { SecretVerification, OperationStatus } from '../plan/apply-report.js';
import { applyChangesToState } from '../plan/apply-to-state.js';
import type { TokenChange } from '../plan/model.js';
import { checkSecretPrivileges, tokenCannotAuthenticate, type ReportedPermissions } from '../plan/secret-privileges.js';
import type { TokenSecret } from '../proxmox/api.js';
import { concurrencyGate } from '../proxmox/concurrency-gate.js';
import type { ApplyContext } from './context.js';

/** Secret checks in flight at once, as for the pool reads: enough to hide latency, few enough for any PVE. */
export const CHECKS_AT_ONCE = 8;

/** Differences shown per failed secret (each names the paths it holds for); the rest are counted. */
const SHOWN_DIFFERENCES = 4;

/** The hook after a successful delivery: the secret is tried once the apply has written everything. */
export function queueSecretVerification(ctx: ApplyContext, change: TokenChange, secret: TokenSecret, then?: () => Promise<void>): void {
  ctx.toVerify.push({ change, secret, ...(then && { then }) });
}

/**
 * Tries the queued secrets. `stopped`: the apply ended early, so the tokens may lack grants the
 * plan still owes them; only authentication is checked then. Resolves with the first failure.
 */
export async function verifyQueuedSecrets(
  ctx: ApplyContext,
  stopped: boolean,
  mark: (change: TokenChange, status: OperationStatus, message: string) => void,
): Promise<string | undefined> {
  const pending = ctx.toVerify.splice(0);
  if (pending.length === 0) return undefined;
  const after = stopped ? undefined : applyChangesToState(ctx.live, ctx.plan.changes, ctx.now());
  const title = ctx.connectAs === undefined ? 'Finish rotations' : `Verify new secrets (${pending.length})`;
  return ctx.logger.group(title, async () => {
    // The checks only read, as each token; they run a few at a time, and their outcomes are
    // logged, recorded and acted on one by one in plan order, as if they had run in turn.
    const gate = concurrencyGate(CHECKS_AT_ONCE);
    const checks = pending.map(({ change, secret }) =>
      ctx.connectAs === undefined ? undefined : gate(() => verify(ctx, change, secret, after)),
    );
    for (const check of checks) check?.catch(() => {});
    let first: string | undefined;
    for (const [index, { change, then }] of pending.entries()) {
      try {
        const check = checks[index];
        if (check !== undefined) await settleVerification(ctx, change, await check);
        await then?.();
      } catch (err) {
        mark(change, change.action === 'create' ? 'reverted' : 'failed', errorMessage(err));
        first ??= `${change.address}: ${errorMessage(err)}`;
      }
    }
    return first;
  });
}

/** Records a check's outcome on the delivered entry; a failed one deletes the token and throws an ApplyError that says so. */
async function settleVerification(ctx: ApplyContext, change: TokenChange, verification: SecretVerification): Promise<void> {
  record(ctx, change, verification);
  if (verification.status === 'verified') ctx.logger.info(`verified the secret of ${change.fullid}: ${verification.detail}`);
  else if (verification.status === 'unverified')
    ctx.logger.warning(`the secret of ${change.fullid} is not verified: ${verification.detail}`);
  else throw await revoke(ctx, change, verification.detail);
}

async function verify(
  ctx: ApplyContext,
  change: TokenChange,
  secret: TokenSecret,
  after: LiveState | undefined,
): Promise<SecretVerification> {
  const refused = after === undefined ? undefined : tokenCannotAuthenticate(after, change.fullid, ctx.now());
  if (refused !== undefined) return { status: 'unverified', detail: `not tried: ${refused}` };
  let reported: ReportedPermissions;
  try {
    reported = await permissionsAs(ctx, secret);
  } catch (err) {
    if (err instanceof ProxmoxApiError && err.status === 401) return { status: 'failed', detail: `PVE did not accept it (${err.message})` };
    return { status: 'unverified', detail: `could not be checked: ${errorMessage(err)}` };
  }
  if (after === undefined) {
    return { status: 'unverified', detail: 'it authenticates; its privileges were not compared, because the apply stopped early' };
  }
  const check = checkSecretPrivileges(after, change.fullid, reported);
  if (check.differences.length === 0) {
    return { status: 'verified', detail: `holds the ${count(check.privileges, 'planned privilege')} on ${count(check.paths, 'path')}` };
  }
  const more = check.differences.length - SHOWN_DIFFERENCES;
  const shown = check.differences.slice(0, SHOWN_DIFFERENCES).join('; ');
  return { status: 'failed', detail: `it holds other privileges than planned: ${shown}${more > 0 ? `; and ${more} more` : ''}` };
}

/** One request as the token; the credentials live only in the one-off client, closed right after. */
async function permissionsAs(ctx: ApplyContext, secret: TokenSecret): Promise<ReportedPermissions> {
  const client = await ctx.connectAs!({ tokenId: secret.fullTokenId, secret: secret.value });
  try {
    return await client.getPermissions();
  } finally {
    await client.close();
  }
}

function record(ctx: ApplyContext, change: TokenChange, verification: SecretVerification): void {
  const index = ctx.delivered.findLastIndex((d) => d.fullid === change.fullid);
  if (index >= 0) ctx.delivered[index] = { ...ctx.delivered[index]!, verification };
}

/** Deletes the token whose secret failed; a rotated token's consumers now hold a dead secret. */
async function revoke(ctx: ApplyContext, change: TokenChange, reason: string): Promise<ApplyError> {
  const { fullid } = change;
  ctx.logger.error(`the secret of ${fullid} failed its verification: ${reason}`);
  let outcome: string;
  try {
    await ctx.api.deleteToken(change.userid, change.tokenid);
    ctx.revoked.push(fullid);
    ctx.logger.info(`delete token ${fullid}: its secret failed verification`);
    outcome = 'the token was deleted';
  } catch (err) {
    if (err instanceof ProxmoxApiError && err.notFound) outcome = 'the token is already gone';
    else outcome = `deleting it failed too (${errorMessage(err)}): delete ${fullid} by hand`;
  }
  if (change.action === 'create') {
    return new ApplyError(`the secret of new token ${fullid} failed its verification (${reason}); ${outcome}`);
  }
  const consumers = ctx.delivery.describe(change);
  ctx.deadSecrets.push({ fullid, consumers });
  if (ctx.live.users[change.userid]?.tokens[change.tokenid] === undefined) {
    // A new generation of an overlap rotation: the token it replaces was left as it was.
    return new ApplyError(
      `the secret of new generation ${fullid} failed its verification (${reason}); ${outcome}, and the token it replaces ` +
        `keeps working for its whole lifetime; these consumers got the withdrawn secret and need the next run: ${consumers.join(', ') || 'none configured'}`,
    );
  }
  return new ApplyError(
    `token ${fullid} was rotated but its new secret failed its verification (${reason}); ${outcome}, ` +
      `so these consumers now hold a dead secret: ${consumers.join(', ') || 'none configured'}. ` +
      'The next apply creates the token again and delivers a new secret',
  );
}
