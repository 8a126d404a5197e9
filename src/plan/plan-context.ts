/**
 * What every diff needs besides the spec and the live state: who the run acts as, which tokens
 * the spec owns, and which undeclared objects the spec still relies on (and so never prunes).
 */
import type { LiveState } from '../model/live-state.js';
import type { AclSpec, Spec } from '../spec/model.js';
import type { PlanOptions } from './model.js';
import { fullTokenId, splitTokenId } from '../model/identity.js';
import { liveGenerations } from '../model/token-generations.js';

export interface PlanContext {
  readonly spec: Spec;
  readonly live: LiveState;
  readonly options: PlanOptions;
  /** The acting identity as given: a userid or a full token id. */
  readonly acting?: string;
  /** The user behind the acting identity (itself, or the token's owner). */
  readonly actingUser?: string;
  /** Full ids of the tokens under users that declare `tokens:`. */
  readonly declaredTokens: ReadonlySet<string>;
  /**
   * Tokens with `rotation: overlap` whose current generation is not the declared name: declared
   * full id -> the current generation's full id, which the declared fields and ACLs apply to.
   */
  readonly currentGenerations: ReadonlyMap<string, string>;
  /** Previous generations still on the cluster: owned, but their ACL entries are left as they are until they go. */
  readonly retiringTokens: ReadonlySet<string>;
  /** Ids the spec refers to (in ACLs or memberships) without necessarily declaring them. */
  readonly referenced: {
    readonly roles: ReadonlySet<string>;
    readonly groups: ReadonlySet<string>;
    readonly users: ReadonlySet<string>;
  };
}

export function planContext(spec: Spec, live: LiveState, options: PlanOptions): PlanContext {
  const declaredTokens = new Set<string>();
  for (const user of Object.values(spec.users)) {
    for (const tokenid of Object.keys(user.tokens ?? {})) declaredTokens.add(fullTokenId(user.userid, tokenid));
  }
  const roles = new Set<string>();
  const groups = new Set<string>();
  const users = new Set<string>();
  for (const user of Object.values(spec.users)) for (const g of user.groups) groups.add(g);
  for (const acl of spec.acl) {
    for (const r of acl.roles) roles.add(r);
    for (const g of acl.groups) groups.add(g);
    for (const u of acl.users) users.add(u);
    for (const t of acl.tokens) users.add(splitTokenId(t)?.userid ?? t);
  }
  const acting = options.actingIdentity;
  return {
    spec,
    live,
    options,
    ...(acting !== undefined ? { acting, actingUser: splitTokenId(acting)?.userid ?? acting } : {}),
    declaredTokens,
    ...generationsOf(spec, live),
    referenced: { roles, groups, users },
  };
}

function generationsOf(spec: Spec, live: LiveState): Pick<PlanContext, 'currentGenerations' | 'retiringTokens'> {
  const currentGenerations = new Map<string, string>();
  const retiringTokens = new Set<string>();
  for (const user of Object.values(spec.users)) {
    const liveTokens = live.users[user.userid]?.tokens ?? {};
    for (const token of Object.values(user.tokens ?? {})) {
      if (token.rotation !== 'overlap') continue;
      const generations = liveGenerations(token.tokenid, liveTokens);
      const current = generations.pop();
      if (current && current.generation > 1) {
        currentGenerations.set(fullTokenId(user.userid, token.tokenid), fullTokenId(user.userid, current.token.tokenid));
      }
      for (const { token: old } of generations) retiringTokens.add(fullTokenId(user.userid, old.tokenid));
    }
  }
  return { currentGenerations, retiringTokens };
}

/** The full id that stands for a declared token: its current generation under `rotation: overlap`. */
export function currentTokenId(ctx: PlanContext, userid: string, tokenid: string): string {
  const declared = fullTokenId(userid, tokenid);
  return ctx.currentGenerations.get(declared) ?? declared;
}

/** The spec's ACL with each overlap-rotated token named by its current generation. */
export function aclOfCurrentGenerations(ctx: PlanContext): readonly AclSpec[] {
  if (ctx.currentGenerations.size === 0) return ctx.spec.acl;
  return ctx.spec.acl.map((block) => ({ ...block, tokens: block.tokens.map((t) => ctx.currentGenerations.get(t) ?? t) }));
}

/** Whether the spec claims the ACL entries of this subject (README, "Ownership rules"); an external one it only grants to. */
export function ownsAclSubject(ctx: PlanContext, type: 'user' | 'group' | 'token', ugid: string): boolean {
  if (type === 'user') return Object.hasOwn(ctx.spec.users, ugid) && ctx.spec.users[ugid]!.external !== true;
  if (type === 'group') return Object.hasOwn(ctx.spec.groups, ugid) && ctx.spec.groups[ugid]!.external !== true;
  if (ctx.retiringTokens.has(ugid)) return false;
  return ctx.declaredTokens.has(ugid) || [...ctx.currentGenerations.values()].includes(ugid);
}
