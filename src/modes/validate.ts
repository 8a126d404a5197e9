/**
 * Offline validation: schema (already checked by loading), privileges against every known PVE
 * version, ACL paths and references. Fork PRs end here because they get no secrets.
 */
import { annotateFindings } from '../github/annotations.js';
import { oneLine } from '../log-line.js';
// eslint-disable-next-line import-x/no-restricted-paths -- fixed by the redesign
import type { RunOutcome } from '../main.js';
import { renderFindingsMarkdown } from '../render/findings.js';
import { validateSpec } from '../spec/validate.js';
import type { RunState } from './state.js';

export async function runValidate(state: RunState): Promise<RunOutcome> {
  const { deps, loaded, mode, outputs, summary } = state;
  const findings = validateSpec(loaded, { now: deps.now() });
  annotateFindings(findings, (kind, message, props) => deps.annotate(kind, message, props));
  const errors = findings.filter((f) => f.severity === 'error');
  for (const finding of findings) deps.logger.info(`${finding.severity}: ${oneLine(finding.message)}`);
  const verdict = errors.length === 0 ? 'valid' : `${errors.length} error${errors.length === 1 ? '' : 's'}`;
  outputs.set('summary', `spec ${loaded.file}: ${verdict}`);
  if (mode.offlineBecauseFork) deps.logger.warning(mode.reason);
  summary.push(renderFindingsMarkdown(loaded.file, findings, mode.offlineBecauseFork ? mode.reason : undefined));
  deps.logger.info(`spec ${loaded.file}: ${verdict}`);
  return errors.length === 0 ? {} : { failure: `proxmox-access failed: spec ${loaded.file} has ${verdict}` };
}
