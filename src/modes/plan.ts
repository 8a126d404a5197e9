/** Plan mode: read, plan, log the plan, write the job summary, upsert the sticky PR comment. */
import { upsertPlanComment } from '../github/comment.js';
import { hasErrors, type Plan } from '../plan/model.js';
import { renderPlanText } from '../render/text.js';
import { auditOutput } from './audit-output.js';
import { livePlan } from './live-plan.js';
import { planOutputs } from './plan-outputs.js';
import { planComment, planSummary } from './plan-view.js';
import { settle, verdict, type ModeReport, type ModeResult } from './result.js';
import type { RunState } from './state.js';

export function runPlan(state: RunState): Promise<ModeResult> {
  return settle(async (report) => {
    const { live, plan } = await livePlan(state);
    planOutputs(report, plan);
    auditOutput(report, state, live);
    state.deps.logger.info(renderPlanText(plan));
    report.section(planSummary(state, plan));
    await commentOnPullRequest(state, plan, report);
    return hasErrors(plan) ? verdict(`the plan for ${state.loaded.file} has errors (see the annotations)`) : undefined;
  });
}

async function commentOnPullRequest(state: RunState, plan: Plan, report: ModeReport): Promise<void> {
  const { deps, inputs, context, session } = state;
  const pr = context.pullRequest;
  if (!inputs.comment || !pr) return;
  const octokit = session.github.rest();
  if (!octokit) {
    deps.logger.warning('comment is true but github-token is empty: no plan comment posted');
    return;
  }
  const comment = await upsertPlanComment(octokit, context.repo, pr.number, state.loaded.file, planComment(state, plan), {
    author: await session.github.commentAuthor(),
  });
  report.output('comment-url', comment.url);
  deps.logger.info(`${comment.created ? 'posted' : 'updated'} the plan comment: ${comment.url}`);
}
