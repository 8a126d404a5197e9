/**
 * The spec's values measured against PVE's limits (limits.ts): lengths PVE rejects, free text PVE
 * would store differently from how it is written (so the plan would show a change on every run),
 * and expiries that cannot be represented or lie in the past. Pure; offline the newest rules
 * apply, at plan time those of the connected release.
 */
// eslint-disable-next-line import-x/no-restricted-paths -- fixed by the redesign
import { finding } from '../plan/finding.js';
// eslint-disable-next-line import-x/no-restricted-paths -- fixed by the redesign
import type { Finding } from '../plan/model.js';
import { formatEpoch } from './duration.js';
import { charLength, enforcedBy, LAST_REPRESENTABLE_DATE, LENGTH_LIMITS, MAX_EXPIRE_EPOCH, sinceText, type LengthLimit, type PveRelease } from './limits.js';
import type { LoadedSpec, SourcePosition } from './model.js';

export interface LimitTarget {
  /** The connected release; absent offline. */
  readonly release?: PveRelease;
  /** Epoch seconds; absent when the caller has no clock (expiry in the past is then not judged). */
  readonly now?: number;
}

export function limitFindings(loaded: LoadedSpec, target: LimitTarget = {}): Finding[] {
  const out: Finding[] = [];
  const where = (...keys: string[]): SourcePosition | undefined => {
    for (const key of keys) {
      const position = loaded.positions.get(key);
      if (position) return position;
    }
    return undefined;
  };
  const serverText = target.release ? `PVE ${target.release.major}.${target.release.minor}` : 'PVE';

  const length = (limit: LengthLimit, value: string, what: string, position: SourcePosition | undefined, address: string) => {
    if (!enforcedBy(limit, target.release)) return;
    const n = charLength(value);
    if (n <= limit.max) return;
    out.push(
      finding('error', 'value-too-long', `${what}: ${limit.field} is ${n} characters long; ${serverText} accepts at most ${limit.max}${target.release ? '' : sinceText(limit)}`, {
        address,
        position,
      }),
    );
  };

  // PVE writes user.cfg with "0" and "" dropped and reads every field back with its outer spaces
  // trimmed (other whitespace is percent-encoded and survives), so either would differ from the
  // spec on every later run.
  const freeText = (value: string, what: string, field: string, position: SourcePosition | undefined, address: string) => {
    if (value === '0') {
      out.push(finding('error', 'text-not-stored', `${what}: PVE does not store a ${field} of "0" (it reads back as empty), so every run would want to set it again; write another text or remove the key`, { address, position }));
      return;
    }
    const ends = [value.startsWith(' ') && 'starts', value.endsWith(' ') && 'ends'].filter(Boolean).join(' and ');
    if (ends !== '') {
      out.push(
        finding('error', 'text-outer-space', `${what}: ${field} ${ends} with a space, which PVE removes when it stores it; remove it from the spec (it is not removed for you, so what you wrote is what PVE shows)`, {
          address,
          position,
        }),
      );
    }
  };

  for (const group of Object.values(loaded.spec.groups)) {
    const base = `groups.${group.groupid}`;
    freeText(group.comment, `group '${group.groupid}'`, 'comment', where(`${base}.comment`, base), `group:${group.groupid}`);
  }

  for (const user of Object.values(loaded.spec.users)) {
    const base = `users.${user.userid}`;
    const address = `user:${user.userid}`;
    const what = `user '${user.userid}'`;
    const realm = /@([^@]*)$/.exec(user.userid)?.[1] ?? '';
    if (charLength(realm) > LENGTH_LIMITS.realm.max) {
      out.push(
        finding('warning', 'realm-cannot-exist', `${what}: realm '${realm}' is longer than ${LENGTH_LIMITS.realm.max} characters, so PVE can never have such a realm and this user can never log in`, {
          address,
          position: where(base),
        }),
      );
    }
    for (const field of ['firstname', 'lastname', 'email', 'comment'] as const) {
      const value = user[field];
      if (value === '') continue;
      const position = where(`${base}.${field}`, base);
      length(field === 'comment' ? LENGTH_LIMITS.userComment : LENGTH_LIMITS[field], value, what, position, address);
      if (field !== 'email') freeText(value, what, field, position, address);
    }
    // Expiries past the last representable date are refused by the schema already.
    if (user.expire > 0 && target.now !== undefined && user.expire <= target.now) {
      out.push(
        finding('warning', 'expire-in-past', `${what}: expire ${formatEpoch(user.expire)} is in the past: PVE takes it, but the user cannot log in and its tokens stop working`, {
          address,
          position: where(`${base}.expire`, base),
        }),
      );
    }

    for (const token of Object.values(user.tokens ?? {})) {
      const tbase = `${base}.tokens.${token.tokenid}`;
      const taddress = `token:${user.userid}!${token.tokenid}`;
      const twhat = `token '${user.userid}!${token.tokenid}'`;
      freeText(token.comment, twhat, 'comment', where(`${tbase}.comment`, tbase), taddress);
      if (token.lifetime !== undefined && (target.now ?? 0) + token.lifetime > MAX_EXPIRE_EPOCH) {
        out.push(
          finding('error', 'lifetime-out-of-range', `${twhat}: lifetime is too long: the token would expire after ${LAST_REPRESENTABLE_DATE}, the last date that can be represented; omit lifetime for a token that never expires`, {
            address: taddress,
            position: where(`${tbase}.lifetime`, tbase),
          }),
        );
      }
    }
  }
  return out;
}
