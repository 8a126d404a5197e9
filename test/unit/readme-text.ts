/**
 * The README as the reference tests read it: its text, one `## ` section of it, and the rows of
 * its reference tables keyed by the name in their first cell.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.join(import.meta.dirname, '..', '..');
export const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

/** The text of a `## heading` section, up to the next `## `. */
export function readmeSection(heading: string): string {
  const start = README.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no "## ${heading}" section`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

/** Table rows whose first cell is one code span: that name → the other cells. */
export function tableRows(text: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    // No cell of these tables holds a `|` of its own.
    const cells = /^\|(.*)\|\s*$/
      .exec(line)?.[1]
      ?.split('|')
      .map((c) => c.trim());
    const name = cells?.[0] !== undefined ? /^`([^`]+)`$/.exec(cells[0])?.[1] : undefined;
    if (cells && name !== undefined) rows.set(name, cells.slice(1));
  }
  return rows;
}
