/**
 * Offline validation: schema (already checked by loading), privileges against every known PVE
 * version, ACL paths and references. Fork PRs end here because they get no secrets.
 */
import { annotateFindings } from '../github/annotations.js';
import { oneLine } from '../log-line.js';
import { renderFindingsMarkdown } from '../render/findings.js';
import { validateSpec } from '../spec/validate.js';
import { settle, verdict, type ModeResult } from './result.js';
import type { RunState } from './state.js';

export function runValidate(state: RunState): Promise<ModeResult> {
  return settle(async (report) => {
    const { deps, loaded, mode } = state;
    const findings = validateSpec(loaded, { now: deps.now() });
    annotateFindings(findings, (kind, message, props) => deps.annotate(kind, message, props));
    const errors = findings.filter((f) => f.severity === 'error');
    for (const finding of findings) deps.logger.info(`${finding.severity}: ${oneLine(finding.message)}`);
    const result = errors.length === 0 ? 'valid' : `${errors.length} error${errors.length === 1 ? '' : 's'}`;
    report.output('summary', `spec ${loaded.file}: ${result}`);
    if (mode.offlineBecauseFork) deps.logger.warning(mode.reason);
    report.section(renderFindingsMarkdown(loaded.file, findings, mode.offlineBecauseFork ? mode.reason : undefined));
    deps.logger.info(`spec ${loaded.file}: ${result}`);
    return errors.length === 0 ? undefined : verdict(`spec ${loaded.file} has ${result}`);
  });
}
