/**
 * The one-line summary (the `summary` output and the last line of every plan). Implied changes
 * are PVE cascades of other changes, never executed, so they are not counted.
 */
import { countChanges } from '../plan/make-plan.js';
import type { Plan } from '../plan/model.js';

export { countChanges };

/** `2 to create, 1 to update, 0 to delete`, plus `, 1 to rotate` only when there are rotations. */
export function summaryLine(plan: Plan): string {
  const counts = countChanges(plan.changes);
  const line = `${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete`;
  return counts.rotate > 0 ? `${line}, ${counts.rotate} to rotate` : line;
}
