/**
 * Token changes, with the deliver-or-revoke rule: every secret goes to its targets the moment it
 * exists; a new token whose secret could not be delivered is deleted again, and a rotation whose
 * secret could not be delivered names the consumers left holding a dead secret. A delivered
 * secret is queued to be tried once the apply has written everything (verify-secret.ts).
 */
import { ApplyError, ProxmoxApiError, errorMessage } from '../errors.js';
import type { TokenSecret, TokenWrite } from '../proxmox/api.js';
import { aclKey } from '../model/addresses.js';
import type { TokenChange } from '../plan/model.js';
import { rotationMethod } from '../plan/rotation.js';
import { IncompleteDeliveryError } from '../secrets/delivery-errors.js';
import type { ApplyContext } from './context.js';
import { regrantWrites } from './acl-writes.js';
import { createTokenSecret, discardSecretless, regenerateTokenSecret } from './token-secret.js';
import { rotateWithOverlap } from './overlap-rotation.js';
import { queueSecretVerification } from './verify-secret.js';

export async function applyTokenChange(ctx: ApplyContext, change: TokenChange): Promise<void> {
  switch (change.action) {
    case 'create':
      ctx.logger.info(`create token ${change.fullid}${expiryNote(change)}`);
      return deliverOrRevoke(ctx, change, await createTokenSecret(ctx, change));
    case 'update':
      ctx.logger.info(`update token ${change.fullid} (${change.fields.map((f) => f.field).join(', ')})`);
      return ctx.api.updateToken(change.userid, change.tokenid, tokenUpdate(ctx, change));
    case 'rotate':
      return change.generation !== undefined ? rotateWithOverlap(ctx, change, change.generation) : rotate(ctx, change);
    case 'delete':
      ctx.logger.info(`delete token ${change.fullid}`);
      return ctx.api.deleteToken(change.userid, change.tokenid);
  }
}

async function deliverOrRevoke(ctx: ApplyContext, change: TokenChange, secret: TokenSecret): Promise<void> {
  try {
    const targets = await ctx.delivery.deliver(change, secret);
    ctx.delivered.push({ fullid: change.fullid, targets });
    queueSecretVerification(ctx, change, secret);
  } catch (err) {
    ctx.logger.error(`deliver the secret of ${change.fullid}: ${errorMessage(err)}`);
    const outcome = await discardSecretless(ctx, change);
    throw new ApplyError(`the secret of new token ${change.fullid} could not be delivered (${errorMessage(err)}); ${outcome}`, {
      cause: err,
    });
  }
}

async function rotate(ctx: ApplyContext, change: TokenChange): Promise<void> {
  const method = change.rotation ?? rotationMethod(ctx.plan.server);
  ctx.logger.info(`rotate token ${change.fullid} (${method})${expiryNote(change)}`);
  let oldSecretDead = false;
  const markDead = (): void => void (oldSecretDead = true);
  let secret: TokenSecret;
  try {
    secret = method === 'regenerate' ? await regenerateTokenSecret(ctx, change, markDead) : await recreate(ctx, change, markDead);
  } catch (err) {
    if (oldSecretDead) reportDeadSecret(ctx, change);
    throw err;
  }
  try {
    const targets = await ctx.delivery.deliver(change, secret);
    ctx.delivered.push({ fullid: change.fullid, targets });
    queueSecretVerification(ctx, change, secret);
  } catch (err) {
    // The consumers that did get the new secret must not be left with a token without ACLs.
    if (method === 'recreate') await regrant(ctx, change);
    // Targets reached before the failure hold the new, working secret: they are not dead.
    const consumers = reportDeadSecret(ctx, change, err instanceof IncompleteDeliveryError ? err.delivered : []);
    throw new ApplyError(
      `token ${change.fullid} was rotated but its new secret could not be delivered (${errorMessage(err)}); ` +
        `these consumers now hold a dead secret: ${consumers.join(', ') || 'none configured'}. ` +
        `Fix the target, then run apply again with rotate: ${change.fullid}`,
      { cause: err },
    );
  }
  if (method === 'recreate') await regrant(ctx, change);
}

/** Before PVE 9.1 the only rotation: delete and create. The new token starts without ACLs. */
async function recreate(ctx: ApplyContext, change: TokenChange, markDead: () => void): Promise<TokenSecret> {
  try {
    await ctx.api.deleteToken(change.userid, change.tokenid);
  } catch (err) {
    // Already gone is what we wanted; anything else leaves the old token and secret working.
    if (!(err instanceof ProxmoxApiError && err.notFound)) throw err;
  }
  markDead();
  return createTokenSecret(ctx, change);
}

/** Gives the recreated token back the ACL entries it had, except those the plan removes. */
async function regrant(ctx: ApplyContext, change: TokenChange): Promise<void> {
  const removed = new Set(ctx.plan.changes.flatMap((c) => (c.kind === 'acl' && c.action === 'delete' ? [aclKey(c.entry)] : [])));
  const entries = ctx.live.acl.filter((e) => e.type === 'token' && e.ugid === change.fullid && !removed.has(aclKey(e)));
  for (const write of regrantWrites(entries)) {
    ctx.logger.info(`re-grant ${change.fullid}: ${write.roles.join(',')} on ${write.path}${write.propagate ? '' : ' (no propagate)'}`);
    await ctx.api.updateAcl(write);
  }
}

function reportDeadSecret(ctx: ApplyContext, change: TokenChange, holdingNewSecret: readonly string[] = []): readonly string[] {
  const consumers = ctx.delivery.describe(change).filter((c) => !holdingNewSecret.includes(c));
  ctx.deadSecrets.push({ fullid: change.fullid, consumers });
  ctx.logger.warning(`the previous secret of ${change.fullid} no longer works; held by: ${consumers.join(', ') || 'no configured target'}`);
  return consumers;
}

/**
 * Only the fields the plan changes: PVE sets what is given and nothing else, and before 9.0.4 an
 * empty comment cannot be sent to remove one. A `lifetime` field becomes an expiry from now.
 */
function tokenUpdate(ctx: ApplyContext, change: TokenChange): TokenWrite {
  const write: { privsep?: boolean; comment?: string; expire?: number } = {};
  for (const { field, after } of change.fields) {
    if (field === 'privsep') write.privsep = change.privsep;
    else if (field === 'comment') write.comment = change.comment;
    else if (field === 'expire' && typeof after === 'number') write.expire = after;
    else if (field === 'lifetime' && change.lifetime !== undefined) write.expire = ctx.now() + change.lifetime;
    // A previous generation of an overlap rotation: it expires this long from now.
    else if (field === 'overlap' && typeof after === 'number') write.expire = ctx.now() + after;
  }
  return write;
}

function expiryNote(change: TokenChange): string {
  return change.lifetime === undefined ? '' : `, expires ${Math.round(change.lifetime / 86_400)}d after creation`;
}
