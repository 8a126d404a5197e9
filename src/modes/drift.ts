/**
 * Drift mode: what changed in the cluster behind the spec's back, in one issue per spec that is
 * opened, updated or closed; the plan that would repair it goes to the job summary.
 */
import { createHash } from 'node:crypto';
import { syncDriftIssue } from '../github/drift-issue.js';
import { oneLine } from '../log-line.js';
// eslint-disable-next-line import-x/no-restricted-paths -- fixed by the redesign
import type { RunOutcome } from '../main.js';
import { detectDrift } from '../plan/drift.js';
import { renderDriftMarkdown } from '../render/drift.js';
import { setPlanOutputs } from './plan-outputs.js';
import { planMarkdown } from './plan.js';
import { withLivePlan } from './session.js';
import type { RunState } from './state.js';

export async function runDrift(state: RunState): Promise<RunOutcome> {
  return withLivePlan(state, async ({ live, plan, secretMissing }) => {
    const { deps, inputs, context, outputs, summary, loaded } = state;
    setPlanOutputs(outputs, plan);
    const drift = detectDrift(loaded, live, plan, { now: deps.now(), secretMissing });
    outputs.set('drift', String(!drift.clean));
    const markdown = renderDriftMarkdown(drift, {
      specPath: loaded.file,
      now: deps.now(),
      ...(context.runUrl ? { runUrl: context.runUrl } : {}),
    });
    deps.logger.info(drift.clean ? 'no drift' : `${drift.items.length} drift item(s):`);
    for (const item of drift.items) deps.logger.info(`  ${item.kind}: ${oneLine(item.address)}: ${oneLine(item.message)}`);
    summary.push(markdown, planMarkdown(state, plan, Number.POSITIVE_INFINITY));
    if (inputs.driftIssue && !inputs.githubToken) {
      deps.logger.warning('drift-issue is true but github-token is empty: no drift issue opened or updated');
    }
    if (inputs.driftIssue && inputs.githubToken) {
      const octokit = deps.octokit(inputs.githubToken, context.apiUrl);
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
    }
    if (!drift.clean && inputs.failOnDrift) {
      return { failure: `proxmox-access failed: drift found in ${loaded.file} (fail-on-drift is true)` };
    }
    return {};
  });
}
