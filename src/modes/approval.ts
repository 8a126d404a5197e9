/**
 * Apply on merge runs only the plan reviewers saw: find the merged PR, read the digest from its
 * sticky comment, and refuse when the fresh plan's digest differs, saying what changed. The
 * digest leaves repair rotations out (plan/reviewed.ts), so a plan job and an apply job given
 * different optional inputs (`secrets-token`, `rotate`) still agree on it.
 */
import { ActionError, errorMessage } from '../errors.js';
import { findPlanComment, upsertPlanComment, type PlanComment } from '../github/comment.js';
import { findMergedPullRequest } from '../github/merged-pr.js';
import type { Plan } from '../plan/model.js';
import { hasReviewedChanges } from '../plan/reviewed.js';
import { code } from '../model/markdown-escape.js';
import { decodeReviewedChanges, differenceFromReview, type ReviewDifference } from '../render/reviewed-changes.js';
import type { RunState } from './state.js';

export interface Approval {
  /** The merged PR whose comment approved this plan, when there is one. */
  readonly pullRequest?: number;
  /** Its plan comment, for the result update. */
  readonly comment?: PlanComment;
}

export async function checkApprovedPlan(state: RunState, plan: Plan): Promise<Approval> {
  const { deps, inputs, context, loaded, session } = state;
  if (!inputs.requireApprovedPlan) {
    deps.logger.info('require-approved-plan is false: applying the fresh plan without a reviewed PR comment');
    return {};
  }
  if (!hasReviewedChanges(plan)) {
    // Repair changes nothing the spec declares, so there is nothing for a review to approve.
    deps.logger.info('only repair is planned (rotations that restore missing secrets or that rotate asked for): no reviewed plan needed');
    return {};
  }
  const octokit = session.github.rest();
  if (!octokit) throw new ActionError('require-approved-plan needs github-token to read the PR comment');
  const pr = await findMergedPullRequest(octokit, context.repo, context.sha, context.commitMessage, {
    sleep: (ms) => deps.sleep(ms),
    log: deps.logger,
  });
  if (pr === undefined) {
    throw new ActionError(
      `no merged pull request found for commit ${context.sha.slice(0, 12)}, so there is no reviewed plan to apply. ` +
        'Merge changes through a pull request, or set require-approved-plan: false for a manual apply.',
    );
  }
  const author = await session.github.commentAuthor();
  const comment = await findPlanComment(octokit, context.repo, pr, loaded.file, { author });
  if (!comment) {
    throw new ActionError(
      `pull request #${pr} has no proxmox-access plan comment for ${loaded.file}: nothing was reviewed. ` +
        'Run the action on pull requests with comment: true, or set require-approved-plan: false.',
    );
  }
  if (comment.digest === plan.digest) {
    deps.logger.info(`plan digest ${plan.digest.slice(0, 12)} matches the plan reviewed on #${pr}`);
    return { pullRequest: pr, comment };
  }
  const reviewed = decodeReviewedChanges(comment.body);
  const difference = reviewed ? differenceFromReview(reviewed, plan) : undefined;
  const explanation = describeMismatch(comment.digest, plan.digest, difference);
  // The comment keeps the reviewed plan and its digest: writing the new plan's digest there would
  // let a mere re-run of this job apply what nobody reviewed. The new plan is in the job summary.
  const reviewedBody = comment.body.split(REFUSAL)[0] ?? comment.body;
  const where = context.runUrl ? `[the job summary of this run](${context.runUrl})` : 'the job summary of this run';
  const body = `${reviewedBody}${REFUSAL}${explanation}\n\nThe plan as it would run now is in ${where}.`;
  try {
    await upsertPlanComment(octokit, context.repo, pr, loaded.file, body, { author, known: comment });
  } catch (err) {
    deps.logger.warning(`could not note the refusal on #${pr}: ${errorMessage(err)}`);
  }
  const refused = `apply refused: the plan differs from the one reviewed on #${pr}.`;
  // The explanation is Markdown already (the PR comment shows it), so the summary takes it as is.
  throw new ActionError({ text: `${refused} ${explanation.replace(/\n+/g, ' ')}`, markdown: `${refused}\n\n${explanation}` });
}

const REFUSAL = '\n\n---\n### ⛔ Apply refused\n\n';

function describeMismatch(reviewedDigest: string, digest: string, difference: ReviewDifference | undefined): string {
  const lines = [
    `The cluster or the spec changed since the plan was reviewed (reviewed digest \`${reviewedDigest.slice(0, 12)}\`, now \`${digest.slice(0, 12)}\`).`,
  ];
  if (difference) {
    for (const op of difference.added) lines.push(`- now planned, not reviewed: ${code(op)}`);
    for (const op of difference.dropped) lines.push(`- reviewed, no longer planned: ${code(op)}`);
    if (difference.added.length + difference.dropped.length === 0) {
      lines.push('- the same operations are planned, but the live state they start from changed.');
    }
  }
  lines.push('Open a new pull request (or re-run the plan) so the current plan is reviewed, then merge it.');
  return lines.join('\n');
}
