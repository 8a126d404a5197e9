/** The outputs every live mode sets from its plan. */
import { hasChanges, type Plan } from '../plan/model.js';
import { planToJson } from '../render/json.js';
import { summaryLine } from '../render/summary-line.js';
import type { ModeReport } from './result.js';

export function planOutputs(report: ModeReport, plan: Plan): void {
  report.output('has-changes', String(hasChanges(plan)));
  report.output('summary', summaryLine(plan));
  report.output('plan', JSON.stringify(planToJson(plan)));
  report.output('plan-digest', plan.digest);
}
