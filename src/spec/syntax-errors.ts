/**
 * Syntax errors worded for people and placed where the mistake is. The YAML parser notices an
 * unclosed quote or bracket only where it runs out of text (often past the last line), and an
 * undefined alias only when the document is converted, without a position; here each is moved
 * back to the quote, bracket or alias that caused it. A JSON spec gets JSON's own verdict, since
 * YAML's would talk about flow maps to someone who never wrote YAML.
 */
import { isAlias, Parser, visit, type Document, type LineCounter, type YAMLError } from 'yaml';
import type { SpecProblem } from '../errors.js';

interface Token {
  readonly type?: string;
  readonly offset?: number;
  readonly source?: string;
  readonly start?: Token | readonly Token[];
  readonly end?: readonly Token[];
}

const isToken = (value: object): value is Token => 'type' in value && typeof value.type === 'string';

/** Every CST token of the text, depth first. */
function tokensOf(text: string): Token[] {
  const out: Token[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      if (isToken(value)) out.push(value);
      Object.values(value).forEach(walk);
    }
  };
  for (const token of new Parser().parse(text)) walk(token);
  return out;
}

const CLOSERS: Readonly<Record<string, string>> = { '[': ']', '{': '}' };

/**
 * Whether the bracket at `offset` has its partner somewhere later in the text (quotes and
 * comments skipped): then the parser stopped at a badly indented line, not at a missing bracket.
 */
function closedLater(text: string, offset: number): boolean {
  let depth = 0;
  for (let i = offset; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return false;
      i = end;
    } else if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) {
      const end = text.indexOf('\n', i);
      if (end < 0) return false;
      i = end;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return true;
    }
  }
  return false;
}

interface Opener {
  readonly offset: number;
  readonly opener: string;
  /** The collection is closed later in the text: the line the parser stopped at is indented too little. */
  readonly closed: boolean;
}

/** The quote or bracket that opened what the parser found unfinished at the error. */
function openerOf(text: string, error: YAMLError): Opener | undefined {
  const at = error.pos[0];
  const quote = /Missing closing (["'])quote/.exec(error.message)?.[1];
  const bracket = /end with an? ([\]}])/.exec(error.message)?.[1];
  if (quote === undefined && bracket === undefined) return undefined;
  let best: Opener | undefined;
  for (const token of tokensOf(text)) {
    if (token.offset === undefined || token.offset > at) continue;
    if (quote !== undefined && token.type === (quote === '"' ? 'double-quoted-scalar' : 'single-quoted-scalar')) {
      if (!best || token.offset > best.offset) best = { offset: token.offset, opener: quote, closed: false };
    }
    if (bracket !== undefined && token.type === 'flow-collection' && !Array.isArray(token.start)) {
      const start = token.start as Token | undefined;
      const opener = start?.source ?? '';
      const closed = (token.end ?? []).some((t) => t.source === CLOSERS[opener]);
      if (CLOSERS[opener] === bracket && !closed && start?.offset !== undefined && (!best || start.offset > best.offset)) {
        best = { offset: start.offset, opener, closed: closedLater(text, start.offset) };
      }
    }
  }
  return best;
}

/** The last line that holds anything, so no position points past the end of the file. */
const lastLine = (text: string): number => Math.max(1, text.replace(/\s+$/, '').split('\n').length);

/**
 * The first syntax error only: whatever the parser says after it is mostly its own confusion
 * about the first mistake.
 */
export function yamlSyntaxProblems(text: string, doc: Document.Parsed, lines: LineCounter, file: string): SpecProblem[] {
  const at = (offset: number) => clamp(text, lines.linePos(offset), file);
  const error = [...doc.errors, ...doc.warnings].sort((a, b) => a.pos[0] - b.pos[0])[0];
  if (error === undefined) return [];
  if (error.code === 'MULTIPLE_DOCS') {
    return [
      {
        message:
          'YAML: a spec file holds one document, but a second one starts here (after ---); remove it or move it to a file of its own',
        position: at(error.pos[0]),
      },
    ];
  }
  const opener = openerOf(text, error);
  if (opener?.closed) {
    const what = opener.opener === '[' ? 'list' : 'mapping';
    return [
      {
        message: `YAML: this line continues the ${what} opened with ${opener.opener} on line ${at(opener.offset).line}, and must be indented more than the key the ${what} belongs to`,
        position: at(error.pos[0]),
      },
    ];
  }
  if (opener) {
    const what = opener.opener === '[' ? 'list' : opener.opener === '{' ? 'mapping' : 'quoted text';
    return [{ message: `YAML: the ${what} opened here with ${opener.opener} is never closed`, position: at(opener.offset) }];
  }
  return [{ message: `YAML: ${error.message.split('\n')[0] ?? error.message}`, position: at(error.pos[0]) }];
}

/** A position on the last line that holds anything when the parser's points past it. */
function clamp(text: string, { line, col }: { line: number; col: number }, file: string): SpecProblem['position'] {
  const end = lastLine(text);
  if (line <= end) return { file, line, column: col };
  return { file, line: end, column: (text.replace(/\s+$/, '').split('\n').at(-1)?.length ?? 0) + 1 };
}

/** Aliases (`*name`) without an anchor (`&name`) before them; the parser itself leaves them be. */
export function unresolvedAliasProblems(text: string, doc: Document.Parsed, lines: LineCounter, file: string): SpecProblem[] {
  const problems: SpecProblem[] = [];
  visit(doc, {
    Alias(_, node) {
      if (!isAlias(node) || node.resolve(doc) !== undefined) return;
      problems.push({
        message: `YAML: alias *${node.source} refers to no anchor &${node.source} defined before it`,
        position: clamp(text, lines.linePos(node.range?.[0] ?? 0), file),
      });
    },
  });
  return problems;
}

/** Whether the text is meant as JSON: a .json file, or one that opens with { or [. */
export const looksLikeJson = (text: string, file: string): boolean => /\.json$/i.test(file) || /^\s*[{[]/.test(text);

/** JSON's complaint about the text, at its line and column; empty when the text is valid JSON. */
export function jsonSyntaxProblems(text: string, file: string): SpecProblem[] {
  const failure = (source: string): string | undefined => {
    try {
      JSON.parse(source);
      return undefined;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  };
  const message = failure(text);
  if (message === undefined) return [];
  let offset = Number(/at position (\d+)/.exec(message)?.[1] ?? NaN);
  if (Number.isNaN(offset)) offset = firstBadOffset(text, failure);
  const word = bareWordAt(text, offset);
  const ended = offset >= text.trimEnd().length;
  const plain = word
    ? `'${word.text}' is not a JSON value: text needs double quotes, and true, false and null are lower case`
    : ended
      ? 'the text ends before the JSON value is complete'
      : plainJsonMessage(message);
  const before = text.slice(0, word?.start ?? offset).split('\n');
  return [{ message: `JSON: ${plain}`, position: clamp(text, { line: before.length, col: (before.at(-1)?.length ?? 0) + 1 }, file) }];
}

/** An unquoted word at or just before where JSON gave up (`tru`, `yes`, `ops`), if that is what broke it. */
function bareWordAt(text: string, offset: number): { text: string; start: number } | undefined {
  const isWordChar = (c: string | undefined) => c !== undefined && /[\w.\-+]/.test(c);
  let start = isWordChar(text[offset]) ? offset : offset - 1;
  if (!isWordChar(text[start])) return undefined;
  while (isWordChar(text[start - 1])) start -= 1;
  let end = start;
  while (isWordChar(text[end])) end += 1;
  const word = text.slice(start, end);
  if (/^-?\d/.test(word) || ['true', 'false', 'null'].includes(word) || text[start - 1] === '"') return undefined;
  return { text: word, start };
}

const END = 'Unexpected end of JSON input';

/**
 * Where JSON.parse gave up, for the messages that do not say: the shortest prefix that fails for
 * another reason than ending early contains the mistake as its last character.
 */
function firstBadOffset(text: string, failure: (source: string) => string | undefined): number {
  let [low, high] = [0, text.length];
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    const prefix = text.slice(0, mid + 1);
    const verdict = failure(prefix);
    // Running out of text is reported as an end of input, or as an error at the very end.
    const early =
      verdict === undefined || verdict.startsWith(END) || Number(/at position (\d+)/.exec(verdict)?.[1] ?? NaN) >= prefix.length;
    if (early) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** V8's message without the quoted text and the offset, which the position already gives. */
function plainJsonMessage(message: string): string {
  if (message.startsWith(END)) return 'the text ends before the JSON value is complete';
  const text = message
    .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+(?: \(line \d+ column \d+\))?$/, '')
    .replace(/ after JSON$/, ' after the end of the JSON value');
  return text.charAt(0).toLowerCase() + text.slice(1);
}
