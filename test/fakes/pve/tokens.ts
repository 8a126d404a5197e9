/**
 * `/access/users/{userid}/token`. The secret is a random UUID shown
 * only by create and by `regenerate` (9.1+); create's `info` echoes what this call set (strings)
 * next to defaults (numbers); update answers the token after the change the same way.
 */
import { die, paramError, underLock } from './errors.js';
import { byText, splitList, TOKEN_SUBID_PATTERN, truthy } from './ids.js';
import type { ParamSpec, Params, Schema } from './params.js';
import type { HandlerContext, Route, RoutePermissions } from './route.js';
import { settleTokenFields, toInt, type TokenRecord } from './state.js';
import { tokenInfo } from './users.js';

const permissions: RoutePermissions = { check: ['or', ['userid-param', 'self'], ['userid-group', ['User.Modify']]] };

const ids = {
  userid: { type: 'string', format: 'pve-userid', maxLength: 64 },
  tokenid: { type: 'string', pattern: TOKEN_SUBID_PATTERN },
} as const satisfies Schema;

const fields = {
  expire: { type: 'integer', minimum: 0, optional: true },
  privsep: { type: 'boolean', optional: true },
  comment: { type: 'string', optional: true },
} as const satisfies Record<string, ParamSpec>;

/** `check_token_exist`: a missing user or token is a plain 500. */
function existingToken(ctx: HandlerContext, userid: string, tokenid: string): TokenRecord {
  ctx.checks.userExists(userid, false);
  const token = ctx.state.token(userid, tokenid);
  if (!token) throw die(`no such token '${tokenid}' for user '${userid}'`);
  return token;
}

function listTokens(ctx: HandlerContext, params: Params): unknown {
  const user = ctx.checks.userExists(params.userid, false)!;
  return [...user.tokens.keys()].sort(byText).map((tokenid) => ({ tokenid, ...tokenInfo(user.tokens.get(tokenid)!) }));
}

function readToken(ctx: HandlerContext, params: Params): unknown {
  return tokenInfo(existingToken(ctx, params.userid!, params.tokenid!));
}

function createToken(ctx: HandlerContext, params: Params): unknown {
  const userid = params.userid!;
  const tokenid = params.tokenid!;
  const exists = ctx.state.token(userid, tokenid) !== undefined;
  ctx.checks.userExists(userid, false);
  if (exists) throw paramError({ tokenid: 'Token already exists.' });
  const fullTokenId = `${userid}!${tokenid}`;
  const value = ctx.newSecret();
  const info: Record<string, unknown> = { privsep: params.privsep ?? 1 };
  if (params.expire !== undefined) info.expire = params.expire;
  if (truthy(params.comment)) info.comment = params.comment;
  underLock('generating token failed', () => {
    const user = ctx.checks.userExists(userid, false)!;
    if (user.tokens.has(tokenid)) throw die('Token already exists.');
    const token: TokenRecord = {
      privsep: params.privsep === '0' ? 0 : 1,
      expire: params.expire !== undefined ? toInt(params.expire) : 0,
      ...(truthy(params.comment) ? { comment: params.comment } : {}),
    };
    settleTokenFields(token);
    user.tokens.set(tokenid, token);
    ctx.state.tokenSecrets.set(fullTokenId, value);
    ctx.state.committed();
  });
  return { 'full-tokenid': fullTokenId, info, value };
}

function updateToken(ctx: HandlerContext, params: Params): unknown {
  const userid = params.userid!;
  const tokenid = params.tokenid!;
  existingToken(ctx, userid, tokenid);
  return underLock('updating token info failed', () => {
    const stored = existingToken(ctx, userid, tokenid);
    const result: Record<string, unknown> = tokenInfo(stored);
    const next: TokenRecord = { ...stored };
    if (params.privsep !== undefined) {
      result.privsep = params.privsep;
      next.privsep = params.privsep === '1' ? 1 : 0;
    }
    if (params.expire !== undefined) {
      result.expire = params.expire;
      next.expire = toInt(params.expire);
    }
    const comment = params.comment;
    if (comment !== undefined && ctx.features.tokenCommentRemoval) {
      if (comment === '') {
        delete result.comment;
        delete next.comment;
      } else {
        result.comment = next.comment = comment;
      }
    } else if (truthy(comment)) {
      // Before 9.0.4 a comment could be changed but never cleared.
      result.comment = next.comment = comment;
    }
    // `delete` comes after the values, so `comment=X&delete=comment` ends without a comment.
    for (const key of splitList(params.delete)) {
      if (key !== 'comment') throw paramError({ delete: `unknown option '${key}'` });
      delete result.comment;
      delete next.comment;
    }
    settleTokenFields(next);
    ctx.state.users.get(userid)!.tokens.set(tokenid, next);
    ctx.state.committed();
    if (params.regenerate === '1') {
      const fullTokenId = `${userid}!${tokenid}`;
      const value = ctx.newSecret();
      ctx.state.tokenSecrets.set(fullTokenId, value);
      result.value = value;
      result['full-tokenid'] = fullTokenId;
    }
    return result;
  });
}

function deleteToken(ctx: HandlerContext, params: Params): unknown {
  existingToken(ctx, params.userid!, params.tokenid!);
  underLock('deleting token failed', () => {
    existingToken(ctx, params.userid!, params.tokenid!);
    ctx.state.removeToken(params.userid!, params.tokenid!);
    ctx.state.committed();
  });
  return null;
}

/** The `/access/users/{userid}/token` methods. */
export const tokenRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/access/users/{userid}/token',
    permissions,
    schema: () => ({ userid: ids.userid }),
    handler: listTokens,
  },
  {
    method: 'GET',
    path: '/access/users/{userid}/token/{tokenid}',
    permissions,
    schema: () => ids,
    handler: readToken,
  },
  {
    method: 'POST',
    path: '/access/users/{userid}/token/{tokenid}',
    permissions,
    lockLabel: 'generating token failed',
    schema: () => ({ ...ids, ...fields }),
    handler: createToken,
  },
  {
    method: 'PUT',
    path: '/access/users/{userid}/token/{tokenid}',
    permissions,
    lockLabel: 'updating token info failed',
    schema: (features) => ({
      ...ids,
      ...fields,
      ...(features.tokenCommentRemoval ? { delete: { type: 'string', format: 'pve-configid-list', optional: true } } : {}),
      ...(features.tokenRegenerate ? { regenerate: { type: 'boolean', optional: true } } : {}),
    }),
    handler: updateToken,
  },
  {
    method: 'DELETE',
    path: '/access/users/{userid}/token/{tokenid}',
    permissions,
    lockLabel: 'deleting token failed',
    schema: () => ids,
    handler: deleteToken,
  },
];
