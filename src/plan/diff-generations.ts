/**
 * Previous generations of a token rotated with `rotation: overlap` (README, "Tokens and
 * rotation"). They belong to the declared token but are never cut short: one that still works is
 * left alone until its expiry, one that has expired is deleted. One without an expiry within the
 * overlap (the apply that made its successor could not set it) gets it now, so PVE retires it
 * even if no run follows.
 */
import type { LiveToken } from '../model/live-state.js';
import type { TokenGeneration } from '../model/token-generations.js';
import { tokenAddress } from '../model/addresses.js';
import { finding, type Finding } from '../model/finding.js';
import { fullTokenId } from '../model/identity.js';
import type { TokenSpec, UserSpec } from '../spec/model.js';
import type { TokenChange } from './model.js';
import type { PlanContext } from './plan-context.js';
import { isoTime } from './rotation.js';

export interface Generations {
  /** Oldest first, the current one excluded. */
  readonly previous: readonly TokenGeneration[];
  readonly current: LiveToken;
}

function previousChange(user: UserSpec, old: LiveToken): Omit<TokenChange, 'action' | 'fields' | 'reason'> {
  const fullid = fullTokenId(user.userid, old.tokenid);
  return {
    kind: 'token',
    userid: user.userid,
    tokenid: old.tokenid,
    fullid,
    address: tokenAddress(fullid),
    privsep: old.privsep,
    comment: old.comment,
    deliver: [],
    format: 'full',
  };
}

export function previousGenerationChanges(
  ctx: PlanContext,
  user: UserSpec,
  token: TokenSpec,
  generations: Generations,
  notes: Finding[],
): TokenChange[] {
  const { now } = ctx.options;
  const overlap = token.overlap ?? 0;
  const successor = fullTokenId(user.userid, generations.current.tokenid);
  const changes: TokenChange[] = [];
  for (const { token: old } of generations.previous) {
    const base = previousChange(user, old);
    if (old.expire > 0 && old.expire <= now) {
      const reason = `previous generation of ${successor}, expired ${isoTime(old.expire)}`;
      changes.push({ ...base, action: 'delete', fields: [], reason, retired: true });
    } else if (old.expire === 0 || old.expire > now + overlap) {
      // `overlap` becomes an expiry from the moment of the apply, as `lifetime` does.
      const fields = [{ field: 'overlap', before: undefined, after: overlap }];
      changes.push({ ...base, action: 'update', fields, reason: `previous generation of ${successor}: retire it after the overlap` });
    } else {
      const text = `${base.fullid} is a previous generation of ${successor}: retiring until ${isoTime(old.expire)}, then the next run deletes it`;
      notes.push(finding('notice', 'token-retiring', text, { address: base.address }));
    }
  }
  return changes;
}
