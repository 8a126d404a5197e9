/**
 * The spec's values measured against PVE's limits (limits.ts): lengths PVE rejects, free text PVE
 * would store differently from how it is written (so the plan would show a change on every run),
 * and expiries that cannot be represented or lie in the past. Pure; offline the newest rules
 * apply, at plan time those of the connected release.
 */
import { finding, type Finding, type SourcePosition } from '../model/finding.js';
import { formatEpoch } from './duration.js';
import {
  charLength,
  enforcedBy,
  LAST_REPRESENTABLE_DATE,
  LENGTH_LIMITS,
  MAX_EXPIRE_EPOCH,
  sinceText,
  type LengthLimit,
  type PveRelease,
} from './limits.js';
import type { LoadedSpec } from './model.js';

export interface LimitTarget {
  /** The connected release; absent offline. */
  readonly release?: PveRelease;
  /** Epoch seconds; absent when the caller has no clock (expiry in the past is then not judged). */
  readonly now?: number;
}

interface Text {
  readonly value: string;
  readonly what: string;
  readonly field: string;
  readonly position: SourcePosition | undefined;
  readonly address: string;
}

const where = (loaded: LoadedSpec, ...keys: string[]): SourcePosition | undefined => {
  for (const key of keys) {
    const position = loaded.positions.get(key);
    if (position) return position;
  }
  return undefined;
};

/** Free text PVE stores in user.cfg, in file order: group comments, then each user's fields and its tokens' comments. */
function texts(loaded: LoadedSpec, withEmail: boolean): Text[] {
  const out: Text[] = [];
  for (const group of Object.values(loaded.spec.groups)) {
    const base = `groups.${group.groupid}`;
    out.push({
      value: group.comment,
      what: `group '${group.groupid}'`,
      field: 'comment',
      position: where(loaded, `${base}.comment`, base),
      address: `group:${group.groupid}`,
    });
  }
  for (const user of Object.values(loaded.spec.users)) {
    const base = `users.${user.userid}`;
    for (const field of ['firstname', 'lastname', 'email', 'comment'] as const) {
      if (user[field] === '' || (field === 'email' && !withEmail)) continue;
      out.push({
        value: user[field],
        what: `user '${user.userid}'`,
        field,
        position: where(loaded, `${base}.${field}`, base),
        address: `user:${user.userid}`,
      });
    }
    for (const token of Object.values(user.tokens ?? {})) {
      const tbase = `${base}.tokens.${token.tokenid}`;
      const fullid = `${user.userid}!${token.tokenid}`;
      out.push({
        value: token.comment,
        what: `token '${fullid}'`,
        field: 'comment',
        position: where(loaded, `${tbase}.comment`, tbase),
        address: `token:${fullid}`,
      });
    }
  }
  return out;
}

function valueTooLong(loaded: LoadedSpec, target: LimitTarget): Finding[] {
  const serverText = target.release ? `PVE ${target.release.major}.${target.release.minor}` : 'PVE';
  return texts(loaded, true).flatMap(({ value, what, field, position, address }) => {
    if (!address.startsWith('user:')) return [];
    const limit: LengthLimit = field === 'comment' ? LENGTH_LIMITS.userComment : LENGTH_LIMITS[field as 'firstname' | 'lastname' | 'email'];
    const n = charLength(value);
    if (!enforcedBy(limit, target.release) || n <= limit.max) return [];
    const message = `${what}: ${limit.field} is ${n} characters long; ${serverText} accepts at most ${limit.max}${target.release ? '' : sinceText(limit)}`;
    return [finding('error', 'value-too-long', message, { address, position })];
  });
}

// PVE writes user.cfg with "0" and "" dropped and reads every field back with its outer spaces
// trimmed (other whitespace is percent-encoded and survives), so either would differ from the
// spec on every later run.
function textNotStored(loaded: LoadedSpec): Finding[] {
  return texts(loaded, false)
    .filter(({ value }) => value === '0')
    .map(({ what, field, position, address }) =>
      finding(
        'error',
        'text-not-stored',
        `${what}: PVE does not store a ${field} of "0" (it reads back as empty), so every run would want to set it again; write another text or remove the key`,
        { address, position },
      ),
    );
}

function textOuterSpace(loaded: LoadedSpec): Finding[] {
  return texts(loaded, false).flatMap(({ value, what, field, position, address }) => {
    const ends = [value.startsWith(' ') && 'starts', value.endsWith(' ') && 'ends'].filter(Boolean).join(' and ');
    if (ends === '') return [];
    const message = `${what}: ${field} ${ends} with a space, which PVE removes when it stores it; remove it from the spec (it is not removed for you, so what you wrote is what PVE shows)`;
    return [finding('error', 'text-outer-space', message, { address, position })];
  });
}

function realmCannotExist(loaded: LoadedSpec): Finding[] {
  return Object.values(loaded.spec.users).flatMap((user) => {
    const realm = /@([^@]*)$/.exec(user.userid)?.[1] ?? '';
    if (charLength(realm) <= LENGTH_LIMITS.realm.max) return [];
    const message = `user '${user.userid}': realm '${realm}' is longer than ${LENGTH_LIMITS.realm.max} characters, so PVE can never have such a realm and this user can never log in`;
    return [
      finding('warning', 'realm-cannot-exist', message, {
        address: `user:${user.userid}`,
        position: where(loaded, `users.${user.userid}`),
      }),
    ];
  });
}

function expireInPast(loaded: LoadedSpec, target: LimitTarget): Finding[] {
  const now = target.now;
  // Expiries past the last representable date are refused by the schema already.
  return Object.values(loaded.spec.users)
    .filter((user) => user.expire > 0 && now !== undefined && user.expire <= now)
    .map((user) =>
      finding(
        'warning',
        'expire-in-past',
        `user '${user.userid}': expire ${formatEpoch(user.expire)} is in the past: PVE takes it, but the user cannot log in and its tokens stop working`,
        {
          address: `user:${user.userid}`,
          position: where(loaded, `users.${user.userid}.expire`, `users.${user.userid}`),
        },
      ),
    );
}

function lifetimeOutOfRange(loaded: LoadedSpec, target: LimitTarget): Finding[] {
  return Object.values(loaded.spec.users).flatMap((user) =>
    Object.values(user.tokens ?? {})
      .filter((token) => token.lifetime !== undefined && (target.now ?? 0) + token.lifetime > MAX_EXPIRE_EPOCH)
      .map((token) => {
        const tbase = `users.${user.userid}.tokens.${token.tokenid}`;
        const fullid = `${user.userid}!${token.tokenid}`;
        const message = `token '${fullid}': lifetime is too long: the token would expire after ${LAST_REPRESENTABLE_DATE}, the last date that can be represented; omit lifetime for a token that never expires`;
        return finding('error', 'lifetime-out-of-range', message, {
          address: `token:${fullid}`,
          position: where(loaded, `${tbase}.lifetime`, tbase),
        });
      }),
  );
}

/** The checks by the code they report; each is a rule of its own in the rule table. */
export const LIMIT_CHECKS: Readonly<Record<string, (loaded: LoadedSpec, target: LimitTarget) => Finding[]>> = {
  'value-too-long': valueTooLong,
  'text-not-stored': textNotStored,
  'text-outer-space': textOuterSpace,
  'realm-cannot-exist': realmCannotExist,
  'expire-in-past': expireInPast,
  'lifetime-out-of-range': lifetimeOutOfRange,
};

export function limitFindings(loaded: LoadedSpec, target: LimitTarget = {}): Finding[] {
  return Object.values(LIMIT_CHECKS).flatMap((check) => check(loaded, target));
}
