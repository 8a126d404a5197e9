/**
 * ACL entries: declared ones are created or have their propagate flag set; live entries of a
 * subject the spec owns (a declared user, group or token) that the spec does not declare are
 * deleted. Entries of other subjects are left alone here; they may still vanish as the cascade of
 * a deleted user, token, group or role (see cascades.ts).
 */
import { aclAddress, aclKey } from '../model/addresses.js';
import { compareText } from '../model/compare.js';
import type { DesiredAcl } from '../spec/desired-acl.js';
import type { AclChange } from './model.js';
import { ownsAclSubject, type PlanContext } from './plan-context.js';

export function diffAcl(ctx: PlanContext, desired: DesiredAcl): AclChange[] {
  const changes: AclChange[] = [];
  const live = new Set<string>();
  for (const entry of ctx.live.acl) {
    const key = aclKey(entry);
    live.add(key);
    const want = desired.entries.get(key)?.entry;
    if (want && want.propagate !== entry.propagate) {
      changes.push({
        kind: 'acl',
        address: aclAddress(entry),
        action: 'update',
        entry: want,
        fields: [{ field: 'propagate', before: entry.propagate, after: want.propagate }],
      });
    } else if (!want && ownsAclSubject(ctx, entry.type, entry.ugid)) {
      changes.push({
        kind: 'acl',
        address: aclAddress(entry),
        action: 'delete',
        entry,
        fields: [],
        reason: `${entry.type} ${entry.ugid} is declared, this entry is not`,
      });
    }
  }
  for (const [key, { entry }] of desired.entries) {
    if (live.has(key)) continue;
    changes.push({ kind: 'acl', address: aclAddress(entry), action: 'create', entry, fields: [] });
  }
  return changes.sort((a, b) => compareText(a.address, b.address));
}
