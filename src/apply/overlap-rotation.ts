/**
 * Rotation with `rotation: overlap` (README, "Tokens and rotation"), one step after another:
 *
 * 1. create the next generation (`name-N`) and take its secret;
 * 2. grant it the ACL entries the replaced token holds once this plan is applied;
 * 3. deliver its secret;
 * 4. once the new secret has passed its check (made after all of the apply's writes), set the
 *    replaced token's expiry to now + overlap, so PVE retires it even if no run follows.
 *
 * Until step 4 the replaced token is untouched: a failure in steps 1 to 3, or a secret that fails
 * its check, deletes the new generation again (nobody may be left holding the only secret of a
 * token, nor a token nobody holds), and the replaced token keeps working for its whole lifetime. A failure in step 4 is
 * reported; the new generation is delivered and the next plan sets the expiry.
 */
import { ApplyError, errorMessage } from '../errors.js';
import { tokenAddress } from '../model/addresses.js';
import type { NewGeneration, TokenChange } from '../plan/model.js';
import { applyChangesToState } from '../plan/apply-to-state.js';
import { isoTime } from '../plan/rotation.js';
import type { TokenSecret } from '../proxmox/api.js';
import { IncompleteDeliveryError } from '../secrets/delivery-errors.js';
import { regrantWrites } from './acl-writes.js';
import type { ApplyContext } from './context.js';
import { createTokenSecret, discardSecretless } from './token-secret.js';
import { queueSecretVerification } from './verify-secret.js';

export async function rotateWithOverlap(ctx: ApplyContext, change: TokenChange, generation: NewGeneration): Promise<void> {
  const next: TokenChange = { ...change, tokenid: generation.tokenid, fullid: generation.fullid, address: tokenAddress(generation.fullid) };
  ctx.logger.info(`rotate token ${change.fullid} (overlap): create ${next.fullid}`);
  const secret = await createTokenSecret(ctx, next);
  await grantGeneration(ctx, change, next);
  await deliverGeneration(ctx, change, next, secret);
  // Step 4 waits until the new secret has passed its check, made once the apply has written
  // everything (verify-secret.ts): a secret that fails is revoked, and the replaced token must then
  // keep its whole lifetime, as when the delivery fails.
  queueSecretVerification(ctx, next, secret, () => retire(ctx, change, generation));
}

/** Step 2: one write per path and propagate flag, as the executor batches ACL writes. */
async function grantGeneration(ctx: ApplyContext, change: TokenChange, next: TokenChange): Promise<void> {
  const after = applyChangesToState(ctx.live, ctx.plan.changes, ctx.now());
  const entries = after.acl.filter((e) => e.type === 'token' && e.ugid === change.fullid).map((e) => ({ ...e, ugid: next.fullid }));
  for (const write of regrantWrites(entries)) {
    ctx.logger.info(`grant ${next.fullid}: ${write.roles.join(',')} on ${write.path}${write.propagate ? '' : ' (no propagate)'}`);
    try {
      await ctx.api.updateAcl(write);
    } catch (err) {
      ctx.logger.error(`grant ${next.fullid} on ${write.path}: ${errorMessage(err)}`);
      const outcome = await discardSecretless(ctx, next);
      throw new ApplyError(
        `the new token ${next.fullid} could not be given the ACL entries of ${change.fullid} (${errorMessage(err)}); ${outcome}. ` +
          `${change.fullid} is unchanged and keeps working`,
        { cause: err },
      );
    }
  }
}

/** Step 3: a secret that did not reach every target is withdrawn, so consumers stay on the old token. */
async function deliverGeneration(ctx: ApplyContext, change: TokenChange, next: TokenChange, secret: TokenSecret): Promise<void> {
  try {
    const targets = await ctx.delivery.deliver(next, secret);
    ctx.delivered.push({ fullid: next.fullid, targets });
  } catch (err) {
    ctx.logger.error(`deliver the secret of ${next.fullid}: ${errorMessage(err)}`);
    const outcome = await discardSecretless(ctx, next);
    const reached = err instanceof IncompleteDeliveryError ? err.delivered : [];
    if (reached.length > 0) {
      ctx.deadSecrets.push({ fullid: next.fullid, consumers: reached });
      ctx.logger.warning(`the secret of ${next.fullid} was withdrawn; held by: ${reached.join(', ')}`);
    }
    throw new ApplyError(
      `the secret of the new token ${next.fullid} could not be delivered (${errorMessage(err)}); ${outcome}. ` +
        `${change.fullid} is unchanged and keeps working` +
        (reached.length > 0 ? `; these consumers got the withdrawn secret and need the next run: ${reached.join(', ')}` : ''),
      { cause: err },
    );
  }
}

/** Step 4: never lengthens an expiry the replaced token already has. */
async function retire(ctx: ApplyContext, change: TokenChange, generation: NewGeneration): Promise<void> {
  const current = ctx.live.users[change.userid]?.tokens[change.tokenid]?.expire ?? 0;
  const expire = ctx.now() + generation.overlap;
  if (current > 0 && current <= expire) {
    ctx.logger.info(`token ${change.fullid} already expires ${isoTime(current)}, within the overlap`);
    return;
  }
  ctx.logger.info(`token ${change.fullid} expires ${isoTime(expire)}, after the overlap`);
  try {
    await ctx.api.updateToken(change.userid, change.tokenid, { expire });
  } catch (err) {
    throw new ApplyError(
      `the new token ${generation.fullid} was delivered, but the expiry of ${change.fullid} could not be set (${errorMessage(err)}); ` +
        `it keeps working until the next run sets it`,
      { cause: err },
    );
  }
}
