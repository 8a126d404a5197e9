/** The outputs every live mode sets from its plan. */
import { hasChanges, type Plan } from '../plan/model.js';
import { planToJson } from '../render/json.js';
import { summaryLine } from '../render/summary-line.js';
import type { Outputs } from '../outputs.js';

export function setPlanOutputs(outputs: Outputs, plan: Plan): void {
  outputs.set('has-changes', String(hasChanges(plan)));
  outputs.set('summary', summaryLine(plan));
  outputs.set('plan', JSON.stringify(planToJson(plan)));
  outputs.set('plan-digest', plan.digest);
}
