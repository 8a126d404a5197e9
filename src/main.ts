/**
 * run(deps): the action's steps in a fixed order. The modes return what they produced; this file
 * alone writes the outputs, the job summary and the failure, and its one catch turns every error
 * into annotations, a summary section and one `proxmox-access failed: …` message.
 */
import type { ActionDeps } from './deps.js';
import { openRunSession, type RunSession } from './engine/run-session.js';
import { errorMessage } from './errors.js';
import { readRunContext, resolveMode, type RunContext } from './github/context.js';
import { maskCredentialInputs, readInputs, readModeInput, type Inputs } from './inputs.js';
import { reportFailure } from './modes/failure.js';
import { MODES } from './modes/index.js';
import type { ModeResult } from './modes/result.js';
import { loadRunSpec } from './modes/spec-source.js';
import { writeOutputs } from './outputs.js';

export interface RunOutcome {
  /** Set when the job must fail; `index.ts` passes it to core.setFailed. */
  readonly failure?: string;
}

/** What the run has produced so far; written once, at the end, whatever happened. */
interface Produced {
  readonly outputs: Map<string, string>;
  readonly summary: string[];
}

export async function run(deps: ActionDeps): Promise<RunOutcome> {
  const produced: Produced = { outputs: new Map(), summary: [] };
  let failure: string | undefined;
  try {
    failure = await runSteps(deps, produced);
  } catch (err) {
    failure = reportFailure(deps, err, produced.summary).failure;
  } finally {
    writeOutputs(produced.outputs, (name, value) => deps.setOutput(name, value));
    if (produced.summary.length > 0) await writeSummary(deps, produced.summary.join('\n\n'));
  }
  return failure === undefined ? {} : { failure };
}

/** Returns the failure message, or undefined when the run succeeded. */
async function runSteps(deps: ActionDeps, produced: Produced): Promise<string | undefined> {
  // Before any other step, so that nothing they log can show a credential.
  maskCredentialInputs(
    (name) => deps.getInput(name),
    (value) => deps.setSecret(value),
  );
  const context = readRunContext(deps.env, (path) => deps.readFile(path));
  const mode = resolveMode(
    readModeInput((name) => deps.getInput(name)),
    context,
  );
  produced.outputs.set('mode', mode.mode);
  const inputs = readInputs((name) => deps.getInput(name), { offline: mode.mode === 'validate' });
  deps.logger.info(`proxmox-access: ${mode.mode} mode (${mode.reason})`);
  const session = openActionSession(deps, inputs, context);
  try {
    const spec = await loadRunSpec(deps, session.github, inputs, context);
    const result = await MODES[mode.mode]({ deps, inputs, mode, session, ...spec });
    return collect(deps, result, produced);
  } finally {
    await session.close();
  }
}

function openActionSession(deps: ActionDeps, inputs: Inputs, context: RunContext): RunSession {
  return openRunSession(deps, {
    connection: inputs,
    github: {
      apiUrl: context.apiUrl,
      token: inputs.githubToken,
      secretsToken: inputs.secretsToken,
      repository: () => context.repo,
    },
    rotate: inputs.rotate,
    allowDeletions: inputs.allowDeletions,
    checkSecrets: true,
    vault: inputs.vault,
    realmSecrets: inputs.realmSecrets,
    setRealmSecrets: inputs.setRealmSecrets,
    syncRealms: inputs.syncRealms,
  });
}

function collect(deps: ActionDeps, result: ModeResult, produced: Produced): string | undefined {
  for (const [name, value] of result.outputs) produced.outputs.set(name, value);
  produced.summary.push(...result.summary);
  const failure = result.failure;
  if (failure?.kind === 'error') return reportFailure(deps, failure.error, produced.summary).failure;
  return failure ? `proxmox-access failed: ${failure.message}` : undefined;
}

/** Runs in `finally`: a throw here would replace the run's outcome with a bare file-system error. */
async function writeSummary(deps: ActionDeps, markdown: string): Promise<void> {
  try {
    await deps.writeSummary(markdown);
  } catch (err) {
    deps.logger.warning(`could not write the job summary: ${errorMessage(err)}`);
  }
}
