/** The `audit` output: the token inventory of the cluster the mode just read, as JSON. */
import { serverPrivileges, type LiveState } from '../model/live-state.js';
import { tokenInventory, type TokenInventoryEntry } from '../plan/token-inventory.js';
import type { ModeReport } from './result.js';
import type { RunState } from './state.js';

export interface Inventory {
  readonly entries: readonly TokenInventoryEntry[];
  readonly allPrivileges: readonly string[];
}

/** Sets `audit` and returns the inventory for the mode's Markdown. Live state holds no secret, so neither does it. */
export function auditOutput(report: ModeReport, state: RunState, live: LiveState): Inventory {
  const entries = tokenInventory(state.loaded, live, state.deps.now(), state.context.repo);
  report.output('audit', JSON.stringify(entries));
  return { entries, allPrivileges: serverPrivileges(live) };
}
