/** What every mode receives from the orchestrator. */
import type { ActionDeps } from '../deps.js';
import type { RunSession } from '../engine/run-session.js';
import type { Inputs } from '../inputs.js';
import type { RunContext, ResolvedMode } from '../github/context.js';
import type { LoadedSpec } from '../spec/model.js';

export interface RunState {
  readonly deps: ActionDeps;
  readonly inputs: Inputs;
  readonly context: RunContext;
  readonly mode: ResolvedMode;
  readonly loaded: LoadedSpec;
  /** The run's clients and steps, opened once by the orchestrator and closed by it. */
  readonly session: RunSession;
}
