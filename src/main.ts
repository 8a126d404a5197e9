/**
 * run(deps): the action's steps in a fixed order, with one catch that turns every failure into
 * annotations, a job summary and one `proxmox-access failed: …` message.
 */
import type { ActionDeps } from './deps.js';
import { errorMessage } from './errors.js';
import { maskCredentialInputs, readInputs, readModeInput } from './inputs.js';
import { readRunContext, resolveMode } from './github/context.js';
import { Outputs } from './outputs.js';
import { reportFailure } from './modes/failure.js';
import { loadRunSpec } from './modes/spec-source.js';
import { runValidate } from './modes/validate.js';
import { runPlan } from './modes/plan.js';
import { runApply } from './modes/apply.js';
import { runDrift } from './modes/drift.js';
import type { RunState } from './modes/state.js';

export interface RunOutcome {
  /** Set when the job must fail; `index.ts` passes it to core.setFailed. */
  readonly failure?: string;
}

const MODES: Record<RunState['mode']['mode'], (state: RunState) => Promise<RunOutcome>> = {
  validate: runValidate,
  plan: runPlan,
  apply: runApply,
  drift: runDrift,
};

export async function run(deps: ActionDeps): Promise<RunOutcome> {
  const outputs = new Outputs((name, value) => deps.setOutput(name, value));
  const summary: string[] = [];
  try {
    // Before any other step, so that nothing they log can show a credential.
    maskCredentialInputs((name) => deps.getInput(name), (value) => deps.setSecret(value));
    const context = readRunContext(deps.env, (path) => deps.readFile(path));
    const mode = resolveMode(readModeInput((name) => deps.getInput(name)), context);
    outputs.set('mode', mode.mode);
    const inputs = readInputs((name) => deps.getInput(name), { offline: mode.mode === 'validate' });
    deps.logger.info(`proxmox-access: ${mode.mode} mode (${mode.reason})`);
    const { loaded, context: specContext } = await loadRunSpec(deps, inputs, context);
    const state: RunState = { deps, inputs, context: specContext, mode, loaded, outputs, summary };
    return await MODES[mode.mode](state);
  } catch (err) {
    return reportFailure(deps, err, summary);
  } finally {
    outputs.fillDefaults();
    if (summary.length > 0) await writeSummary(deps, summary.join('\n\n'));
  }
}

/** Runs in `finally`: a throw here would replace the run's outcome with a bare file-system error. */
async function writeSummary(deps: ActionDeps, markdown: string): Promise<void> {
  try {
    await deps.writeSummary(markdown);
  } catch (err) {
    deps.logger.warning(`could not write the job summary: ${errorMessage(err)}`);
  }
}
