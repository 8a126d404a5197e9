/**
 * Safety rules of a plan: what must stop it (errors) and what a reviewer must look at
 * (warnings, notices). The lockout policy lives in lockout.ts; the plan's whole rule table in
 * rules.ts.
 */
import type { LiveState } from '../model/live-state.js';
import type { LoadedSpec } from '../spec/model.js';
import { causeFinder } from './cascades.js';
import { finding, type Finding } from '../model/finding.js';
import { lockoutFinding, lockoutViolations } from './lockout.js';
import type { Change, PrincipalPrivileges } from './model.js';
import { currentTokenId, type PlanContext } from './plan-context.js';
import { changePosition } from './positions.js';
import { serverRule, type PlanRule } from './rule-facts.js';
import { pruneAdminFindings } from './prune-admin.js';
import { privsepIntersectionFindings } from './privsep-intersection.js';
import { splitTokenId } from '../model/identity.js';
import { positionOf } from '../spec/positions.js';

/** Privileges that let their holder widen its own or others' access, or open a root shell on a node (Sys.Console). */
export const ESCALATING_PRIVILEGES: ReadonlySet<string> = new Set([
  'Permissions.Modify',
  'Realm.Allocate',
  'Realm.AllocateUser',
  'Sys.Console',
  'Sys.Modify',
  'User.Modify',
]);

/** A plan deleting more than this many objects, or more than this share of them, gets a second look. */
export const MASS_DELETION_COUNT = 10;
export const MASS_DELETION_SHARE = 0.25;
/** Below this count a share says little (deleting 1 of 3 objects is not mass deletion). */
const MASS_DELETION_MIN_FOR_SHARE = 3;

function deletionsDisabled(loaded: LoadedSpec, changes: readonly Change[]): Finding[] {
  return changes
    .filter((c) => c.action === 'delete' && !c.implied)
    .map((c) =>
      finding('error', 'deletions-disabled', `${c.address} would be deleted, but allow-deletions is false`, {
        address: c.address,
        position: changePosition(loaded, c),
      }),
    );
}

function privsepWithoutAcl(loaded: LoadedSpec, ctx: PlanContext, after: LiveState): Finding[] {
  const granted = new Set(after.acl.filter((e) => e.type === 'token').map((e) => e.ugid));
  const out: Finding[] = [];
  for (const user of Object.values(ctx.spec.users)) {
    for (const token of Object.values(user.tokens ?? {})) {
      const fullid = currentTokenId(ctx, user.userid, token.tokenid);
      if (!token.privsep || granted.has(fullid)) continue;
      out.push(
        finding(
          'warning',
          'privsep-no-acl',
          `${fullid} is privilege-separated but has no ACL entry of its own: it can do nothing. Grant it roles in acl, or set privsep: false`,
          {
            address: `token:${fullid}`,
            position: positionOf(loaded, `users.${user.userid}.tokens.${token.tokenid}`, `users.${user.userid}`),
          },
        ),
      );
    }
  }
  return out;
}

function escalations(loaded: LoadedSpec, privileges: readonly PrincipalPrivileges[]): Finding[] {
  const out: Finding[] = [];
  for (const p of privileges) {
    const gained = p.paths
      .map(({ path, before, after }) => ({
        path,
        privs: Object.keys(after).filter((x) => ESCALATING_PRIVILEGES.has(x) && !Object.hasOwn(before, x)),
      }))
      .filter(({ privs }) => privs.length > 0);
    if (gained.length === 0) continue;
    const where = gained.map(({ path, privs }) => `${privs.join(', ')} on ${path}`).join('; ');
    const address = p.type === 'group' ? `group:${p.principal.slice(1)}` : `${p.type}:${p.principal}`;
    const owner = p.type === 'token' ? splitTokenId(p.principal)?.userid : undefined;
    const key = p.type === 'group' ? `groups.${p.principal.slice(1)}` : `users.${owner ?? p.principal}`;
    out.push(finding('warning', 'privilege-escalation', `${p.principal} gains ${where}`, { address, position: positionOf(loaded, key) }));
  }
  return out;
}

function massDeletion(live: LiveState, changes: readonly Change[]): Finding[] {
  const deletes = changes.filter((c) => c.action === 'delete').length;
  const tokens = Object.values(live.users).reduce((n, u) => n + Object.keys(u.tokens).length, 0);
  const custom = Object.values(live.roles).filter((r) => !r.builtin).length;
  const total = custom + Object.keys(live.groups).length + Object.keys(live.users).length + tokens + live.acl.length;
  const share = total === 0 ? 0 : deletes / total;
  if (deletes <= MASS_DELETION_COUNT && !(deletes >= MASS_DELETION_MIN_FOR_SHARE && share > MASS_DELETION_SHARE)) return [];
  return [
    finding(
      'warning',
      'mass-deletion',
      `this plan deletes ${deletes} of ${total} objects on the cluster (${Math.round(share * 100)}%, cascades included)`,
    ),
  ];
}

/** Up to this many deletions get a notice each; beyond, one notice sums them up. */
const CASCADE_NOTICES_EACH = 5;

function cascadeNotices(changes: readonly Change[]): Finding[] {
  const causeOf = causeFinder(changes);
  const effects = new Map<string, { tokens: number; acl: number }>();
  for (const c of changes) {
    const cause = c.implied ? causeOf(c) : undefined;
    if (!cause) continue;
    const counts = effects.get(cause.address) ?? { tokens: 0, acl: 0 };
    if (c.kind === 'token') counts.tokens += 1;
    else counts.acl += 1;
    effects.set(cause.address, counts);
  }
  const describe = ({ tokens, acl }: { tokens: number; acl: number }) =>
    [tokens > 0 ? `${tokens} token(s)` : '', acl > 0 ? `${acl} ACL entr${acl === 1 ? 'y' : 'ies'}` : ''].filter(Boolean).join(' and ');
  if (effects.size > CASCADE_NOTICES_EACH) {
    const total = [...effects.values()].reduce((sum, e) => ({ tokens: sum.tokens + e.tokens, acl: sum.acl + e.acl }), {
      tokens: 0,
      acl: 0,
    });
    return [finding('notice', 'cascade', `${effects.size} deletions also remove ${describe(total)}: PVE does this by itself`)];
  }
  return [...effects].map(([address, counts]) =>
    finding('notice', 'cascade', `deleting ${address} also removes ${describe(counts)}: PVE does this by itself`, { address }),
  );
}

/** The lockout policy's violations, at the spec's declaration of the acting identity. */
function lockoutFindings(loaded: LoadedSpec, ctx: PlanContext, changes: readonly Change[]): Finding[] {
  const split = ctx.acting === undefined ? undefined : splitTokenId(ctx.acting);
  const position =
    ctx.actingUser === undefined
      ? undefined
      : positionOf(loaded, ...(split ? [`users.${split.userid}.tokens.${split.tokenid}`] : []), `users.${ctx.actingUser}`);
  return lockoutViolations(changes, ctx.live, ctx.acting, ctx.options.now).map((v) =>
    lockoutFinding(v, v.address === undefined ? undefined : position),
  );
}

/** Lockout, deletion, privilege and cascade rules, errors first. */
export const SAFETY_RULES: readonly PlanRule[] = [
  serverRule('lockout', ({ loaded, server: s }) => lockoutFindings(loaded, s.ctx, s.changes)),
  serverRule('deletions-disabled', ({ loaded, server: s }) => (s.ctx.options.allowDeletions ? [] : deletionsDisabled(loaded, s.changes))),
  serverRule('privsep-no-acl', ({ loaded, server: s }) => privsepWithoutAcl(loaded, s.ctx, s.after.state)),
  serverRule('privsep-intersection', ({ loaded, server: s }) => privsepIntersectionFindings(loaded, s.ctx, s.after)),
  serverRule('privilege-escalation', ({ loaded, server: s }) => escalations(loaded, s.privileges)),
  serverRule('prune-deletes-admin', ({ loaded, server: s }) => pruneAdminFindings(loaded, s.ctx, s.before, s.changes)),
  serverRule('mass-deletion', ({ server: s }) => massDeletion(s.ctx.live, s.changes)),
  serverRule('cascade', ({ server: s }) => cascadeNotices(s.changes)),
];
