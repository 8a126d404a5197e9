/**
 * Lockout protection (see the README): a plan must not delete or weaken the identity the run acts as
 * (its user, its tokens, the roles it holds, its ACL entries, its effective privileges), nor take
 * the last `Permissions.Modify` on `/` away from everyone but root@pam.
 */
import type { AclEntry, LiveState } from '../proxmox/model.js';
import type { LoadedSpec } from '../spec/model.js';
import { finding } from './finding.js';
import type { Change, Finding } from './model.js';
import { privilegesAt, splitTokenId } from './permissions.js';
import { ROOT, type PlanContext } from './plan-context.js';
import { positionOf } from './positions.js';
import { principalDiff, relevantEntries, type IndexedState, type Principal } from './privileges.js';

const describeEntry = (e: AclEntry): string => `${e.roleid} on ${e.path} for ${e.type} ${e.ugid}`;

/** ACL subjects (`type:ugid`) whose entries give the acting identity its rights. */
function actingSubjects(ctx: PlanContext, before: LiveState): Set<string> {
  const subjects = new Set<string>();
  if (ctx.acting === undefined || ctx.actingUser === undefined) return subjects;
  if (ctx.acting !== ctx.actingUser) subjects.add(`token:${ctx.acting}`);
  subjects.add(`user:${ctx.actingUser}`);
  for (const g of before.users[ctx.actingUser]?.groups ?? []) subjects.add(`group:${g}`);
  return subjects;
}

function directReasons(ctx: PlanContext, before: LiveState, changes: readonly Change[]): string[] {
  const reasons: string[] = [];
  const subjects = actingSubjects(ctx, before);
  const held = new Set(before.acl.filter((e) => subjects.has(`${e.type}:${e.ugid}`)).map((e) => e.roleid));
  for (const c of changes) {
    if (c.kind === 'user' && c.userid === ctx.actingUser) {
      if (c.action === 'delete') reasons.push(`deletes user ${c.userid}, which this run acts as`);
      if (c.set.enable === false) reasons.push(`disables user ${c.userid}, which this run acts as`);
      if (c.set.expire !== undefined && c.set.expire !== 0 && c.set.expire <= ctx.options.now) reasons.push(`expires user ${c.userid}, which this run acts as`);
    } else if (c.kind === 'token' && c.fullid === ctx.acting && c.action === 'delete') {
      reasons.push(`deletes token ${c.fullid}, which this run authenticates with`);
    } else if (c.kind === 'role' && held.has(c.roleid)) {
      const lost = (before.roles[c.roleid]?.privileges ?? []).filter((p) => !c.privileges.includes(p));
      if (c.action === 'delete') reasons.push(`deletes role ${c.roleid}, which this run's identity holds`);
      else if (lost.length > 0) reasons.push(`removes ${lost.join(', ')} from role ${c.roleid}, which this run's identity holds`);
    } else if (c.kind === 'acl' && subjects.has(`${c.entry.type}:${c.entry.ugid}`)) {
      if (c.action === 'delete') reasons.push(`revokes ${describeEntry(c.entry)}, which this run's identity relies on`);
      const was = before.acl.find((e) => e.path === c.entry.path && e.type === c.entry.type && e.ugid === c.entry.ugid && e.roleid === c.entry.roleid);
      if (c.action === 'update' && was?.propagate && !c.entry.propagate) reasons.push(`stops ${describeEntry(c.entry)} from propagating`);
    }
  }
  return reasons;
}

function privilegeLossReason(ctx: PlanContext, before: IndexedState, after: IndexedState): string | undefined {
  const acting = ctx.acting;
  if (acting === undefined || acting === ROOT) return undefined;
  const principal: Principal = { id: acting, type: splitTokenId(acting) ? 'token' : 'user' };
  const losses = principalDiff(principal, before, after)
    .map(({ path, before: was, after: now }) => {
      const lost = Object.entries(was).filter(([p, flag]) => !Object.hasOwn(now, p) || (flag && !now[p])).map(([p]) => p);
      return lost.length > 0 ? `${lost.join(', ')} on ${path}` : undefined;
    })
    .filter((text) => text !== undefined);
  return losses.length > 0 ? `leaves ${acting} without ${losses.join('; ')}` : undefined;
}

const PERMISSIONS_MODIFY = 'Permissions.Modify';

/** Enabled, unexpired identities other than root@pam that hold Permissions.Modify on `/`. */
function keepsPermissionsModify(indexed: IndexedState, now: number): boolean {
  const { state, model } = indexed;
  const usable = (expire: number) => expire === 0 || expire > now;
  // Only a grant on `/` whose role carries the privilege can give it on `/`.
  const granting = state.acl.filter((e) => e.path === '/' && (model.roles[e.roleid] ?? []).includes(PERMISSIONS_MODIFY));
  const candidates = new Set<string>();
  for (const e of granting) {
    if (e.type === 'group') for (const m of state.groups[e.ugid]?.members ?? []) candidates.add(m);
    else candidates.add(e.ugid);
  }
  for (const id of [...candidates]) {
    if (splitTokenId(id)) continue;
    for (const t of Object.values(state.users[id]?.tokens ?? {})) if (!t.privsep) candidates.add(`${id}!${t.tokenid}`);
  }
  return [...candidates].some((id) => {
    const token = splitTokenId(id);
    const user = state.users[token?.userid ?? id];
    if (!user || user.userid === ROOT || !user.enable || !usable(user.expire)) return false;
    const info = token ? user.tokens[token.tokenid] : undefined;
    if (token && (!info || !usable(info.expire))) return false;
    const principal: Principal = { id, type: token ? 'token' : 'user' };
    return Object.hasOwn(privilegesAt({ ...model, acl: relevantEntries(principal, indexed) }, id, '/'), PERMISSIONS_MODIFY);
  });
}

export function lockoutFindings(
  loaded: LoadedSpec,
  ctx: PlanContext,
  before: IndexedState,
  after: IndexedState,
  changes: readonly Change[],
): Finding[] {
  const address = ctx.acting === undefined ? undefined : ctx.acting === ctx.actingUser ? `user:${ctx.acting}` : `token:${ctx.acting}`;
  const split = ctx.acting === undefined ? undefined : splitTokenId(ctx.acting);
  const position = ctx.actingUser === undefined ? undefined : positionOf(loaded, ...(split ? [`users.${split.userid}.tokens.${split.tokenid}`] : []), `users.${ctx.actingUser}`);
  const reasons = ctx.acting === undefined ? [] : directReasons(ctx, before.state, changes);
  const loss = privilegeLossReason(ctx, before, after);
  if (loss) reasons.push(loss);
  const out = reasons.map((reason) => finding('error', 'lockout', `lockout: this plan ${reason}`, { address, position }));
  const now = ctx.options.now;
  if (keepsPermissionsModify(before, now) && !keepsPermissionsModify(after, now)) {
    out.push(finding('error', 'lockout', 'lockout: after this plan no identity except root@pam holds Permissions.Modify on /', {}));
  }
  return out;
}
