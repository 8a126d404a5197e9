/**
 * The job summary: the one place that always gets the full plan or result. GitHub drops a step's
 * summary above 1 MiB (with only an annotation to say so), so anything bigger is cut here, at a
 * line break, with a note, and the budget counts what earlier writes of this step already used.
 */
import { appendFile, stat } from 'node:fs/promises';

/** GitHub's limit per step summary, in bytes. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;

const NOTE = '\n\n> [!WARNING]\n> The summary was cut here to stay under GitHub’s 1 MiB limit per step.\n';

/**
 * Appends `markdown` to the step summary file (`GITHUB_STEP_SUMMARY` unless `summaryPath` is given).
 * Outside Actions (no path) nothing is written. Content past GitHub's limit is cut with a note.
 */
export async function writeJobSummary(markdown: string, summaryPath: string | undefined = process.env.GITHUB_STEP_SUMMARY): Promise<void> {
  if (!summaryPath) return;
  const used = await stat(summaryPath).then(
    (s) => s.size,
    () => 0,
  );
  const text = markdown.endsWith('\n') ? markdown : `${markdown}\n`;
  const budget = SUMMARY_LIMIT_BYTES - used;
  if (Buffer.byteLength(text, 'utf8') <= budget) {
    await appendFile(summaryPath, text, 'utf8');
    return;
  }
  // Earlier writes of this step may have used the whole budget: then nothing more fits.
  const room = budget - Buffer.byteLength(NOTE, 'utf8');
  if (room > 0) await appendFile(summaryPath, `${cutToBytes(text, room)}${NOTE}`, 'utf8');
}

/** The longest prefix of at most `max` UTF-8 bytes that ends on a character, at a line break if one is near. */
function cutToBytes(text: string, max: number): string {
  const bytes = Buffer.from(text, 'utf8').subarray(0, max);
  // Step back over a partial multi-byte sequence (continuation bytes are 10xxxxxx).
  let end = bytes.length;
  if (end < Buffer.byteLength(text, 'utf8')) {
    let lead = end - 1;
    while (lead >= 0 && (bytes[lead]! & 0xc0) === 0x80) lead -= 1;
    if (lead >= 0) {
      const b = bytes[lead]!;
      const width = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      if (lead + width > end) end = lead;
    }
  }
  const prefix = bytes.subarray(0, end).toString('utf8');
  const lineBreak = prefix.lastIndexOf('\n');
  return lineBreak > prefix.length - 4_096 && lineBreak > 0 ? prefix.slice(0, lineBreak) : prefix;
}
