/**
 * A change's reason in Markdown. The planner writes a prune match as `matches prune "<pattern>"`;
 * the pattern becomes one code span, so it reads (and copies) as written, instead of an escaped
 * string with a code span inside it where the escaping wraps the `@realm`.
 */
import { code, escapeText } from '../model/markdown-escape.js';

const PRUNE_MATCH = /^(.*matches prune )"(.+)"(.*)$/s;

export function reasonMarkdown(reason: string): string {
  const match = PRUNE_MATCH.exec(reason);
  if (!match) return escapeText(reason);
  const [, before = '', pattern = '', after = ''] = match;
  return `${escapeText(before)}${code(pattern)}${escapeText(after)}`;
}
