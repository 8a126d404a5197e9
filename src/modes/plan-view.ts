/** The plan as this run shows it: in the job summary in full, and in the sticky pull request comment. */
import { tlsUnverified } from '../engine/connect.js';
import type { Plan } from '../plan/model.js';
import type { PlanMarkdownContext } from '../render/markdown.js';
import { renderPlanMarkdown } from '../render/markdown.js';
import { renderPlanComment } from '../render/plan-comment.js';
import type { RunState } from './state.js';

/** Apply and drift runs show their own heading and next step, not a pull request's. */
function planView(state: RunState): Omit<PlanMarkdownContext, 'limit'> {
  const run = state.mode.mode;
  return {
    specPath: state.loaded.file,
    mode: run === 'apply' || run === 'drift' ? run : 'plan',
    insecure: tlsUnverified(state.inputs),
    pullRequest: state.context.pullRequest !== undefined,
    ...(state.context.pullRequest ? { headSha: state.context.pullRequest.headSha } : {}),
    ...(state.context.runUrl ? { runUrl: state.context.runUrl } : {}),
  };
}

/** The whole plan, for the job summary. */
export const planSummary = (state: RunState, plan: Plan): string =>
  renderPlanMarkdown(plan, { ...planView(state), limit: Number.POSITIVE_INFINITY });

/** The body of the sticky comment: marker, the reviewed change list, then the fitted plan. */
export const planComment = (state: RunState, plan: Plan): string => renderPlanComment(plan, planView(state));
