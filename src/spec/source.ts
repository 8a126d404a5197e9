/**
 * The YAML (or JSON) text of a spec with its syntax tree kept, so any value, key or list item can
 * be traced back to a line and column. YAML is a superset of JSON, so one parser reads both.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair } from 'yaml';
import type { SpecProblem } from '../errors.js';
import type { RepeatedItem } from './model.js';
import { jsonSyntaxProblems, looksLikeJson, unresolvedAliasProblems, yamlSyntaxProblems } from './syntax-errors.js';
import type { SourcePosition } from '../model/finding.js';

export type PathSegment = string | number;

export interface SpecSource {
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /** The document as plain data; undefined when the YAML could not be read at all. */
  readonly data: unknown;
}

export interface ParsedSource {
  readonly source: SpecSource;
  /** Syntax errors: the document must not be interpreted. */
  readonly syntax: readonly SpecProblem[];
  /** Duplicate keys: reported, but the rest of the document can still be checked. */
  readonly duplicates: readonly SpecProblem[];
}

export function parseSource(text: string, file: string): ParsedSource {
  const lines = new LineCounter();
  const clean = text.replace(/^\uFEFF/, '');
  const doc = parseDocument(clean, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  let syntax = yamlSyntaxProblems(clean, doc, lines, file);
  // A .json file must be JSON; text that merely opens like JSON is judged as JSON only when it is
  // not valid YAML either, since a YAML flow mapping opens the same way.
  if (looksLikeJson(clean, file) && (syntax.length > 0 || /\.json$/i.test(file))) {
    const json = jsonSyntaxProblems(clean, file);
    if (json.length > 0) syntax = json;
  }
  if (syntax.length === 0) syntax = unresolvedAliasProblems(clean, doc, lines, file);
  let data: unknown;
  if (syntax.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      // Too many aliases (a "billion laughs" document): point at the first one.
      let first: number | undefined;
      visit(doc, { Alias: (_, node) => void (first ??= node.range?.[0]) });
      const { line, col } = lines.linePos(first ?? 0);
      const excessive = err instanceof Error && /alias count/i.test(err.message);
      const message = excessive
        ? 'YAML: aliases (*name) here expand to more than 100 copies; write the values out instead'
        : `YAML: ${err instanceof Error ? err.message : String(err)}`;
      syntax.push({ message, position: { file, line, column: col } });
    }
  }
  const source: SpecSource = { file, doc, lines, data };
  return { source, syntax, duplicates: syntax.length === 0 ? findDuplicateKeys(source) : [] };
}

export function positionAt(source: SpecSource, offset: number): SourcePosition {
  const { line, col } = source.lines.linePos(offset);
  return { file: source.file, line, column: col };
}

const startOf = (source: SpecSource, node: Node | null | undefined): SourcePosition | undefined =>
  node?.range ? positionAt(source, node.range[0]) : undefined;

const keyText = (pair: Pair): string | undefined => (isScalar(pair.key) ? String(pair.key.value) : undefined);

export const dottedPath = (path: readonly PathSegment[]): string => path.map(String).join('.');

function findDuplicateKeys(source: SpecSource): SpecProblem[] {
  const problems: SpecProblem[] = [];
  walk(source.doc.contents, [], (node, path) => {
    if (!isMap(node)) return;
    const first = new Map<string, SourcePosition>();
    for (const pair of node.items) {
      const key = keyText(pair);
      const position = startOf(source, pair.key as Node);
      if (key === undefined || !position) continue;
      const earlier = first.get(key);
      if (earlier) {
        problems.push({ message: `duplicate key '${key}' (first at line ${earlier.line})`, position, path: dottedPath([...path, key]) });
      } else first.set(key, position);
    }
  });
  return problems;
}

/** Visits every collection node with its path (map keys as text, list items by index). */
function walk(node: unknown, path: PathSegment[], visit: (node: unknown, path: PathSegment[]) => void): void {
  visit(node, path);
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = keyText(pair);
      if (key !== undefined) walk(pair.value, [...path, key], visit);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => walk(item, [...path, i], visit));
  }
}

/**
 * Where each map entry (at its key) and each list item starts, keyed by dotted path:
 * `roles.X`, `users.a@pve.tokens.t`, `acl.2`, `acl.2.roles.0`; scalar list items also by value:
 * `roles.X.privileges[VM.Audit]`, `acl.2.users[a@pve]`.
 */
export function collectPositions(source: SpecSource): Map<string, SourcePosition> {
  const positions = new Map<string, SourcePosition>();
  const root = startOf(source, source.doc.contents);
  if (root) positions.set('', root);
  walk(source.doc.contents, [], (node, path) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = keyText(pair);
        const position = startOf(source, pair.key as Node);
        if (key !== undefined && position && !positions.has(dottedPath([...path, key]))) {
          positions.set(dottedPath([...path, key]), position);
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const position = startOf(source, item as Node);
        if (!position) return;
        positions.set(dottedPath([...path, i]), position);
        // Lists are sorted when the spec is built, so findings look items up by value.
        const byValue = isScalar(item) ? `${dottedPath(path)}[${String(item.value)}]` : undefined;
        if (byValue && !positions.has(byValue)) positions.set(byValue, position);
      });
    }
  });
  return positions;
}

/** Scalar list items that repeat an earlier item of the same list. */
export function collectRepeatedItems(source: SpecSource): RepeatedItem[] {
  const repeated: RepeatedItem[] = [];
  walk(source.doc.contents, [], (node, path) => {
    if (!isSeq(node)) return;
    const first = new Map<string, SourcePosition>();
    for (const item of node.items) {
      const position = isScalar(item) ? startOf(source, item) : undefined;
      if (!isScalar(item) || !position) continue;
      const value = String(item.value);
      const earlier = first.get(value);
      if (earlier) repeated.push({ list: dottedPath(path), value, position, first: earlier });
      else first.set(value, position);
    }
  });
  return repeated;
}

interface Located {
  /** The key of the entry (maps) or the item itself (lists). */
  readonly key?: Node;
  readonly value?: Node;
  /** How many path segments were found; less than the path length when the walk stopped early. */
  readonly depth: number;
}

function find(source: SpecSource, path: readonly PathSegment[]): Located {
  let node: unknown = source.doc.contents;
  let found: Located = { value: node as Node, depth: 0 };
  for (const [i, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyText(p) === String(segment));
      if (!pair) return found;
      node = pair.value;
      found = { key: pair.key as Node, ...(isNodeLike(pair.value) ? { value: pair.value } : {}), depth: i + 1 };
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!isNodeLike(item)) return found;
      node = item;
      found = { key: item, value: item, depth: i + 1 };
    } else return found;
  }
  return found;
}

const isNodeLike = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && 'range' in value && Array.isArray((value as Node).range);

/**
 * Position of the thing at `path`: its key (`key`) or its value (`value`, falling back to the key
 * when the value is empty). A path that does not exist resolves to its nearest existing ancestor.
 */
export function locate(source: SpecSource, path: readonly PathSegment[], target: 'key' | 'value'): SourcePosition {
  const found = find(source, path);
  const onKey = target === 'key' || found.depth < path.length;
  const node = onKey ? (found.key ?? found.value) : (found.value ?? found.key);
  return startOf(source, node) ?? { file: source.file, line: 1, column: 1 };
}
