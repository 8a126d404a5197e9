/**
 * Getting a token secret out of PVE exactly once. The secret exists only in the answer to a token
 * create or regenerate, so those requests are never retried blindly: when the answer is lost the
 * token is read back and the next step chosen from what the server actually holds.
 */
import { ApplyError, ProxmoxApiError, TransportError, errorMessage } from '../errors.js';
import type { TokenSecret, TokenWrite } from '../proxmox/api.js';
import type { TokenChange } from '../plan/model.js';
import { supportsRegenerate, type ApplyContext } from './context.js';

/**
 * Whether a failed request may still have been carried out. A lock timeout means the lock was
 * never taken; "does not exist" / "already exists" and 4xx are decided before anything is written.
 */
export function mayHaveBeenApplied(err: unknown): boolean {
  if (err instanceof TransportError) return true;
  if (!(err instanceof ProxmoxApiError)) return false;
  if (err.status < 500 || err.status === 501) return false;
  return !err.lockTimeout && !err.notFound && !err.alreadyExists;
}

/** The token fields as the spec wants them, with `lifetime` turned into an expiry from now. */
export function tokenWrite(ctx: ApplyContext, change: TokenChange): TokenWrite {
  return {
    privsep: change.privsep,
    ...(change.comment !== '' ? { comment: change.comment } : {}),
    ...(change.lifetime !== undefined ? { expire: ctx.now() + change.lifetime } : {}),
  };
}

/**
 * The metadata sent with a rotation's regenerate (PVE >= 9.1, where an empty comment removes
 * one), so the rotated token also ends up with every field the plan wants.
 */
function regenerateWrite(ctx: ApplyContext, change: TokenChange): TokenWrite {
  const expire = change.fields.find((f) => f.field === 'expire')?.after;
  return {
    ...tokenWrite(ctx, change),
    comment: change.comment,
    ...(change.lifetime === undefined && typeof expire === 'number' ? { expire } : {}),
  };
}

/**
 * Creates the token and returns its secret. After a lost answer: absent → create once more;
 * present → regenerate (PVE ≥ 9.1) or delete and create. If no secret can be had, the token is
 * deleted (and listed as revoked) so none is left that nobody holds a secret for.
 */
export async function createTokenSecret(ctx: ApplyContext, change: TokenChange): Promise<TokenSecret> {
  const { userid, tokenid, fullid } = change;
  try {
    return await ctx.api.createToken(userid, tokenid, tokenWrite(ctx, change));
  } catch (err) {
    if (!mayHaveBeenApplied(err)) throw err;
    ctx.logger.warning(`create token ${fullid}: the answer was lost (${errorMessage(err)}); reading the token back instead of retrying`);
  }
  try {
    const present = await tokenExists(ctx, change);
    if (!present) {
      ctx.logger.info(`create token ${fullid}: not on the server, creating it once more`);
      return await ctx.api.createToken(userid, tokenid, tokenWrite(ctx, change));
    }
    if (supportsRegenerate(ctx.plan.server)) {
      ctx.logger.info(`create token ${fullid}: it was created; regenerating its secret`);
      return await ctx.api.regenerateToken(userid, tokenid, tokenWrite(ctx, change));
    }
    ctx.logger.info(`create token ${fullid}: it was created; deleting and creating it again to get a secret`);
    await ctx.api.deleteToken(userid, tokenid);
    return await ctx.api.createToken(userid, tokenid, tokenWrite(ctx, change));
  } catch (err) {
    const outcome = await discardSecretless(ctx, change);
    throw new ApplyError(`could not obtain the secret of token ${fullid} (${errorMessage(err)}); ${outcome}`, { cause: err });
  }
}

/**
 * Regenerates the secret in place (PVE ≥ 9.1, keeps the token's ACLs). Repeating a regenerate
 * is harmless, it only issues yet another secret, so a lost answer is followed by one more try.
 * `onMaybeApplied` fires once the old secret may already be dead.
 */
export async function regenerateTokenSecret(ctx: ApplyContext, change: TokenChange, onMaybeApplied: () => void): Promise<TokenSecret> {
  const { userid, tokenid, fullid } = change;
  try {
    return await ctx.api.regenerateToken(userid, tokenid, regenerateWrite(ctx, change));
  } catch (err) {
    if (!mayHaveBeenApplied(err)) throw err;
    onMaybeApplied();
    ctx.logger.warning(`regenerate token ${fullid}: the answer was lost (${errorMessage(err)}); regenerating once more`);
  }
  return await ctx.api.regenerateToken(userid, tokenid, regenerateWrite(ctx, change));
}

async function tokenExists(ctx: ApplyContext, change: TokenChange): Promise<boolean> {
  try {
    await ctx.read(() => ctx.api.getToken(change.userid, change.tokenid));
    return true;
  } catch (err) {
    if (err instanceof ProxmoxApiError && err.notFound) return false;
    throw err;
  }
}

/** Deletes a token whose secret nobody received; describes the outcome for the error message. */
export async function discardSecretless(ctx: ApplyContext, change: TokenChange): Promise<string> {
  try {
    await ctx.api.deleteToken(change.userid, change.tokenid);
  } catch (err) {
    if (err instanceof ProxmoxApiError && err.notFound) return 'no token was left behind';
    ctx.logger.error(`delete token ${change.fullid} failed: ${errorMessage(err)}`);
    return `deleting it failed too (${errorMessage(err)}): the token may exist with a secret nobody holds, delete ${change.fullid} by hand`;
  }
  ctx.revoked.push(change.fullid);
  ctx.logger.info(`delete token ${change.fullid}: nobody holds its secret`);
  return 'the token was deleted again';
}
