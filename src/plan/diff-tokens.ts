/**
 * API tokens of users that declare `tokens:`: exactly those tokens exist, with the declared
 * metadata; users without `tokens:` keep whatever tokens they have. PVE changes privsep, expire
 * and comment in place (`PUT …/token/{id}`), so only rotation replaces a secret.
 */
import type { LiveToken } from '../model/live-state.js';
import type { TokenSpec, UserSpec } from '../spec/model.js';
import { tokenAddress } from '../model/addresses.js';
import { compareText } from '../model/compare.js';
import { finding, type Finding } from '../model/finding.js';
import type { FieldChange, TokenChange } from './model.js';
import type { PlanContext } from './plan-context.js';
import { rotationFor, rotationReasons } from './rotation.js';
import { fullTokenId } from '../model/identity.js';
import { generationOf, generationTokenId, liveGenerations } from '../model/token-generations.js';
import { previousGenerationChanges } from './diff-generations.js';

export interface TokenDiff {
  readonly changes: readonly TokenChange[];
  readonly findings: readonly Finding[];
}

/** The declared token as a change to `tokenid`: the declared name, or the current generation of an overlap-rotated one. */
function declaredChange(user: UserSpec, token: TokenSpec, tokenid = token.tokenid): Omit<TokenChange, 'action' | 'fields'> {
  const fullid = fullTokenId(user.userid, tokenid);
  return {
    kind: 'token',
    userid: user.userid,
    tokenid,
    fullid,
    address: tokenAddress(fullid),
    privsep: token.privsep,
    comment: token.comment,
    ...(token.lifetime !== undefined ? { lifetime: token.lifetime } : {}),
    deliver: token.deliver,
    format: token.format,
  };
}

/**
 * A lifetime becomes an expiry at apply time (`lifetime` field); a token whose expiry lies beyond
 * now + lifetime is brought back within it.
 */
function expiryField(token: TokenSpec, live: LiveToken, now: number): FieldChange | undefined {
  if (token.lifetime === undefined) return live.expire === 0 ? undefined : { field: 'expire', before: live.expire, after: 0 };
  if (live.expire === 0 || live.expire > now + token.lifetime) return { field: 'lifetime', before: undefined, after: token.lifetime };
  return undefined;
}

function metadataFields(ctx: PlanContext, token: TokenSpec, live: LiveToken, fullid: string, notes: Finding[]): FieldChange[] {
  const fields: FieldChange[] = [];
  if (live.privsep !== token.privsep) fields.push({ field: 'privsep', before: live.privsep, after: token.privsep });
  if (live.comment !== token.comment) {
    if (token.comment === '' && ctx.live.version.major < 9) {
      // Token comments can be removed only since libpve-access-control 9.0.4; planning it would never converge.
      notes.push(
        finding(
          'warning',
          'token-comment',
          `PVE ${ctx.live.version.version} cannot remove the comment of ${fullid}; it stays "${live.comment}"`,
          { address: tokenAddress(fullid) },
        ),
      );
    } else {
      fields.push({ field: 'comment', before: live.comment, after: token.comment });
    }
  }
  const expiry = expiryField(token, live, ctx.options.now);
  if (expiry) fields.push(expiry);
  return fields;
}

function existingTokenChange(
  ctx: PlanContext,
  user: UserSpec,
  token: TokenSpec,
  live: LiveToken,
  notes: Finding[],
): TokenChange | undefined {
  const base = declaredChange(user, token, live.tokenid);
  const fields = metadataFields(ctx, token, live, base.fullid, notes);
  // The rotate input and the secret check name the token as declared, whichever generation is current.
  const { reasons, repair } = rotationReasons(fullTokenId(user.userid, token.tokenid), token, live, ctx.options);
  if (reasons.length > 0 && base.fullid === ctx.acting) {
    // Rotating the credential this run authenticates with would cut the run off mid-way.
    notes.push(
      finding(
        'warning',
        'self-rotation',
        `${base.fullid} is the identity this run authenticates with; it is not rotated (${reasons.join('; ')}). Rotate it from another identity.`,
        { address: base.address },
      ),
    );
  } else if (reasons.length > 0) {
    const rotation = rotationFor(token, ctx.live.version);
    return {
      ...base,
      action: 'rotate',
      fields,
      rotation,
      ...(rotation === 'overlap' ? { generation: nextGeneration(user, token, live) } : {}),
      reason: reasons.join('; '),
      ...(repair ? { repair: true as const } : {}),
    };
  }
  return fields.length > 0 ? { ...base, action: 'update', fields } : undefined;
}

function nextGeneration(user: UserSpec, token: TokenSpec, current: LiveToken): NonNullable<TokenChange['generation']> {
  const tokenid = generationTokenId(token.tokenid, (generationOf(token.tokenid, current.tokenid) ?? 1) + 1);
  return { tokenid, fullid: fullTokenId(user.userid, tokenid), overlap: token.overlap ?? 0 };
}

function createChange(user: UserSpec, token: TokenSpec): TokenChange {
  const fields: FieldChange[] = [
    { field: 'privsep', before: undefined, after: token.privsep },
    ...(token.comment !== '' ? [{ field: 'comment', before: undefined, after: token.comment }] : []),
    ...(token.lifetime !== undefined ? [{ field: 'lifetime', before: undefined, after: token.lifetime }] : []),
  ];
  return { ...declaredChange(user, token), action: 'create', fields };
}

/** The changes one declared token needs; with overlap, its current generation stands for it and older ones retire. */
function declaredTokenChanges(
  ctx: PlanContext,
  user: UserSpec,
  token: TokenSpec,
  liveTokens: Readonly<Record<string, LiveToken>>,
  notes: Finding[],
): TokenChange[] {
  if (token.rotation !== 'overlap') {
    const live = liveTokens[token.tokenid];
    const change = live ? existingTokenChange(ctx, user, token, live, notes) : createChange(user, token);
    return change ? [change] : [];
  }
  const generations = liveGenerations(token.tokenid, liveTokens);
  const current = generations.pop();
  if (!current) return [createChange(user, token)];
  const change = existingTokenChange(ctx, user, token, current.token, notes);
  const previous = previousGenerationChanges(ctx, user, token, { previous: generations, current: current.token }, notes);
  return [...(change ? [change] : []), ...previous];
}

/** A live token the declared tokens own: one of them, or a generation of one rotated with overlap. */
function owned(user: UserSpec, tokenid: string): boolean {
  const tokens = user.tokens ?? {};
  if (Object.hasOwn(tokens, tokenid)) return true;
  return Object.values(tokens).some((t) => t.rotation === 'overlap' && generationOf(t.tokenid, tokenid) !== undefined);
}

function undeclaredDelete(user: UserSpec, live: LiveToken): TokenChange {
  const fullid = fullTokenId(user.userid, live.tokenid);
  return {
    kind: 'token',
    userid: user.userid,
    tokenid: live.tokenid,
    fullid,
    address: tokenAddress(fullid),
    action: 'delete',
    fields: [],
    privsep: live.privsep,
    comment: live.comment,
    deliver: [],
    format: 'full',
    reason: `not declared under users.${user.userid}.tokens`,
  };
}

export function diffTokens(ctx: PlanContext): TokenDiff {
  const changes: TokenChange[] = [];
  const notes: Finding[] = [];
  for (const user of Object.values(ctx.spec.users)) {
    if (user.tokens === undefined) continue;
    const liveTokens = ctx.live.users[user.userid]?.tokens ?? {};
    for (const token of Object.values(user.tokens)) changes.push(...declaredTokenChanges(ctx, user, token, liveTokens, notes));
    for (const live of Object.values(liveTokens)) {
      if (!owned(user, live.tokenid)) changes.push(undeclaredDelete(user, live));
    }
  }
  return { changes: changes.sort((a, b) => compareText(a.address, b.address)), findings: notes };
}
