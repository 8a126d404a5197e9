/**
 * GitHub refuses comment and issue bodies over `COMMENT_LIMIT` characters with a 422. Renderers
 * aim below that; this is the last line of defence: cut at a line break, keep the hidden markers
 * (later runs find the comment by them), close what the cut left open, and say where the rest is.
 */
import { COMMENT_LIMIT } from '../model/markers.js';

const MARKER = /<!-- proxmox-access:[^\n]*? -->/g;
const DEFAULT_NOTE = `Truncated to fit GitHub’s ${COMMENT_LIMIT.toLocaleString('en-US')}-character limit: the full text is in the job summary of this run.`;
// Room for the closing fences and tags appended after the cut.
const CLOSER_RESERVE = 200;

/**
 * Returns `body` unchanged when it fits, otherwise a shortened body of at most `limit` UTF-16
 * code units (never more characters than GitHub counts) that keeps every marker.
 */
export function fitBody(body: string, limit: number = COMMENT_LIMIT, note: string = DEFAULT_NOTE): string {
  if (body.length <= limit) return body;
  const markers = body.match(MARKER) ?? [];
  const content = body.replace(MARKER, '');
  const head = markers.length > 0 ? `${markers.join('\n')}\n` : '';
  const tail = `\n\n> [!WARNING]\n> ${note}\n`;
  let budget = limit - head.length - tail.length - CLOSER_RESERVE;
  for (;;) {
    const kept = cut(content, Math.max(budget, 0));
    const fitted = `${head}${kept}${closers(kept)}${tail}`;
    if (fitted.length <= limit || budget <= 0) return fitted.slice(0, limit);
    budget -= fitted.length - limit;
  }
}

/** The longest prefix of at most `max` code units, ending at a line break when one is near. */
function cut(text: string, max: number): string {
  let end = Math.min(max, text.length);
  const lineBreak = text.lastIndexOf('\n', end);
  if (lineBreak > end - 2_000 && lineBreak > 0) end = lineBreak;
  // Never split a surrogate pair: half an emoji is not valid UTF-8 on GitHub's side.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/** Closes a code fence and `<details>` blocks the cut left open, so the rest of the page renders. */
function closers(kept: string): string {
  let out = '';
  const fences = kept.match(/^\s*```/gm)?.length ?? 0;
  if (fences % 2 === 1) out += '\n```';
  const open = (kept.match(/<details\b/gi)?.length ?? 0) - (kept.match(/<\/details>/gi)?.length ?? 0);
  for (let i = 0; i < open; i += 1) out += '\n</details>';
  return out;
}
