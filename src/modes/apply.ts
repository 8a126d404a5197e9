/**
 * Apply mode: re-read, re-plan, check the plan is the reviewed one, apply it with every new
 * secret delivered or the token revoked, verify convergence, report everywhere but the secret.
 */
import type { ApplyReport } from '../plan/apply-report.js';
import type { LivePlan } from '../engine/plan-live.js';
import { errorMessage } from '../errors.js';
import { upsertPlanComment } from '../github/comment.js';
import { hasChanges, hasErrors, type Plan } from '../plan/model.js';
import { repairText } from '../render/repair-section.js';
import { renderApplyMarkdown, renderApplyText } from '../render/result.js';
import { summaryLine } from '../render/summary-line.js';
import { checkApprovedPlan, type Approval } from './approval.js';
import { buildSecretDelivery } from './delivery.js';
import { livePlan } from './live-plan.js';
import { planOutputs } from './plan-outputs.js';
import { planComment, planSummary } from './plan-view.js';
import { settle, verdict, type ModeFailure, type ModeReport, type ModeResult } from './result.js';
import type { RunState } from './state.js';

export function runApply(state: RunState): Promise<ModeResult> {
  return settle(async (report) => {
    const { deps } = state;
    const planned = await livePlan(state);
    const { plan } = planned;
    planOutputs(report, plan);
    deps.logger.info(`plan: ${summaryLine(plan)}`);
    // Up front, so a refused or failed apply still shows the plan it was asked to run.
    const planSection = report.section(planSummary(state, plan));
    if (!hasChanges(plan)) {
      // With changes the executor's guard refuses a plan with errors; without, say it here.
      if (hasErrors(plan)) return verdict(`refusing to apply the plan: ${errorList(plan)}`);
      // Checked before the approval: a rerun after a successful apply must not be refused for doing nothing.
      deps.logger.info('nothing to apply: the cluster already matches the spec');
      return undefined;
    }
    const approval = await checkApprovedPlan(state, plan);
    const applied = await applyPlan(state, planned, report);
    report.output('applied', String(applied.applied));
    deps.logger.info(renderApplyText(applied) + repairText(plan));
    const result = renderApplyMarkdown(applied, plan, resultContext(state));
    report.sectionAt(planSection, result);
    await commentResult(state, approval, plan, result, report);
    return outcome(applied);
  });
}

/** The `tokens` output is set whatever happens: a token delivered before a failure is still in it. */
async function applyPlan(state: RunState, planned: LivePlan, report: ModeReport): Promise<ApplyReport> {
  const delivery = buildSecretDelivery(state, report);
  try {
    return await state.session.apply(state.loaded, planned, delivery);
  } finally {
    const json = JSON.stringify(delivery.tokensOutput());
    if (json !== '{}') state.deps.setSecret(json);
    report.output('tokens', json);
  }
}

const resultContext = (state: RunState): { specPath: string; runUrl?: string } => ({
  specPath: state.loaded.file,
  ...(state.context.runUrl ? { runUrl: state.context.runUrl } : {}),
});

/** The apply already happened: a comment GitHub refuses is a warning, never the run's verdict. */
async function commentResult(state: RunState, approval: Approval, plan: Plan, result: string, report: ModeReport): Promise<void> {
  const { deps, inputs, context, session } = state;
  const pr = approval.pullRequest;
  if (pr === undefined || !inputs.comment) return;
  const octokit = session.github.rest();
  if (!octokit) return;
  const body = `${planComment(state, plan)}\n\n---\n${result}`;
  try {
    const comment = await upsertPlanComment(octokit, context.repo, pr, state.loaded.file, body, {
      author: await session.github.commentAuthor(),
      known: approval.comment,
    });
    report.output('comment-url', comment.url);
  } catch (err) {
    deps.logger.warning(`the result of the apply is in the job summary only: ${errorMessage(err)}`);
  }
}

function outcome(report: ApplyReport): ModeFailure | undefined {
  if (report.error) return verdict(`apply stopped: ${report.error}`);
  if (!report.converged) {
    const left = report.remaining.map((c) => `${c.action} ${c.address}`).join(', ');
    return verdict(`the cluster did not converge after apply; still planned: ${left}`);
  }
  return undefined;
}

const errorList = (plan: Plan): string =>
  plan.findings
    .filter((f) => f.severity === 'error')
    .map((f) => f.message)
    .join('; ');
