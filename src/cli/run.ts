/** The CLI: the same engine as the action, from a terminal. Returns the exit code. */
import { executePlan } from '../apply/executor.js';
import { proxmoxClientOptions, tlsUnverified } from '../engine/connect.js';
import { planAgainstLive, remainingChanges } from '../engine/plan-live.js';
import { errorMessage } from '../errors.js';
import { oneLine, safeLines } from '../log-line.js';
import { detectDrift } from '../plan/drift.js';
import { hasChanges, hasErrors } from '../plan/model.js';
import { createProxmoxClient, type ProxmoxClient } from '../proxmox/client.js';
import { readLiveState } from '../proxmox/read-state.js';
import { planToJson } from '../render/json.js';
import { renderApplyText } from '../render/result.js';
import { renderPlanText } from '../render/text.js';
import { DeliveryPreflightError } from '../secrets/delivery-errors.js';
import { exportSpec } from '../spec/export.js';
import { loadSpecFile } from '../spec/load.js';
import type { LoadedSpec } from '../spec/model.js';
import { validateSpec } from '../spec/validate.js';
import { USAGE, parseCliArgs, type CliOptions } from './args.js';
import { cliSecretDelivery } from './delivery.js';
import { stderrLogger, type CliIo } from './io.js';

/** The terminal writes every line through the log formatter, which may have changed a value. */
const EXPORT_ESCAPED =
  'note: some values were escaped on stdout so that no line can act as a GitHub Actions workflow command; ' +
  'pass --out FILE for the exact text';

export interface CliDeps {
  readonly connect: typeof createProxmoxClient;
  readonly now: () => number;
}

const SECRETS_HINT =
  'From the command line, github-secret targets are written with the token in GITHUB_SECRETS_TOKEN ' +
  '(the action\'s secrets-token), into the repository given by --repository or GITHUB_REPOSITORY.';

const realDeps: CliDeps = { connect: createProxmoxClient, now: () => Math.floor(Date.now() / 1000) };

export async function runCli(argv: readonly string[], io: CliIo, deps: CliDeps = realDeps): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h') || argv.length === 0) {
    io.out(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  try {
    const options = parseCliArgs(argv, io.env, io.isTTY);
    return await dispatch(options, io, deps);
  } catch (err) {
    io.err(`proxmox-access: ${errorMessage(err)}`);
    // The delivery errors speak the action's input names; say what they are called here.
    if (err instanceof DeliveryPreflightError) io.err(SECRETS_HINT);
    return 1;
  }
}

async function dispatch(options: CliOptions, io: CliIo, deps: CliDeps): Promise<number> {
  if (options.command === 'export') return exportCommand(options, io, deps);
  const loaded = await loadSpecFile(options.spec);
  if (options.command === 'validate') return validateCommand(loaded, io);
  const logger = stderrLogger(io);
  const client = await deps.connect(proxmoxClientOptions(options, logger, () => {}));
  try {
    const livePlan = await planAgainstLive(
      client,
      loaded,
      {
        now: deps.now(),
        rotate: options.rotate,
        allowDeletions: options.allowDeletions,
        // A pinned fingerprint is checked even with --insecure (as in the action): no TLS warning then.
        insecure: tlsUnverified(options),
      },
      logger,
    );
    const { plan } = livePlan;
    if (options.command === 'drift') {
      const drift = detectDrift(loaded, livePlan.live, plan, { now: deps.now() });
      if (options.json) io.out(JSON.stringify(drift, null, 2));
      else io.out(drift.clean ? 'No drift.' : drift.items.map((i) => `${i.kind}: ${oneLine(i.address)}: ${oneLine(i.message)}`).join('\n'));
      return drift.clean ? 0 : 2;
    }
    io.out(options.json ? JSON.stringify(planToJson(plan), null, 2) : renderPlanText(plan, { color: options.color }));
    if (options.command === 'plan' || hasErrors(plan)) return hasErrors(plan) ? 1 : 0;
    if (!hasChanges(plan)) return 0;
    return await applyCommand(options, io, deps, client, loaded, livePlan);
  } finally {
    await client.close();
  }
}

function validateCommand(loaded: LoadedSpec, io: CliIo): number {
  const findings = validateSpec(loaded);
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
  deps: CliDeps,
  client: ProxmoxClient,
  loaded: LoadedSpec,
  livePlan: Awaited<ReturnType<typeof planAgainstLive>>,
): Promise<number> {
  if (!options.yes && !(await io.confirm('Apply this plan? Only "yes" is accepted: '))) {
    io.err('apply cancelled: nothing was changed (answer "yes" to apply, or pass --yes)');
    return 1;
  }
  const logger = stderrLogger(io);
  const delivery = cliSecretDelivery(options, io, logger);
  const report = await executePlan(livePlan.plan, {
    api: client,
    delivery,
    logger,
    live: livePlan.live,
    now: deps.now,
    allowDeletions: options.allowDeletions,
    verify: () => remainingChanges(client, loaded, { now: deps.now(), allowDeletions: options.allowDeletions }),
  });
  io.out(renderApplyText(report));
  delivery.printOutputs();
  return report.error || !report.converged ? 1 : 0;
}

async function exportCommand(options: CliOptions, io: CliIo, deps: CliDeps): Promise<number> {
  const logger = stderrLogger(io);
  const client = await deps.connect(proxmoxClientOptions(options, logger, () => {}));
  try {
    const yaml = exportSpec(await readLiveState(client), { now: deps.now() });
    if (options.out) {
      await io.writeFile(options.out, yaml);
      io.err(`wrote ${options.out}`);
    } else {
      io.out(yaml);
      if (safeLines(yaml) !== yaml) io.err(EXPORT_ESCAPED);
    }
    return 0;
  } finally {
    await client.close();
  }
}
