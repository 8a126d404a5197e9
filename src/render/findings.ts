/**
 * Findings in the order a reviewer must read them (errors, then warnings, then notices), and
 * as Markdown list items for the plan comment and the validate summary.
 */
import { code, escapeText } from '../model/markdown-escape.js';
import { SEVERITY_BADGE } from './markdown-labels.js';
import type { Finding, Severity, SourcePosition } from '../model/finding.js';

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, notice: 2 };

/** Stable: findings of one severity keep the planner's order. */
export function sortFindings(findings: readonly Finding[]): readonly Finding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] || a.index - b.index)
    .map(({ finding }) => finding);
}

/** `proxmox-access.yml:12:5`, as editors and annotations read it. */
export function formatPosition(position: SourcePosition): string {
  return `${position.file}:${position.line}:${position.column}`;
}

/** Where a finding points, for the end of its line: position and/or address. */
export function findingLocation(finding: Finding): string | undefined {
  const parts = [finding.position !== undefined ? formatPosition(finding.position) : undefined, finding.address].filter(
    (part): part is string => part !== undefined,
  );
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** `- ⚠️ **warning** `code`: message (`file:3:5, user:a@pve`)` */
export function findingLine(finding: Finding): string {
  const where = findingLocation(finding);
  const location = where !== undefined ? ` (${code(where)})` : '';
  return `- ${SEVERITY_BADGE[finding.severity]} ${code(finding.code)}: ${escapeText(finding.message)}${location}`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The job summary of an offline validation; `notice` explains why there is no live plan (a fork PR). */
export function renderFindingsMarkdown(specPath: string, findings: readonly Finding[], notice?: string): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const status = errors > 0 ? `⛔ ${plural(errors, 'error')}` : warnings > 0 ? `⚠️ valid, ${plural(warnings, 'warning')}` : '✅ valid';
  const parts = [`### Proxmox access spec ${code(specPath)}: ${status}`];
  if (notice !== undefined && notice !== '') parts.push(`> [!NOTE]\n> ${escapeText(notice)}`);
  parts.push(findings.length > 0 ? sortFindings(findings).map(findingLine).join('\n') : 'No errors or warnings.');
  return parts.join('\n\n');
}
