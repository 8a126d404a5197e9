/** Small, locale-free comparisons shared by the planner: results must not depend on the machine. */
import type { AclEntry } from './live-state.js';

/** Code-unit order: stable across machines and locales, unlike localeCompare. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const sortedUnique = (items: Iterable<string>): string[] => [...new Set(items)].sort(compareText);

/** Same members, whatever the order or duplicates. */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((item) => right.has(item));
}

/** The order of LiveState.acl: path, subject type, subject, role. */
export const compareAclEntries = (a: AclEntry, b: AclEntry): number =>
  compareText(a.path, b.path) || compareText(a.type, b.type) || compareText(a.ugid, b.ugid) || compareText(a.roleid, b.roleid);
