/**
 * Repair rotations, shown apart from the reviewed changes in the plan and in the apply result:
 * they follow from the job's inputs, not from the spec, so the reviewed digest leaves them out
 * and apply does them on its own (README, "Apply on merge").
 */
import type { ApplyReport } from '../plan/apply-report.js';
import type { Plan } from '../plan/model.js';
import { repairChanges } from '../plan/reviewed.js';
import { code, escapeText, tableHead, tableRow } from '../model/markdown-escape.js';
import { ACTION_BADGE } from './markdown-labels.js';

export const REPAIR_TITLE = 'Repair on apply, not part of the reviewed digest';
const REPAIR_NOTE =
  'Apply does these on its own: they restore a missing GitHub secret (seen through `secrets-token`) or were asked for by the ' +
  '`rotate` input, and change nothing the spec declares. A plan job without those inputs does not see them, so the digest leaves them out.';

/** The plan's repair rotations with their reasons; '' when there are none. */
export function repairSection(plan: Plan): string {
  const repairs = repairChanges(plan);
  if (repairs.length === 0) return '';
  const rows = repairs.map((c) => tableRow([ACTION_BADGE[c.action], code(c.address), `_${escapeText(c.reason ?? '')}_`]));
  return [`#### ${REPAIR_TITLE}`, '', tableHead(['action', 'object', 'why']), ...rows, '', `<sub>${REPAIR_NOTE}</sub>`].join('\n');
}

/** What became of each repair rotation in an apply; '' when the plan had none. */
export function repairResultSection(report: ApplyReport, plan: Plan): string {
  const repairs = repairChanges(plan);
  if (repairs.length === 0) return '';
  const rows = repairs.map((c) => {
    const status = report.operations.find((op) => op.address === c.address)?.status ?? 'not reached';
    return tableRow([escapeText(status), code(c.address), `_${escapeText(c.reason ?? '')}_`]);
  });
  return [`#### Repair, not part of the reviewed digest`, '', tableHead(['status', 'object', 'why']), ...rows].join('\n');
}

/** One line for the log: which rotations were repair. */
export function repairText(plan: Plan): string {
  const repairs = repairChanges(plan);
  return repairs.length === 0 ? '' : `Repair on apply (not part of the reviewed digest): ${repairs.map((c) => c.address).join(', ')}\n`;
}
