/**
 * Findings on a terminal, one presentation for validate, plan and apply: one line each, as
 * compilers write them (`file:line:col: severity: message [code]`) so editors can jump to the
 * line, on stderr, errors first and then in file order.
 */
import type { SpecError } from '../errors.js';
import { oneLine } from '../log-line.js';
import { count } from '../model/count.js';
import type { Finding, Severity } from '../model/finding.js';

/** A problem to show: a finding, or a problem of a spec that did not load (which has no code). */
export type Shown = Pick<Finding, 'severity' | 'message' | 'position' | 'address'> & { readonly code?: string };

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, notice: 2 };

function compare(a: Shown, b: Shown): number {
  const byLine = (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.column ?? 0) - (b.position?.column ?? 0);
  return RANK[a.severity] - RANK[b.severity] || byLine;
}

/** Where the problem is: its position, or the object it is about when it has none. */
function where(shown: Shown): string {
  if (shown.position) return `${oneLine(shown.position.file)}:${shown.position.line}:${shown.position.column}: `;
  return shown.address !== undefined ? `${oneLine(shown.address)}: ` : '';
}

export function findingLines(findings: readonly Shown[]): string[] {
  return [...findings]
    .sort(compare)
    .map((f) => `${where(f)}${f.severity}: ${oneLine(f.message)}${f.code !== undefined ? ` [${oneLine(f.code)}]` : ''}`);
}

/** The problems of a spec that did not load, as error lines. */
export function specErrorShown(err: SpecError): Shown[] {
  return err.problems.map((p) => ({ severity: 'error', message: p.message, position: p.position }));
}

/** `2 errors, 1 warning`; only the severities present (empty when there is nothing). */
export function findingCounts(findings: readonly Shown[]): string {
  const of = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  return [count(of('error'), 'error'), count(of('warning'), 'warning'), count(of('notice'), 'notice')]
    .filter((text) => !text.startsWith('0 '))
    .join(', ');
}

export const errorCount = (findings: readonly Shown[]): number => findings.filter((f) => f.severity === 'error').length;
