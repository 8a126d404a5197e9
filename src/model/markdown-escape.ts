/**
 * Markdown and HTML escaping for strings that come from a spec or a cluster (comments, messages,
 * ids). A comment may hold `|`, `<b>`, backticks or `@team`; none of them may change the shape
 * of a table, inject HTML, or notify anyone.
 */

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
};

const flattenLines = (text: string): string => text.replace(/\r\n|\r|\n/g, ' ');

/**
 * Where GitHub would see a mention: `@` after a non-word character, then a login or `org/team`.
 * An e-mail address (`ops@example.com`) is none.
 */
const MENTION = /((?<!\w)@[\w-]+(?:\/[\w-]+)?)/;

const escapeChars = (text: string): string =>
  text.replace(/[&<>|\\`*_~[\]]/g, (ch) => {
    if (ch === '|') return '&#124;';
    if (ch in HTML_ENTITIES) return HTML_ENTITIES[ch] ?? ch;
    return `\\${ch}`;
  });

/**
 * Escapes free text for inline Markdown: HTML is shown, not rendered; emphasis, links and code
 * marks are literal; `|` cannot split a table cell; line breaks become spaces so a cell or list
 * item stays on one line. An `@name` goes into a code span, where GitHub links no mention
 * (entities would not help: mentions are found in the rendered text), and what a reader copies
 * from it is exactly the text, with nothing invisible added.
 */
export function escapeText(text: string): string {
  return flattenLines(text)
    .split(MENTION)
    .map((part, i) => (i % 2 === 1 ? code(part) : escapeChars(part)))
    .join('');
}

/**
 * An inline code span that holds any text literally: the fence is one backtick longer than the
 * longest run inside, and padding keeps a leading or trailing backtick from merging with it.
 * Mentions are not linked inside code, so ids like `@admins` are safe here.
 */
export function code(text: string): string {
  const content = flattenLines(text);
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = content.startsWith('`') || content.endsWith('`') || content === '' ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/**
 * One table row. GFM splits cells before it parses code spans, so a `|` inside a code span
 * must be escaped as `\|`; escaped text never holds a raw `|`, so every remaining one is such.
 */
export function tableRow(cells: readonly string[]): string {
  return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
}

export type Align = 'left' | 'right' | 'center';

/** Header row and delimiter row of a table. Headers are trusted labels. */
export function tableHead(headers: readonly string[], align: readonly Align[] = []): string {
  const rule = headers.map((_, i) => {
    const a = align[i] ?? 'left';
    return a === 'right' ? '---:' : a === 'center' ? ':---:' : '---';
  });
  return `${tableRow(headers)}\n| ${rule.join(' | ')} |`;
}

/**
 * A Markdown link to an http(s) URL, or just the label when the URL is not one: a run URL comes
 * from the environment, and a `javascript:` link in a comment is never what anyone meant.
 */
export function link(label: string, url: string | undefined): string {
  if (url === undefined || !/^https?:\/\/[^\s]+$/i.test(url)) return label;
  const safeUrl = url.replace(/[()<>|"]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${label}](${safeUrl})`;
}

/** The name callers use for escaping free text; the same as `escapeText`. */
export const escapeMarkdown = escapeText;
