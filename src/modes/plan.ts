/** Plan mode: read, plan, log the plan, write the job summary, upsert the sticky PR comment. */
import { tlsUnverified } from '../engine/connect.js';
import { upsertPlanComment } from '../github/comment.js';
import { planMarker } from '../github/markers.js';
// eslint-disable-next-line import-x/no-restricted-paths -- fixed by the redesign
import type { RunOutcome } from '../main.js';
import { hasErrors, type Plan } from '../plan/model.js';
import { COMMENT_LIMIT } from '../render/fit.js';
import { renderPlanMarkdown } from '../render/markdown.js';
import { renderPlanText } from '../render/text.js';
import { encodeReviewedChanges } from './reviewed-changes.js';
import { setPlanOutputs } from './plan-outputs.js';
import { withLivePlan } from './session.js';
import { commentClient } from './comment-client.js';
import type { RunState } from './state.js';

export async function runPlan(state: RunState): Promise<RunOutcome> {
  return withLivePlan(state, async ({ plan }) => {
    const { deps, outputs, summary } = state;
    setPlanOutputs(outputs, plan);
    deps.logger.info(renderPlanText(plan));
    summary.push(planMarkdown(state, plan, Number.POSITIVE_INFINITY));
    await commentOnPullRequest(state, plan);
    return hasErrors(plan)
      ? { failure: `proxmox-access failed: the plan for ${state.loaded.file} has errors (see the annotations)` }
      : {};
  });
}

/** The plan as apply and drift runs show it too: their heading and next step, not a pull request's. */
export function planMarkdown(state: RunState, plan: Plan, limit: number): string {
  const run = state.mode.mode;
  return renderPlanMarkdown(plan, {
    specPath: state.loaded.file,
    mode: run === 'apply' || run === 'drift' ? run : 'plan',
    limit,
    insecure: tlsUnverified(state.inputs),
    pullRequest: state.context.pullRequest !== undefined,
    ...(state.context.pullRequest ? { headSha: state.context.pullRequest.headSha } : {}),
    ...(state.context.runUrl ? { runUrl: state.context.runUrl } : {}),
  });
}

/** The body of the sticky comment: marker, the reviewed change list, then the fitted plan. */
export function planCommentBody(state: RunState, plan: Plan): string {
  const head = `${planMarker(state.loaded.file, plan.digest)}\n${encodeReviewedChanges(plan)}\n`;
  return head + planMarkdown(state, plan, COMMENT_LIMIT - head.length);
}

async function commentOnPullRequest(state: RunState, plan: Plan): Promise<void> {
  const { deps, inputs, context, outputs } = state;
  const pr = context.pullRequest;
  if (!inputs.comment || !pr) return;
  const client = commentClient(state);
  if (!client) {
    deps.logger.warning('comment is true but github-token is empty: no plan comment posted');
    return;
  }
  const body = planCommentBody(state, plan);
  const comment = await upsertPlanComment(client.octokit, context.repo, pr.number, state.loaded.file, body, {
    author: await client.author(),
  });
  outputs.set('comment-url', comment.url);
  deps.logger.info(`${comment.created ? 'posted' : 'updated'} the plan comment: ${comment.url}`);
}
