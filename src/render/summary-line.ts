/**
 * The one-line summary (the `summary` output and the last line of every plan). Implied changes
 * are PVE cascades of other changes, never executed, so they are not counted.
 */
import type { Change, ChangeCounts, Plan } from '../plan/model.js';

export function countChanges(changes: readonly Change[]): ChangeCounts {
  const counts = { create: 0, update: 0, delete: 0, rotate: 0 };
  for (const change of changes) if (!change.implied) counts[change.action] += 1;
  return counts;
}

/** `2 to create, 1 to update, 0 to delete`, plus `, 1 to rotate` only when there are rotations. */
export function summaryLine(plan: Plan): string {
  const counts = countChanges(plan.changes);
  const line = `${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete`;
  return counts.rotate > 0 ? `${line}, ${counts.rotate} to rotate` : line;
}
