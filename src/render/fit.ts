/**
 * Graceful degradation under GitHub's body limit (65,536 characters for comments and issues).
 * A renderer describes itself at four levels of detail; the first that fits wins:
 *
 * | level | keeps                                                   |
 * |-------|---------------------------------------------------------|
 * | 1     | everything                                              |
 * | 2     | drops field-level detail                                |
 * | 3     | also drops privilege diffs                              |
 * | 4     | counts, risks, and addresses up to the budget, "…and N more" |
 *
 * Lengths are UTF-16 code units (`string.length`), never fewer than the characters GitHub counts.
 */
import { link } from '../model/markdown-escape.js';
import { COMMENT_LIMIT } from '../model/markers.js';

export { COMMENT_LIMIT };
/** Room for the hidden marker line the caller prepends after rendering. */
export const MARKER_MARGIN = 512;

export type FitLevel = 1 | 2 | 3 | 4;

/** Renders at a level; level 4 must stay within `budget` by truncating its lists. */
export type LeveledRender = (level: FitLevel, budget: number) => string;

/** The closing note of every shortened body. */
export function degradedNote(runUrl?: string): string {
  const where = link('the job summary of this run', runUrl);
  return `> [!NOTE]\n> Shortened to fit GitHub's ${COMMENT_LIMIT.toLocaleString('en-US')}-character limit. Full plan in the job summary: ${where}.`;
}

const targetFor = (limit: number): number => (limit > 2 * MARKER_MARGIN ? limit - MARKER_MARGIN : Math.max(0, Math.floor(limit / 2)));

/** Cuts at a line end, never inside a surrogate pair, and closes `<details>` left open. */
export function truncateMarkdown(text: string, budget: number): string {
  if (text.length <= budget) return text;
  const cutMark = '\n\n…(cut)';
  let end = Math.max(0, budget - cutMark.length - 64);
  const lineEnd = text.lastIndexOf('\n', end);
  if (lineEnd > 0) end = lineEnd;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  const kept = text.slice(0, end);
  const open = (kept.match(/<details[\s>]/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length;
  const closing = '\n\n</details>'.repeat(Math.max(0, open));
  return `${kept}${cutMark}${closing}`.slice(0, budget);
}

/**
 * The most detailed rendering whose length is at most `limit - MARKER_MARGIN`; any degraded one
 * ends with the note that the full plan is in the job summary (linked when `runUrl` is given).
 */
export function fitMarkdown(render: LeveledRender, limit: number = COMMENT_LIMIT, runUrl?: string): string {
  const target = targetFor(limit);
  const full = render(1, target);
  if (full.length <= target) return full;
  const note = degradedNote(runUrl);
  const budget = Math.max(0, target - note.length - 2);
  for (const level of [2, 3, 4] as const) {
    const body = render(level, budget);
    if (body.length <= budget) return `${body}\n\n${note}`;
  }
  return `${truncateMarkdown(render(4, budget), budget)}\n\n${note}`;
}

/**
 * As many whole lines as fit in `budget` characters (joined by newlines), then a line from
 * `more(n)` for the n left out, which the budget also covers.
 */
export function linesWithin(lines: readonly string[], budget: number, more: (left: number) => string): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const [index, line] of lines.entries()) {
    const left = lines.length - index - 1;
    const reserve = left > 0 ? more(left).length + 1 : 0;
    if (used + line.length + 1 + reserve > budget) {
      kept.push(more(lines.length - index));
      return kept;
    }
    kept.push(line);
    used += line.length + 1;
  }
  return kept;
}
