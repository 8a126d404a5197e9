/**
 * The spec checked against the connected server: privileges it knows, objects the spec refers to
 * without declaring, ACL paths this version accepts, names PVE reserves, and the value limits of
 * this release (limits.ts). Offline validation cannot know any of these; they fail the plan
 * before apply would fail half-way.
 */
import type { LiveState, ServerVersion } from '../model/live-state.js';
import { limitFindings } from '../spec/limit-checks.js';
import type { LoadedSpec } from '../spec/model.js';
import { unmatchablePruneFindings } from '../spec/prune-checks.js';
import { repeatedItemFindings } from '../spec/repeated-items.js';
import { isAllowedAclPath } from '../model/acl-path.js';
import type { DesiredAcl } from './desired-acl.js';
import { finding, type Finding } from '../model/finding.js';
import type { Change, PlanOptions } from './model.js';
import type { PlanContext } from './plan-context.js';
import { positionOf } from './positions.js';
import { privilegeHint } from './privilege-hints.js';
import { splitTokenId } from '../model/identity.js';

function roleFindings(loaded: LoadedSpec, live: LiveState, serverPrivileges: readonly string[]): Finding[] {
  const out: Finding[] = [];
  const known = new Set(serverPrivileges);
  for (const role of Object.values(loaded.spec.roles)) {
    const at = { address: `role:${role.roleid}`, position: positionOf(loaded, `roles.${role.roleid}`) };
    if (live.roles[role.roleid]?.builtin) {
      out.push(finding('error', 'builtin-role', `${role.roleid} is a built-in role: it cannot be declared or changed; use it in acl without declaring it`, at));
      continue;
    }
    if (!live.roles[role.roleid] && live.version.major >= 8 && /^pve/i.test(role.roleid)) {
      out.push(finding('error', 'reserved-role-id', `role ids starting with "PVE" are reserved since PVE 8.0: rename ${role.roleid}`, at));
    }
    if (known.size === 0) continue;
    for (const privilege of role.privileges) {
      if (known.has(privilege)) continue;
      const hint = privilegeHint(privilege, serverPrivileges);
      out.push(finding('error', 'unknown-privilege', `role ${role.roleid}: PVE ${live.version.version} has no privilege ${privilege}${hint ? ` (${hint})` : ''}`, {
        address: at.address,
        position: positionOf(loaded, `roles.${role.roleid}.privileges`, `roles.${role.roleid}`),
      }));
    }
  }
  return out;
}

function tokenExists(ctx: PlanContext, fullid: string): boolean {
  const split = splitTokenId(fullid);
  if (!split) return false;
  const declared = ctx.spec.users[split.userid]?.tokens;
  if (declared !== undefined) return Object.hasOwn(declared, split.tokenid);
  return Object.hasOwn(ctx.live.users[split.userid]?.tokens ?? {}, split.tokenid);
}

function referenceFindings(loaded: LoadedSpec, ctx: PlanContext): Finding[] {
  const out: Finding[] = [];
  const { spec, live } = ctx;
  const missing = (code: string, what: string, id: string, key: string, address?: string) =>
    out.push(finding('error', code, `${what} ${id} is neither declared in the spec nor present on the cluster`, { address, position: positionOf(loaded, key) }));
  for (const user of Object.values(spec.users)) {
    for (const g of user.groups) if (!spec.groups[g] && !live.groups[g]) missing('unknown-group', 'group', g, `users.${user.userid}`, `user:${user.userid}`);
  }
  spec.acl.forEach((block, i) => {
    const key = `acl.${i}`;
    for (const r of block.roles) if (!spec.roles[r] && !live.roles[r]) missing('unknown-role', 'role', r, key);
    for (const g of block.groups) if (!spec.groups[g] && !live.groups[g]) missing('unknown-group', 'group', g, key);
    for (const u of block.users) if (!spec.users[u] && !live.users[u]) missing('unknown-user', 'user', u, key);
    for (const t of block.tokens) if (!tokenExists(ctx, t)) missing('unknown-token', 'token', t, key);
  });
  return out;
}

/** `9.1.1` → 9.1.1; 7.x writes `7.0-5`, whose revision the path rules count as the patch level. */
function versionParts(version: ServerVersion): { major: number; minor: number; patch: number } {
  const patch = /^\d+\.\d+[.-](\d+)/.exec(version.version)?.[1];
  return { major: version.major, minor: version.minor, patch: patch === undefined ? 0 : Number(patch) };
}

function aclFindings(loaded: LoadedSpec, ctx: PlanContext, desired: DesiredAcl, changes: readonly Change[]): Finding[] {
  const out: Finding[] = [];
  for (const [key, first, later] of desired.conflicts) {
    out.push(finding('error', 'acl-conflict', `acl.${first} and acl.${later} both grant ${key} with different propagate flags`, { position: positionOf(loaded, `acl.${later}`) }));
  }
  for (const index of desired.rootGrants) {
    out.push(finding('warning', 'root-acl', 'root@pam always holds every privilege; PVE does not store ACL entries for it, so this grant is skipped', { position: positionOf(loaded, `acl.${index}`) }));
  }
  const version = versionParts(ctx.live.version);
  const reported = new Set<string>();
  for (const c of changes) {
    if (c.kind !== 'acl' || c.action !== 'create' || reported.has(c.entry.path) || isAllowedAclPath(c.entry.path, version)) continue;
    reported.add(c.entry.path);
    const index = loaded.spec.acl.findIndex((block) => block.path === c.entry.path);
    out.push(finding('error', 'invalid-acl-path', `PVE ${ctx.live.version.version} does not accept ACL entries on ${c.entry.path}`, { position: positionOf(loaded, `acl.${index}`) }));
  }
  return out;
}

function rotateFindings(ctx: PlanContext, options: PlanOptions): Finding[] {
  if (options.rotate === 'all') return [];
  return options.rotate
    .filter((id) => !ctx.declaredTokens.has(id))
    .map((id) => finding('warning', 'rotate-unknown', `rotate names ${id}, which is not a token declared in the spec; it is not rotated`, { address: `token:${id}` }));
}

export function specFindings(loaded: LoadedSpec, ctx: PlanContext, desired: DesiredAcl, changes: readonly Change[]): Finding[] {
  return [
    ...roleFindings(loaded, ctx.live, ctx.options.serverPrivileges),
    ...referenceFindings(loaded, ctx),
    ...aclFindings(loaded, ctx, desired, changes),
    ...rotateFindings(ctx, ctx.options),
    ...limitFindings(loaded, { release: ctx.live.version, now: ctx.options.now }),
    // Patterns that name root@pam or the acting identity are judged with the live state (kept-by-rule.ts).
    ...unmatchablePruneFindings(loaded),
    ...repeatedItemFindings(loaded),
  ];
}
