/**
 * The body of the sticky plan comment: the hidden marker (spec and digest, found again by later
 * runs), the hidden list of the operations reviewers saw, then the plan fitted into what is left
 * of GitHub's limit. The apply on merge reads the first two back (markers.ts, reviewed-changes.ts).
 */
import type { Plan } from '../plan/model.js';
import { COMMENT_LIMIT } from './fit.js';
import { renderPlanMarkdown, type PlanMarkdownContext } from './markdown.js';
import { planMarker } from '../model/markers.js';
import { encodeReviewedChanges } from './reviewed-changes.js';

export function renderPlanComment(plan: Plan, context: Omit<PlanMarkdownContext, 'limit'>): string {
  const head = `${planMarker(context.specPath, plan.digest)}\n${encodeReviewedChanges(plan)}\n`;
  return head + renderPlanMarkdown(plan, { ...context, limit: COMMENT_LIMIT - head.length });
}
