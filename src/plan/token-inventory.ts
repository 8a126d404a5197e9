/**
 * The token inventory: every API token on the cluster, declared in the spec or not, with what it
 * can do and where the spec sends its secret. Privileges come from the planner's permission
 * engine, so a privilege-separated token shows only what it and its user both hold.
 */
import { compareText } from '../model/compare.js';
import { fullTokenId } from '../model/identity.js';
import { serverPrivileges, type LiveState, type LiveUser } from '../model/live-state.js';
import { generationOf, liveGenerations } from '../model/token-generations.js';
import { describeDeliverTarget, describeTarget } from '../spec/deliver-target-label.js';
import type { DeliverTarget, LoadedSpec, TokenSpec } from '../spec/model.js';
import { privilegesAt } from './permissions.js';
import { indexState, relevantEntries, type IndexedState } from './privileges.js';

/** What makes a token worth a second look: it can grant itself more, change the host, or do anything. */
export const INVENTORY_MARKS = ['Permissions.Modify', 'Sys.Modify', 'Administrator'] as const;
export type InventoryMark = (typeof INVENTORY_MARKS)[number];

export interface TokenInventoryEntry {
  /** Full token id, `user@realm!name`. */
  readonly id: string;
  readonly owner: string;
  readonly privsep: boolean;
  /** Epoch seconds; null when the token never expires. */
  readonly expire: number | null;
  /** Whole days until the expiry, rounded down: negative once expired; null when it never expires. */
  readonly daysLeft: number | null;
  /** Declared in the spec. */
  readonly managed: boolean;
  /** Effective privileges per ACL path, paths and privileges sorted. */
  readonly privileges: Readonly<Record<string, readonly string[]>>;
  readonly marks: readonly InventoryMark[];
  /** The spec's deliver targets for the token, in its words; empty for an unmanaged token. */
  readonly targets: readonly string[];
}

const DAY = 86_400;

const isAncestor = (parent: string, path: string): boolean => parent === '/' || path.startsWith(`${parent}/`);

/**
 * The token's privileges on `/` and on every path where an entry of its own, its user's or its
 * user's groups sits: those are the only paths where what it holds can change. A path where it
 * holds nothing is kept only below a path whose privileges propagate to it, so that "none" there
 * reads as what it is (an override), not as noise.
 */
function privilegesOf(id: string, indexed: IndexedState): Record<string, string[]> {
  const paths = [...new Set(['/', ...relevantEntries({ id, type: 'token' }, indexed).map((e) => e.path)])].sort(compareText);
  const out: Record<string, string[]> = {};
  const propagating: string[] = [];
  for (const path of paths) {
    const held = privilegesAt(indexed.model, id, path);
    const names = Object.keys(held).sort(compareText);
    if (names.length > 0 || propagating.some((p) => isAncestor(p, path))) out[path] = names;
    if (Object.values(held).some(Boolean)) propagating.push(path);
  }
  return out;
}

function marksOf(privileges: Record<string, string[]>, all: readonly string[]): InventoryMark[] {
  const held = Object.values(privileges);
  const holds = (privilege: string): boolean => held.some((names) => names.includes(privilege));
  // Administrator is not a privilege: it is holding every privilege the server knows on some path.
  const everything = all.length > 0 && held.some((names) => all.every((p) => names.includes(p)));
  return INVENTORY_MARKS.filter((mark) => (mark === 'Administrator' ? everything : holds(mark)));
}

/** Whole days from `now` to `expire`, rounded down; null for a token that never expires. */
export function daysLeftOf(expire: number, now: number): number | null {
  return expire === 0 ? null : Math.floor((expire - now) / DAY);
}

/** Expired first, then the fewest days left, then tokens that never expire; ties by id. */
function compareEntries(a: TokenInventoryEntry, b: TokenInventoryEntry): number {
  const left = (e: TokenInventoryEntry): number => e.daysLeft ?? Number.POSITIVE_INFINITY;
  return left(a) - left(b) || compareText(a.id, b.id);
}

export interface RepositoryName {
  readonly owner: string;
  readonly repo: string;
}

/** A secret of "this repository" is named with the repository the run is in, when it is known. */
const targetLabel = (target: DeliverTarget, current: RepositoryName | undefined): string =>
  target.kind === 'github-secret' ? describeTarget(target, current) : describeDeliverTarget(target);

/**
 * The declared token a live one belongs to: itself, or a generation of one rotated with overlap;
 * only the current generation holds what the targets hold.
 */
function declaredFor(loaded: LoadedSpec, user: LiveUser, tokenid: string): { declared?: TokenSpec; delivered: boolean } {
  const tokens = loaded.spec.users[user.userid]?.tokens ?? {};
  const own = tokens[tokenid];
  if (own && own.rotation !== 'overlap') return { declared: own, delivered: true };
  for (const declared of Object.values(tokens)) {
    if (declared.rotation !== 'overlap' || generationOf(declared.tokenid, tokenid) === undefined) continue;
    return { declared, delivered: liveGenerations(declared.tokenid, user.tokens).at(-1)?.token.tokenid === tokenid };
  }
  return { delivered: false };
}

/** Every token on the cluster as of `now` (epoch seconds); `current` is the repository the run is in. */
export function tokenInventory(loaded: LoadedSpec, live: LiveState, now: number, current?: RepositoryName): TokenInventoryEntry[] {
  const all = serverPrivileges(live);
  const indexed = indexState(live, all);
  const entries: TokenInventoryEntry[] = [];
  for (const user of Object.values(live.users)) {
    for (const token of Object.values(user.tokens)) {
      const id = fullTokenId(user.userid, token.tokenid);
      const { declared, delivered } = declaredFor(loaded, user, token.tokenid);
      const privileges = privilegesOf(id, indexed);
      entries.push({
        id,
        owner: user.userid,
        privsep: token.privsep,
        expire: token.expire === 0 ? null : token.expire,
        daysLeft: daysLeftOf(token.expire, now),
        managed: declared !== undefined,
        privileges,
        marks: marksOf(privileges, all),
        targets: delivered && declared ? declared.deliver.map((t) => targetLabel(t, current)) : [],
      });
    }
  }
  return entries.sort(compareEntries);
}
