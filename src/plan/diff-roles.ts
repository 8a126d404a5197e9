/** Custom roles: declared ones are owned whole; undeclared custom roles go only when pruned. */
import { roleAddress } from '../model/addresses.js';
import { compareText, sameSet, sortedUnique } from '../model/compare.js';
import { matchingPattern } from '../spec/glob.js';
import type { RoleChange } from './model.js';
import type { PlanContext } from './plan-context.js';

export function diffRoles(ctx: PlanContext): RoleChange[] {
  const changes: RoleChange[] = [];
  for (const role of Object.values(ctx.spec.roles)) {
    const live = ctx.live.roles[role.roleid];
    const privileges = sortedUnique(role.privileges);
    const base = { kind: 'role', roleid: role.roleid, address: roleAddress(role.roleid), privileges } as const;
    // Built-in roles cannot be written; declaring one is reported by the reference checks.
    if (live?.builtin) continue;
    if (!live) {
      changes.push({ ...base, action: 'create', fields: [{ field: 'privileges', before: undefined, after: privileges }] });
    } else if (!sameSet(live.privileges, privileges)) {
      changes.push({ ...base, action: 'update', fields: [{ field: 'privileges', before: [...live.privileges], after: privileges }] });
    }
  }
  for (const live of Object.values(ctx.live.roles)) {
    if (live.builtin || Object.hasOwn(ctx.spec.roles, live.roleid) || ctx.referenced.roles.has(live.roleid)) continue;
    const pattern = matchingPattern(ctx.spec.prune.roles, live.roleid);
    if (pattern === undefined) continue;
    changes.push({
      kind: 'role',
      roleid: live.roleid,
      address: roleAddress(live.roleid),
      action: 'delete',
      fields: [],
      privileges: [],
      reason: `not in spec, matches prune "${pattern}"`,
    });
  }
  return changes.sort((a, b) => compareText(a.address, b.address));
}
