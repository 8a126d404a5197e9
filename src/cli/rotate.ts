/**
 * `proxmox-access rotate`: the action's rotate mode from a terminal. The whole plan is made (so a
 * spec with errors refuses, changing nothing), then only the token rotations that are due run,
 * after a confirmation unless --yes; every other difference stays as it is.
 */
import type { LivePlan } from '../engine/plan-live.js';
import { applyRotations } from '../engine/rotate-tokens.js';
import type { RunSession } from '../engine/run-session.js';
import { count } from '../model/count.js';
import { oneLine } from '../log-line.js';
import { detectDrift } from '../plan/drift.js';
import { rotationBlockers, rotationOnlyPlan } from '../plan/rotation-only.js';
import type { TokenChange } from '../plan/model.js';
import { renderRotationText } from '../render/rotation-result.js';
import type { LoadedSpec } from '../spec/model.js';
import type { CliOptions } from './args.js';
import { cliSecretDelivery } from './delivery.js';
import { findingLines } from './findings.js';
import { stderrLogger, type CliIo } from './io.js';
import { inCliTerms } from './terms.js';

export async function rotateCommand(
  options: CliOptions,
  io: CliIo,
  session: RunSession,
  loaded: LoadedSpec,
  planned: LivePlan,
  now: () => number,
): Promise<number> {
  const blockers = rotationBlockers(planned.plan);
  if (blockers.length > 0) {
    for (const line of findingLines(blockers)) io.err(line);
    io.err(`rotate refused: the plan has ${count(blockers.length, 'error')}; nothing was changed`);
    return 1;
  }
  // Warnings too, as plan and apply show them (and the action annotates them): a --rotate id
  // that names no declared token would otherwise pass in silence.
  for (const line of findingLines(planned.plan.findings)) io.err(line);
  const rotations = rotationOnlyPlan(planned.plan, planned.live);
  const drift = detectDrift(loaded, planned.live, planned.plan, { now: now(), secretMissing: planned.secretMissing });
  const untouched = drift.items.filter((i) => i.kind !== 'expiring' && i.kind !== 'secret-missing').length;
  const leftNote = untouched > 0 ? `; ${count(untouched, 'other difference')} left as it is (see proxmox-access drift)` : '';
  if (rotations.changes.length === 0) {
    io.out(`Nothing is due for rotation${leftNote}.`);
    return 0;
  }
  const tokens = rotations.changes as readonly TokenChange[];
  io.out(`Due for rotation${leftNote}:`);
  for (const c of tokens) io.out(`  ⟳ ${oneLine(c.fullid)} (${oneLine(c.reason ?? '')})`);
  const logger = stderrLogger({ ...io, err: (text) => io.err(inCliTerms(text)) });
  const delivery = cliSecretDelivery(session.github.secrets(), io, logger);
  await delivery.preflight(tokens);
  if (!options.yes && !(await io.confirm('Rotate these tokens? Only "yes" is accepted: '))) {
    io.err('rotate cancelled: nothing was changed (answer "yes" to rotate, or pass --yes)');
    return 1;
  }
  const run = await applyRotations(session, { logger, now }, loaded, planned, rotations, delivery);
  io.out(inCliTerms(renderRotationText(run.report, rotations)));
  delivery.printOutputs();
  return run.report.error || !run.report.converged ? 1 : 0;
}
