/** Groups: declared ones are owned whole (membership is set from the users' side); others go only when pruned. */
import { groupAddress } from '../model/addresses.js';
import { compareText } from '../model/compare.js';
import { matchingPattern } from '../spec/glob.js';
import type { GroupChange } from './model.js';
import type { PlanContext } from './plan-context.js';

export function diffGroups(ctx: PlanContext): GroupChange[] {
  const changes: GroupChange[] = [];
  for (const group of Object.values(ctx.spec.groups)) {
    if (group.external === true) continue;
    const live = ctx.live.groups[group.groupid];
    const base = { kind: 'group', groupid: group.groupid, address: groupAddress(group.groupid), comment: group.comment } as const;
    if (!live) {
      changes.push({ ...base, action: 'create', fields: [{ field: 'comment', before: undefined, after: group.comment }] });
    } else if (live.comment !== group.comment) {
      changes.push({ ...base, action: 'update', fields: [{ field: 'comment', before: live.comment, after: group.comment }] });
    }
  }
  for (const live of Object.values(ctx.live.groups)) {
    if (Object.hasOwn(ctx.spec.groups, live.groupid) || ctx.referenced.groups.has(live.groupid)) continue;
    const pattern = matchingPattern(ctx.spec.prune.groups, live.groupid);
    if (pattern === undefined) continue;
    changes.push({
      kind: 'group',
      groupid: live.groupid,
      address: groupAddress(live.groupid),
      action: 'delete',
      fields: [],
      comment: live.comment,
      reason: `not in spec, matches prune "${pattern}"`,
    });
  }
  return changes.sort((a, b) => compareText(a.address, b.address));
}
