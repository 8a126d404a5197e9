/** The one place a thrown error becomes annotations, a summary section and the failure message. */
import type { ActionDeps } from '../deps.js';
import { SpecError, errorMessage, type SpecProblem } from '../errors.js';
import { annotateSpecProblems } from '../github/annotations.js';
import { errorMarkdown } from '../message.js';
import { code, escapeMarkdown, escapeText } from '../model/markdown-escape.js';
import { formatPosition } from '../render/findings.js';

export function reportFailure(
  deps: Pick<ActionDeps, 'annotate' | 'env' | 'logger'>,
  err: unknown,
  summary: string[],
): { readonly failure: string } {
  const message = errorMessage(err);
  if (err instanceof SpecError) {
    // Capped: GitHub shows ten per step and drops the rest; the summary lists them all.
    annotateSpecProblems(err.problems, (kind, text, props) => deps.annotate(kind, text, props));
  }
  if (deps.env['RUNNER_DEBUG'] === '1' && err instanceof Error && err.stack) deps.logger.debug(err.stack);
  // The action's own code spans (`secrets-token`) stay code; outside text in the message stays escaped.
  const details = err instanceof SpecError ? specProblemList(err.problems) : (errorMarkdown(err) ?? lines(message));
  summary.push(`### ❌ proxmox-access failed\n\n${details}`);
  return { failure: `proxmox-access failed: ${message}` };
}

/** Escaping flattens line breaks, so each line of a multi-line message is escaped on its own. */
const lines = (message: string): string =>
  message
    .split('\n')
    .map((line) => escapeMarkdown(line))
    .join('  \n');

/** One list item per problem: escaping flattens line breaks, so a joined message would run together. */
function specProblemList(problems: readonly SpecProblem[]): string {
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  const items = problems.map((p) => `- ${code(formatPosition(p.position))} ${escapeText(p.path ? `${p.path}: ${p.message}` : p.message)}`);
  return [`The spec has ${count}:`, '', ...items].join('\n');
}
