/** What every mode receives from the orchestrator. */
import type { ActionDeps } from '../deps.js';
import type { Inputs } from '../inputs.js';
import type { RunContext, ResolvedMode } from '../github/context.js';
import type { LoadedSpec } from '../spec/model.js';
import type { Outputs } from '../outputs.js';

export interface RunState {
  readonly deps: ActionDeps;
  readonly inputs: Inputs;
  readonly context: RunContext;
  readonly mode: ResolvedMode;
  readonly loaded: LoadedSpec;
  readonly outputs: Outputs;
  /** Markdown sections for the job summary, written once at the end whatever happens. */
  readonly summary: string[];
}
