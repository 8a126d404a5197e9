/** The one place a thrown error becomes annotations, a summary section and the failure message. */
import type { ActionDeps } from '../deps.js';
import { SpecError, errorMessage } from '../errors.js';
import type { RunOutcome } from '../main.js';
import { escapeMarkdown } from '../render/escape.js';

export function reportFailure(deps: ActionDeps, err: unknown, summary: string[]): RunOutcome {
  const message = errorMessage(err);
  if (err instanceof SpecError) {
    for (const problem of err.problems) {
      deps.annotate('error', problem.message, {
        title: 'proxmox-access spec',
        file: problem.position.file,
        startLine: problem.position.line,
        startColumn: problem.position.column,
      });
    }
  }
  if (deps.env['RUNNER_DEBUG'] === '1' && err instanceof Error && err.stack) deps.logger.debug(err.stack);
  summary.push(`### ❌ proxmox-access failed\n\n${escapeMarkdown(message)}`);
  return { failure: `proxmox-access failed: ${message}` };
}
