/**
 * The one formatter for text the action writes to the job log (stdout and stderr).
 *
 * The runner reads the log line by line and runs any line that starts with `::` (after leading
 * white space) as a workflow command, and also any line that holds `##[` anywhere (the older
 * command form). A user id, a comment or a cluster answer that carries a line break followed by
 * `::add-mask::` or `::stop-commands::` would otherwise become a command: a stop-commands line
 * written before a token is created would even turn the mask of its secret off.
 *
 * - `oneLine(value)` for outside text placed into a line: line breaks and every other control or
 *   invisible character are shown as escapes (`\n`, `\u001b`), so a value stays on its line.
 * - `safeLines(text)` for a whole message: the action's own line breaks stay, and each line is
 *   made safe, so even a value nobody passed through `oneLine` cannot start a command.
 *
 * The runner compares the command prefixes with culture-aware string functions, which skip
 * characters that have no weight (zero-width spaces, most control characters): those are shown
 * as escapes, and the checks for `::` and `##[` look through any that remain (tab, and the ANSI
 * escape the command line's colours use). Escapes are `\uXXXX`, so a JSON line stays valid JSON
 * with the same value.
 */

/** What the runner's line reader splits on; other separators (NEL, U+2028) are escaped within the line. */
const LINE_BREAK = /\r\n|\r|\n/;

/** Everything but tab and ESC that is a control or format character: invisible, weightless or a line break. */
const INVISIBLE_IN_LINE = /(?![\t\u001b])[\p{Cc}\p{Cf}\u2028\u2029]/gu;
/** In a value, tab and ESC too: a value must not move the cursor or change colours. */
const INVISIBLE_IN_VALUE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** Characters the runner's comparison may skip; only tab and ESC are left once the rest are escaped. */
const SKIPPED = '[\\p{Cc}\\p{Cf}]*';
/** A line the runner would read as `::command`: white space (as .NET trims it) or skipped characters, then `::`. */
const LEADING_COMMAND = new RegExp(`^([\\s\\p{Z}\\p{Cc}\\p{Cf}]*):(${SKIPPED}):`, 'u');
/** The older `##[command]` form, found anywhere in a line. */
const LEGACY_COMMAND = new RegExp(`#(${SKIPPED})#(${SKIPPED})\\[`, 'gu');

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const escapeChar = (ch: string): string => SHORT_ESCAPES[ch] ?? `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;

/** Makes one line inert: a leading `::` gets a backslash, and every `##[` loses its bracket. */
function neutralise(line: string): string {
  return line
    .replace(LEADING_COMMAND, (_all, lead: string, between: string) => `${lead}\\:${between}:`)
    .replace(LEGACY_COMMAND, (_all, first: string, second: string) => `#${first}#${second}\\u005b`);
}

/** Outside text (a spec value, a cluster or GitHub answer) as part of one log line. */
export function oneLine(value: string): string {
  return neutralise(value.replace(INVISIBLE_IN_VALUE, escapeChar));
}

/** One line the action writes; a line break inside is shown as `\n`, not followed. */
export function safeLine(line: string): string {
  return neutralise(line.replace(INVISIBLE_IN_LINE, escapeChar));
}

/** Text the action composed with its own line breaks: every line is made safe, the breaks stay. */
export function safeLines(text: string): string {
  return text
    .split(LINE_BREAK)
    .map((line) => safeLine(line))
    .join('\n');
}
