/**
 * Apply mode: re-read, re-plan, check the plan is the reviewed one, apply it with every new
 * secret delivered or the token revoked, verify convergence, report everywhere but the secret.
 */
import { executePlan } from '../apply/executor.js';
import type { ApplyReport } from '../apply/model.js';
import { errorMessage } from '../errors.js';
import { upsertPlanComment } from '../github/comment.js';
// eslint-disable-next-line import-x/no-restricted-paths -- fixed by the redesign
import type { RunOutcome } from '../main.js';
import { hasChanges, hasErrors, type Plan } from '../plan/model.js';
import { remainingChanges } from '../engine/plan-live.js';
import { repairText } from '../render/repair-section.js';
import { renderApplyMarkdown, renderApplyText } from '../render/result.js';
import { checkApprovedPlan, type Approval } from './approval.js';
import { commentClient } from './comment-client.js';
import { buildSecretDelivery } from './delivery.js';
import { planCommentBody, planMarkdown } from './plan.js';
import { setPlanOutputs } from './plan-outputs.js';
import { withLivePlan } from './session.js';
import type { RunState } from './state.js';

export async function runApply(state: RunState): Promise<RunOutcome> {
  return withLivePlan(state, async (session) => {
    const { deps, outputs, summary } = state;
    const { plan } = session;
    setPlanOutputs(outputs, plan);
    deps.logger.info(`plan: ${outputs.get('summary') ?? ''}`);
    // Up front, so a refused or failed apply still shows the plan it was asked to run.
    const planSection = summary.push(planMarkdown(state, plan, Number.POSITIVE_INFINITY)) - 1;
    if (!hasChanges(plan)) {
      // With changes the executor's guard refuses a plan with errors; without, say it here.
      if (hasErrors(plan)) return { failure: `proxmox-access failed: refusing to apply the plan: ${errorList(plan)}` };
      // Checked before the approval: a rerun after a successful apply must not be refused for doing nothing.
      deps.logger.info('nothing to apply: the cluster already matches the spec');
      return {};
    }
    const approval = await checkApprovedPlan(state, plan);
    const delivery = buildSecretDelivery(state);
    let report: ApplyReport;
    try {
      report = await executePlan(plan, {
        api: session.client,
        delivery,
        logger: deps.logger,
        live: session.live,
        now: () => deps.now(),
        verify: () =>
          remainingChanges(session.client, state.loaded, {
            now: deps.now(),
            allowDeletions: state.inputs.allowDeletions,
          }),
        allowDeletions: state.inputs.allowDeletions,
      });
    } finally {
      publishTokens(state, delivery.tokensOutput());
    }
    outputs.set('applied', String(report.applied));
    deps.logger.info(renderApplyText(report) + repairText(plan));
    const result = renderApplyMarkdown(report, plan, resultContext(state));
    summary.splice(planSection, 0, result);
    await commentResult(state, approval, plan, result);
    return outcome(report);
  });
}

function publishTokens(state: RunState, tokens: Record<string, { id: string; secret: string }>): void {
  const json = JSON.stringify(tokens);
  if (Object.keys(tokens).length > 0) state.deps.setSecret(json);
  state.outputs.set('tokens', json);
}

const resultContext = (state: RunState): { specPath: string; runUrl?: string } => ({
  specPath: state.loaded.file,
  ...(state.context.runUrl ? { runUrl: state.context.runUrl } : {}),
});

/** The apply already happened: a comment GitHub refuses is a warning, never the run's verdict. */
async function commentResult(state: RunState, approval: Approval, plan: Plan, result: string): Promise<void> {
  const { deps, inputs, context, outputs } = state;
  const pr = approval.pullRequest;
  const client = commentClient(state);
  if (pr === undefined || !inputs.comment || !client) return;
  const body = `${planCommentBody(state, plan)}\n\n---\n${result}`;
  try {
    const comment = await upsertPlanComment(client.octokit, context.repo, pr, state.loaded.file, body, {
      author: await client.author(),
      known: approval.comment,
    });
    outputs.set('comment-url', comment.url);
  } catch (err) {
    deps.logger.warning(`the result of the apply is in the job summary only: ${errorMessage(err)}`);
  }
}

function outcome(report: ApplyReport): RunOutcome {
  if (report.error) return { failure: `proxmox-access failed: apply stopped: ${report.error}` };
  if (!report.converged) {
    const left = report.remaining.map((c) => `${c.action} ${c.address}`).join(', ');
    return { failure: `proxmox-access failed: the cluster did not converge after apply; still planned: ${left}` };
  }
  return {};
}

const errorList = (plan: Plan): string =>
  plan.findings
    .filter((f) => f.severity === 'error')
    .map((f) => f.message)
    .join('; ');
