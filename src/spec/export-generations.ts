/**
 * Export of tokens rotated with `rotation: overlap` (README, "Tokens and rotation"): a token
 * `name` beside `name-2`, `name-3`, … whose older members all carry an expiry is one declared
 * token in the middle of an overlap. It is exported once, under the declared name, with the
 * current (highest) generation's fields and ACL entries; the retiring ones are left to the
 * planner, which keeps them until they expire. Tokens that merely look alike (an older one that
 * never expires) are exported as they are.
 */
import { TOKEN_NAME_PATTERN } from '../model/identity.js';
import type { AclEntry, LiveState, LiveToken, LiveUser } from '../model/live-state.js';
import { liveGenerations } from '../model/token-generations.js';
import { DEFAULT_OVERLAP } from './build.js';

/** Declared full id → the `overlap` to write (undefined: the default covers every retiring generation). */
export type ExportedOverlaps = ReadonlyMap<string, string | undefined>;

const DAY = 86_400;
const GENERATION = /^(.+)-(?:[2-9]|[1-9]\d+)$/;

interface Family {
  readonly name: string;
  readonly current: LiveToken;
  readonly retiring: readonly LiveToken[];
}

function familiesOf(tokens: Readonly<Record<string, LiveToken>>): Family[] {
  const names = new Set(Object.keys(tokens).flatMap((id) => GENERATION.exec(id)?.[1] ?? []));
  const families: Family[] = [];
  const taken = new Set<string>();
  for (const name of [...names].sort()) {
    if (!TOKEN_NAME_PATTERN.test(name)) continue;
    const members = liveGenerations(name, tokens).filter((g) => !taken.has(g.token.tokenid));
    const current = members.pop();
    if (!current || members.length === 0 || members.some((g) => g.token.expire === 0)) continue;
    for (const g of [...members, current]) taken.add(g.token.tokenid);
    families.push({ name, current: current.token, retiring: members.map((g) => g.token) });
  }
  return families;
}

/** Whole days that cover the latest retiring expiry, when the default overlap does not. */
function overlapCovering(retiring: readonly LiveToken[], now: number | undefined): string | undefined {
  if (now === undefined) return undefined;
  const left = Math.max(...retiring.map((t) => t.expire)) - now;
  return left > DEFAULT_OVERLAP ? `${Math.ceil(left / DAY)}d` : undefined;
}

/** The live state with every overlap family folded into its declared token, and which tokens those are. */
export function foldGenerations(live: LiveState, now: number | undefined): { live: LiveState; overlaps: ExportedOverlaps } {
  const overlaps = new Map<string, string | undefined>();
  const renamed = new Map<string, string>();
  const dropped = new Set<string>();
  const users: Record<string, LiveUser> = {};
  for (const [userid, user] of Object.entries(live.users)) {
    const families = familiesOf(user.tokens);
    if (families.length === 0) {
      users[userid] = user;
      continue;
    }
    const tokens: Record<string, LiveToken> = { ...user.tokens };
    for (const { name, current, retiring } of families) {
      for (const old of retiring) {
        delete tokens[old.tokenid];
        dropped.add(`${userid}!${old.tokenid}`);
      }
      delete tokens[current.tokenid];
      tokens[name] = { ...current, tokenid: name };
      renamed.set(`${userid}!${current.tokenid}`, `${userid}!${name}`);
      overlaps.set(`${userid}!${name}`, overlapCovering(retiring, now));
    }
    users[userid] = { ...user, tokens };
  }
  if (overlaps.size === 0) return { live, overlaps };
  const acl = live.acl.flatMap((e): AclEntry[] => {
    if (e.type !== 'token') return [e];
    if (dropped.has(e.ugid)) return [];
    return [{ ...e, ugid: renamed.get(e.ugid) ?? e.ugid }];
  });
  return { live: { ...live, users, acl }, overlaps };
}
