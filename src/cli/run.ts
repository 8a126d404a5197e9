/** The CLI: the same engine as the action, from a terminal. Returns the exit code. */
import { guardPlan } from '../apply/guard.js';
import type { LivePlan } from '../engine/plan-live.js';
import { openRunSession, type RunSession } from '../engine/run-session.js';
import { ActionError, InputError, errorMessage } from '../errors.js';
import { createOctokit } from '../github/octokit.js';
import { sleep } from '../github/retry.js';
import type { Logger } from '../log.js';
import { oneLine, safeLines } from '../log-line.js';
import { detectDrift } from '../plan/drift.js';
import { hasChanges, hasErrors, type TokenChange } from '../plan/model.js';
import { createProxmoxClient } from '../proxmox/client.js';
import { readLiveState } from '../proxmox/read-state.js';
import { planToJson } from '../render/json.js';
import { renderApplyText } from '../render/result.js';
import { renderPlanText } from '../render/text.js';
import { DeliveryPreflightError } from '../secrets/delivery-errors.js';
import { parseRepository } from '../secrets/targets.js';
import { exportSpec } from '../spec/export.js';
import { loadSpecFile } from '../spec/load.js';
import type { LoadedSpec } from '../spec/model.js';
import { validateSpec } from '../spec/validate.js';
import { USAGE, parseCliArgs, type CliOptions } from './args.js';
import { cliSecretDelivery } from './delivery.js';
import { stderrLogger, type CliIo } from './io.js';
import { simulateCommand, type StartSimulatedCluster } from './simulate.js';
import { inCliTerms, planInCliTerms } from './terms.js';
import { VERSION } from './version.js';

/** The terminal writes every line through the log formatter, which may have changed a value. */
const EXPORT_ESCAPED =
  'note: some values were escaped on stdout so that no line can act as a GitHub Actions workflow command; ' +
  'pass --out FILE for the exact text';

export interface CliDeps {
  readonly connect: typeof createProxmoxClient;
  readonly now: () => number;
  /** Starts the cluster of `simulate`; only the real terminal's entry point brings it. */
  readonly simulate?: StartSimulatedCluster;
}

const SECRETS_HINT =
  'From the command line, github-secret targets are written with the token in GITHUB_SECRETS_TOKEN, ' +
  'into the repository given by --repository or GITHUB_REPOSITORY.';

export const defaultCliDeps: CliDeps = { connect: createProxmoxClient, now: () => Math.floor(Date.now() / 1000) };

export async function runCli(argv: readonly string[], io: CliIo, deps: CliDeps = defaultCliDeps): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h') || argv.length === 0) {
    io.out(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv.includes('--version')) {
    io.out(VERSION);
    return 0;
  }
  try {
    const options = parseCliArgs(argv, io.env, io.isTTY);
    return await dispatch(options, io, deps);
  } catch (err) {
    io.err(`proxmox-access: ${inCliTerms(errorMessage(err))}`);
    if (err instanceof DeliveryPreflightError) io.err(SECRETS_HINT);
    return 1;
  }
}

/** Progress and warnings on stderr, in the CLI's words. */
function cliLogger(io: CliIo): Logger {
  return stderrLogger({ ...io, err: (text) => io.err(inCliTerms(text)) });
}

async function dispatch(options: CliOptions, io: CliIo, deps: CliDeps): Promise<number> {
  if (options.command === 'simulate') {
    if (!deps.simulate) throw new ActionError('simulate is not available here: run the installed proxmox-access command');
    return simulateCommand(options, io, deps.simulate);
  }
  if (options.command === 'export') return withSession(options, io, deps, (session) => exportCommand(options, io, deps, session));
  const loaded = await loadSpecFile(options.spec);
  if (options.command === 'validate') return validateCommand(loaded, io, deps.now());
  return withSession(options, io, deps, async (session) => {
    const planned = await session.plan(loaded);
    const plan = planInCliTerms(planned.plan);
    if (options.command === 'drift') {
      const drift = detectDrift(loaded, planned.live, plan, { now: deps.now() });
      if (options.json) io.out(JSON.stringify(drift, null, 2));
      else io.out(drift.clean ? 'No drift.' : drift.items.map((i) => `${i.kind}: ${oneLine(i.address)}: ${oneLine(i.message)}`).join('\n'));
      return drift.clean ? 0 : 2;
    }
    io.out(options.json ? JSON.stringify(planToJson(plan), null, 2) : renderPlanText(plan, { color: options.color }));
    if (options.command === 'plan' || hasErrors(plan)) return hasErrors(plan) ? 1 : 0;
    if (!hasChanges(plan)) return 0;
    return await applyCommand(options, io, session, loaded, { ...planned, plan }, deps.now());
  });
}

/** The run session of a command that reads the cluster: the action's, with the terminal's clients. */
async function withSession(
  options: CliOptions,
  io: CliIo,
  deps: CliDeps,
  command: (session: RunSession) => Promise<number>,
): Promise<number> {
  const session = openRunSession(
    { logger: cliLogger(io), now: deps.now, connectProxmox: deps.connect, octokit: createOctokit, sleep, setSecret: () => {} },
    {
      connection: options,
      github: {
        apiUrl: options.githubApiUrl,
        // github-secret targets are written only with both the token and the repository to write into.
        secretsToken: options.repository ? options.secretsToken : undefined,
        repository: () => parseRepository(options.repository ?? '', '--repository'),
      },
      rotate: options.rotate,
      allowDeletions: options.allowDeletions,
      // A terminal's plan does not ask GitHub whether delivered secrets still exist; the action's does.
      checkSecrets: false,
    },
  );
  try {
    return await command(session);
  } finally {
    await session.close();
  }
}

function validateCommand(loaded: LoadedSpec, io: CliIo, now: number): number {
  const findings = validateSpec(loaded, { now });
  for (const f of findings) {
    const at = f.position ? `${f.position.file}:${f.position.line}:${f.position.column}: ` : '';
    io.err(`${oneLine(at)}${f.severity}: ${oneLine(f.message)}`);
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  io.out(errors === 0 ? `${loaded.file}: valid` : `${loaded.file}: ${errors} error(s)`);
  return errors === 0 ? 0 : 1;
}

async function applyCommand(
  options: CliOptions,
  io: CliIo,
  session: RunSession,
  loaded: LoadedSpec,
  livePlan: LivePlan,
  now: number,
): Promise<number> {
  const delivery = cliSecretDelivery(session.github.secrets(), io, cliLogger(io));
  // Everything that would refuse the apply is checked before the question, so a "yes" is never wasted.
  guardPlan(livePlan.plan, { allowDeletions: options.allowDeletions, live: livePlan.live, now });
  const newSecrets = livePlan.plan.changes.filter(
    (c): c is TokenChange => c.kind === 'token' && !c.implied && (c.action === 'create' || c.action === 'rotate'),
  );
  if (newSecrets.length > 0) await delivery.preflight(newSecrets);
  if (!options.yes && !(await io.confirm('Apply this plan? Only "yes" is accepted: '))) {
    io.err('apply cancelled: nothing was changed (answer "yes" to apply, or pass --yes)');
    return 1;
  }
  const report = await session.apply(loaded, livePlan, delivery);
  io.out(inCliTerms(renderApplyText(report)));
  delivery.printOutputs();
  return report.error || !report.converged ? 1 : 0;
}

async function exportCommand(options: CliOptions, io: CliIo, deps: CliDeps, session: RunSession): Promise<number> {
  const yaml = exportSpec(await readLiveState(await session.proxmox()), { now: deps.now() });
  if (options.out) {
    await writeExport(io, options.out, yaml, options.force);
    io.err(`wrote ${options.out}`);
  } else {
    io.out(yaml);
    if (safeLines(yaml) !== yaml) io.err(EXPORT_ESCAPED);
  }
  return 0;
}

async function writeExport(io: CliIo, file: string, yaml: string, force: boolean): Promise<void> {
  try {
    await io.writeFile(file, yaml, force ? 'overwrite' : 'create');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    throw new InputError('out', `${file} already exists and was left as it is: pass --force to overwrite it, or choose another --out file`);
  }
}
