/**
 * Drift mode: what changed in the cluster behind the spec's back, in one issue per spec that is
 * opened, updated or closed; the plan that would repair it goes to the job summary.
 */
import { createHash } from 'node:crypto';
import { syncDriftIssue, type DriftIssueResult } from '../github/drift-issue.js';
import { oneLine } from '../log-line.js';
import { detectDrift, type DriftReport } from '../plan/drift.js';
import { renderDriftMarkdown } from '../render/drift.js';
import { auditOutput } from './audit-output.js';
import { livePlan } from './live-plan.js';
import { planOutputs } from './plan-outputs.js';
import { planSummary } from './plan-view.js';
import { settle, verdict, type ModeResult } from './result.js';
import type { RunState } from './state.js';

export function runDrift(state: RunState): Promise<ModeResult> {
  return settle(async (report) => {
    const { deps, inputs, context, loaded } = state;
    const { live, plan, secretMissing } = await livePlan(state);
    planOutputs(report, plan);
    const drift = detectDrift(loaded, live, plan, { now: deps.now(), secretMissing });
    report.output('drift', String(!drift.clean));
    const inventory = auditOutput(report, state, live);
    const markdown = renderDriftMarkdown(drift, {
      specPath: loaded.file,
      now: deps.now(),
      inventory,
      ...(context.runUrl ? { runUrl: context.runUrl } : {}),
    });
    deps.logger.info(drift.clean ? 'no drift' : `${drift.items.length} drift item(s):`);
    for (const item of drift.items) deps.logger.info(`  ${item.kind}: ${oneLine(item.address)}: ${oneLine(item.message)}`);
    report.section(markdown);
    report.section(planSummary(state, plan));
    await syncIssue(state, drift, markdown);
    if (!drift.clean && inputs.failOnDrift) return verdict(`drift found in ${loaded.file} (fail-on-drift is true)`);
    return undefined;
  });
}

/** Also run by `rotate` after it rotated, with the drift it left: the drift run that follows then finds the issue current. */
export async function syncIssue(state: RunState, drift: DriftReport, markdown: string): Promise<DriftIssueResult | undefined> {
  const { deps, inputs, context, loaded } = state;
  if (!inputs.driftIssue) return undefined;
  const octokit = state.session.github.rest();
  if (!octokit) {
    deps.logger.warning('drift-issue is true but github-token is empty: no drift issue opened or updated');
    return undefined;
  }
  // What drifted, not how it is worded: "expires in 9d" becoming "8d" is not new drift.
  const fingerprint = createHash('sha256')
    .update(JSON.stringify(drift.items.map((i) => [i.kind, i.address])))
    .digest('hex');
  const issue = await syncDriftIssue(
    octokit,
    context.repo,
    loaded.file,
    { clean: drift.clean, body: markdown, fingerprint },
    context.runUrl ? { runUrl: context.runUrl } : {},
  );
  deps.logger.info(`drift issue: ${issue.action}${issue.url ? ` ${issue.url}` : ''}`);
  return issue;
}
