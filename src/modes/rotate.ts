/**
 * Rotate mode, for the nightly schedule: rotate exactly the tokens that are due (inside their
 * `rotate-before` window, named by the `rotate` input, or missing a delivered secret) and change
 * nothing else, however much other drift there is. It needs no reviewed plan, because a rotation
 * changes no declared access; it refuses, changing nothing, when the full plan has errors.
 */
import type { LivePlan } from '../engine/plan-live.js';
import { applyRotations, type RotationRun } from '../engine/rotate-tokens.js';
import { errorMessage } from '../errors.js';
import { commentOnIssue } from '../github/issue-comment.js';
import { oneLine } from '../log-line.js';
import { detectDrift, type DriftReport } from '../plan/drift.js';
import type { Plan } from '../plan/model.js';
import { rotationBlockers, rotationOnlyPlan } from '../plan/rotation-only.js';
import { renderDriftMarkdown } from '../render/drift.js';
import { renderNothingDueMarkdown, renderRotationMarkdown, renderRotationText } from '../render/rotation-result.js';
import { auditOutput } from './audit-output.js';
import { buildSecretDelivery } from './delivery.js';
import { syncIssue } from './drift.js';
import { livePlan } from './live-plan.js';
import { planOutputs } from './plan-outputs.js';
import { planSummary } from './plan-view.js';
import { settle, verdict, type ModeFailure, type ModeReport, type ModeResult } from './result.js';
import type { RunState } from './state.js';

export function runRotate(state: RunState): Promise<ModeResult> {
  return settle(async (report) => {
    const { deps, loaded } = state;
    const planned = await livePlan(state);
    const blockers = rotationBlockers(planned.plan);
    if (blockers.length > 0) {
      planOutputs(report, planned.plan);
      report.section(planSummary(state, planned.plan));
      const list = blockers.map((f) => `${f.address ? `${f.address}: ` : ''}${f.message} [${f.code}]`).join('; ');
      return verdict(`refusing to rotate: the plan for ${loaded.file} has errors, so nothing was changed: ${list}`);
    }
    const rotations = rotationOnlyPlan(planned.plan, planned.live);
    planOutputs(report, rotations);
    if (rotations.changes.length === 0) {
      const drift = driftOf(state, planned, planned.secretMissing);
      report.output('drift', String(!drift.clean));
      auditOutput(report, state, planned.live);
      deps.logger.info(
        `nothing is due for rotation${drift.clean ? '' : `; ${drift.items.length} drift item(s) left for the drift report`}`,
      );
      report.section(renderNothingDueMarkdown({ specPath: loaded.file, otherDrift: drift.items.length }));
      return undefined;
    }
    deps.logger.info(`due for rotation: ${rotations.changes.map((c) => `${oneLine(c.address)} (${oneLine(c.reason ?? '')})`).join(', ')}`);
    const run = await rotate(state, planned, rotations, report);
    return reportRotation(state, planned, rotations, run, report);
  });
}

/** The `tokens` output is set whatever happens: a token delivered before a failure is still in it. */
async function rotate(state: RunState, planned: LivePlan, rotations: Plan, report: ModeReport): Promise<RotationRun> {
  const delivery = buildSecretDelivery(state, report);
  try {
    return await applyRotations(state.session, state.deps, state.loaded, planned, rotations, delivery);
  } finally {
    const json = JSON.stringify(delivery.tokensOutput());
    if (json !== '{}') state.deps.setSecret(json);
    report.output('tokens', json);
  }
}

async function reportRotation(
  state: RunState,
  planned: LivePlan,
  rotations: Plan,
  run: RotationRun,
  report: ModeReport,
): Promise<ModeFailure | undefined> {
  const { deps, loaded, context } = state;
  const applied = run.report;
  report.output('applied', String(applied.applied));
  deps.logger.info(renderRotationText(applied, rotations));
  const delivered = new Set(applied.delivered.map((d) => d.fullid));
  const after = run.after ?? planned;
  const drift = driftOf(state, after, run.after ? planned.secretMissing.filter((id) => !delivered.has(id)) : planned.secretMissing);
  report.output('drift', String(!drift.clean));
  const inventory = auditOutput(report, state, after.live);
  const view = { specPath: loaded.file, otherDrift: run.after ? drift.items.length : undefined, runUrl: context.runUrl };
  report.section(renderRotationMarkdown(applied, rotations, { ...view, limit: Number.POSITIVE_INFINITY }));
  if (applied.applied > 0) {
    const note = renderRotationMarkdown(applied, rotations, view);
    const markdown = renderDriftMarkdown(drift, { specPath: loaded.file, now: deps.now(), inventory, runUrl: context.runUrl });
    await recordInDriftIssue(state, drift, markdown, note);
  }
  if (applied.error) return verdict(`rotation stopped: ${applied.error}`);
  if (!applied.converged) {
    const left = applied.remaining.map((c) => `${c.action} ${c.address}`).join(', ');
    return verdict(`the rotation did not settle; a fresh read still wants: ${left}`);
  }
  return undefined;
}

function driftOf(
  state: RunState,
  read: { readonly live: LivePlan['live']; readonly plan: Plan },
  secretMissing: readonly string[],
): DriftReport {
  return detectDrift(state.loaded, read.live, read.plan, { now: state.deps.now(), secretMissing });
}

/**
 * The drift issue as the following drift run would write it (so that run finds it current), and
 * the rotation as a comment on it; when the rotation left no drift, the issue closes with the
 * rotation in its closing comment. A rotation with no drift around it opens no issue: it is not drift.
 */
async function recordInDriftIssue(state: RunState, drift: DriftReport, markdown: string, note: string): Promise<void> {
  const octokit = state.session.github.rest();
  try {
    const issue = await syncIssue(state, drift, drift.clean ? note : markdown);
    if (!octokit || issue?.number === undefined || issue.action === 'closed') return;
    await commentOnIssue(octokit, state.context.repo, issue.number, note);
  } catch (err) {
    // The secrets are rotated and delivered already: an issue GitHub refuses is a warning, not the verdict.
    state.deps.logger.warning(`the rotation is in the job summary only: ${errorMessage(err)}`);
  }
}
