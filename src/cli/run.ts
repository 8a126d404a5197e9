/** The CLI: the same engine as the action, from a terminal. Returns the exit code. */
import { guardPlan } from '../apply/guard.js';
import type { LivePlan } from '../engine/plan-live.js';
import { openRunSession, type RunSession } from '../engine/run-session.js';
import { ActionError, InputError, SpecError, errorMessage } from '../errors.js';
import { createOctokit } from '../github/octokit.js';
import { sleep } from '../github/retry.js';
import type { Logger } from '../log.js';
import { oneLine, safeLines } from '../log-line.js';
import { count } from '../model/count.js';
import { hasChanges, type TokenChange } from '../plan/model.js';
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
import { driftCommand } from './drift.js';
import { rotateCommand } from './rotate.js';
import { errorCount, findingCounts, findingLines, specErrorShown } from './findings.js';
import { stderrLogger, type CliIo } from './io.js';
import { simulateCommand, type StartSimulatedCluster } from './simulate.js';
import { inCliTerms, planInCliTerms } from './terms.js';
import { VERSION } from './version.js';

/**
 * Inside GitHub Actions the runner reads stdout for workflow commands, so there the spec goes
 * through the log formatter, which may change a value; elsewhere it is written exactly.
 */
const EXPORT_ESCAPED =
  'note: some values were escaped on stdout so that no line can act as a GitHub Actions workflow command; ' +
  'pass --out FILE for the exact text';

export interface CliDeps {
  readonly connect: typeof createProxmoxClient;
  readonly now: () => number;
  /** Starts the cluster of `simulate`; only the real terminal's entry point brings it. */
  readonly simulate?: StartSimulatedCluster;
}

/** A terminal has no reviewed plan whose digest would leave repairs out. */
const CLI_REPAIR = 'repair on apply';

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
    for (const note of options.notes) io.err(note);
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
  const loaded = await loadSpec(options, io);
  if (!loaded) return 1;
  if (options.command === 'validate') return validateCommand(loaded, io, deps.now());
  return withSession(options, io, deps, async (session) => {
    const planned = await session.plan(loaded);
    const plan = planInCliTerms(planned.plan);
    if (options.command === 'rotate') return rotateCommand(options, io, session, loaded, { ...planned, plan }, deps.now);
    if (options.command === 'drift') return driftCommand(options, io, loaded, planned, plan, deps.now());
    if (options.json) io.out(JSON.stringify(planToJson(plan), null, 2));
    else for (const line of findingLines(plan.findings)) io.err(line);
    const errors = errorCount(plan.findings);
    if (errors > 0) {
      // Changes built from values that failed a check would read as if they could happen: not shown.
      io.err(
        options.command === 'apply'
          ? `apply refused: the plan has ${count(errors, 'error')}; nothing was changed`
          : `plan refused: the plan has ${count(errors, 'error')}; nothing can be applied until they are fixed`,
      );
      return 1;
    }
    if (!options.json) io.out(renderPlanText({ ...plan, findings: [] }, { color: options.color, repairLabel: CLI_REPAIR }));
    if (options.command === 'plan' || !hasChanges(plan)) return 0;
    return await applyCommand(options, io, session, loaded, { ...planned, plan }, deps.now());
  });
}

/** The spec, or undefined after its problems were shown the way findings are. */
async function loadSpec(options: CliOptions, io: CliIo): Promise<LoadedSpec | undefined> {
  try {
    return await loadSpecFile(options.spec);
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    const shown = specErrorShown(err);
    for (const line of findingLines(shown)) io.err(line);
    const what = `${oneLine(options.spec)} does not load (${count(errorCount(shown), 'error')})`;
    io.err(
      options.command === 'validate'
        ? `${what}; the remaining checks run once these are fixed`
        : `${options.command} refused: ${what}; nothing was read or changed`,
    );
    return undefined;
  }
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
        // Without a repository, targets that name their own still work; the others fail preflight saying so.
        secretsToken: options.secretsToken,
        repository: () => (options.repository !== undefined ? parseRepository(options.repository, '--repository') : undefined),
      },
      rotate: options.rotate,
      allowDeletions: options.allowDeletions,
      realmSecrets: options.realmSecrets,
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
  for (const line of findingLines(findings)) io.err(line);
  const counts = findingCounts(findings);
  if (errorCount(findings) > 0) {
    io.err(`${oneLine(loaded.file)}: ${counts}`);
    return 1;
  }
  io.out(counts === '' ? `${loaded.file}: valid` : `${loaded.file}: valid, ${counts}`);
  return 0;
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
    const runnerReads = io.env['GITHUB_ACTIONS'] === 'true';
    io.out(yaml, { exact: !runnerReads });
    if (runnerReads && safeLines(yaml) !== yaml) io.err(EXPORT_ESCAPED);
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
