/**
 * Turns zod's issues into problems a person can act on: each at the line and column of the key or
 * value it is about, worded in the spec's own terms, with a "did you mean" for misspelt keys.
 * Union failures are narrowed to the alternative the author evidently meant (the one whose keys
 * they used), because "Invalid input" with every alternative's complaints helps nobody.
 */
import type { z } from 'zod';
import type { SpecProblem } from '../errors.js';
import { dottedPath, locate, type PathSegment, type SpecSource } from './source.js';
import { allowedKeys, suggest } from './schema-keys.js';

type ZodIssue = z.core.$ZodIssue;

/** A zod issue with an absolute path; unions already resolved to one alternative. */
interface FlatIssue {
  readonly code: string;
  readonly path: readonly PathSegment[];
  readonly message: string;
  readonly expected?: readonly string[];
  readonly keys?: readonly string[];
  readonly origin?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly values?: readonly unknown[];
}

export function issuesToProblems(issues: readonly ZodIssue[], source: SpecSource, schema: z.ZodType): SpecProblem[] {
  const flat = issues.flatMap((issue) => flatten(issue, [], source.data));
  // A rule about a whole mapping (an ACL entry needs a subject) judges keys that may only be
  // misspelt; the unknown key is the one error to report.
  const misspelt = new Set(flat.filter((i) => i.code === 'unrecognized_keys').map((i) => dottedPath(i.path)));
  const problems = flat
    .filter((i) => !(i.code === 'custom' && misspelt.has(dottedPath(i.path))))
    .flatMap((issue) => describe(issue, source, schema));
  return dedupe(problems);
}

const toPath = (path: readonly PropertyKey[]): PathSegment[] => path.map((p) => (typeof p === 'number' ? p : String(p)));

function flatten(issue: ZodIssue, prefix: readonly PathSegment[], data: unknown): FlatIssue[] {
  const path = [...prefix, ...toPath(issue.path)];
  switch (issue.code) {
    case 'invalid_union': {
      if (issue.errors.length === 0) return [{ code: 'custom', path, message: issue.message }];
      const branches = issue.errors.map((list) => list.flatMap((i) => flatten(i, path, data)));
      const rootTypes = branches.map((b) =>
        b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === path.length ? b[0] : undefined,
      );
      if (rootTypes.every((t) => t !== undefined)) {
        const expected = [...new Set(rootTypes.flatMap((t) => t?.expected ?? []))];
        return [{ code: 'invalid_type', path, message: issue.message, expected }];
      }
      const missingOnly = branches.map((b) => b.length > 0 && b.every((i) => isMissingKey(i, path.length, data)));
      if (missingOnly.every(Boolean)) {
        const keys = branches.flatMap((b) => b.map((i) => String(i.path.at(-1))));
        return [{ code: 'custom', path, message: `needs one of the keys: ${[...new Set(keys)].join(', ')}` }];
      }
      return pickBranch(branches, path, data);
    }
    case 'invalid_type':
      return [{ code: issue.code, path, message: issue.message, expected: [issue.expected] }];
    case 'unrecognized_keys':
      return [{ code: issue.code, path, message: issue.message, keys: issue.keys }];
    case 'too_small':
      return [{ code: issue.code, path, message: issue.message, origin: issue.origin, minimum: Number(issue.minimum) }];
    case 'too_big':
      return [{ code: issue.code, path, message: issue.message, origin: issue.origin, maximum: Number(issue.maximum) }];
    case 'invalid_value':
      return [{ code: issue.code, path, message: issue.message, values: issue.values }];
    default:
      return [{ code: issue.code ?? 'custom', path, message: issue.message }];
  }
}

/**
 * The alternative with the fewest signs of being the wrong one: keys it does not know, keys it
 * misses, or a value of the wrong kind at the union itself. Ties go to the fewest issues.
 */
function pickBranch(branches: FlatIssue[][], unionPath: readonly PathSegment[], data: unknown): FlatIssue[] {
  const depth = unionPath.length;
  const mismatch = (issues: FlatIssue[]): number =>
    issues.reduce((score, i) => {
      if (i.code === 'unrecognized_keys' && i.path.length === depth) return score + (i.keys?.length ?? 1);
      if (isMissingKey(i, depth, data)) return score + 1;
      if ((i.code === 'invalid_type' || i.code === 'invalid_value') && i.path.length === depth) return score + 1;
      return score;
    }, 0);
  let best = branches[0] ?? [];
  for (const branch of branches.slice(1)) {
    const [a, b] = [mismatch(branch), mismatch(best)];
    if (a < b || (a === b && branch.length < best.length)) best = branch;
  }
  return best;
}

/** An issue that only says a key directly below `depth` is absent. */
const isMissingKey = (issue: FlatIssue, depth: number, data: unknown): boolean =>
  issue.code !== 'unrecognized_keys' && issue.path.length === depth + 1 && valueAt(data, issue.path) === undefined;

export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[String(segment)];
  }
  return value;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
  null: 'nothing',
};

function kindOf(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  return String(value);
}

function label(path: readonly PathSegment[]): string {
  const last = path.at(-1);
  if (last === undefined) return 'the spec';
  if (typeof last === 'number') {
    const parent = path.at(-2);
    return parent === undefined ? `item ${last + 1}` : `item ${last + 1} of '${String(parent)}'`;
  }
  return `'${last}'`;
}

const isDefaultMessage = (message: string): boolean => /^(Invalid|Too (small|big)|Unrecognized)/.test(message);

/** A problem at the key or the value of a path in the spec. */
type Place = (path: readonly PathSegment[], target: 'key' | 'value', message: string) => SpecProblem;

function describe(issue: FlatIssue, source: SpecSource, schema: z.ZodType): SpecProblem[] {
  const at: Place = (path, target, message) => ({ message, position: locate(source, path, target), path: dottedPath(path) });
  const value = valueAt(source.data, issue.path);
  if (isMissing(issue, value, valueAt(source.data, issue.path.slice(0, -1)))) return [at(issue.path, 'key', missingKeyMessage(issue.path))];
  if (issue.code === 'unrecognized_keys') return unknownKeyProblems(issue, value, schema, at);
  return [at(issue.path, 'value', valueMessage(issue, value))];
}

/** Absent inside a mapping that exists: the key is what is missing, not its value. */
const isMissing = (issue: FlatIssue, value: unknown, parent: unknown): boolean =>
  issue.code !== 'unrecognized_keys' && value === undefined && issue.path.length > 0 && typeof parent === 'object' && parent !== null;

function missingKeyMessage(path: readonly PathSegment[]): string {
  const key = String(path.at(-1));
  return `missing required key '${key}'${key === 'version' && path.length === 1 ? ' (write version: 1 at the top)' : ''}`;
}

function unknownKeyProblems(issue: FlatIssue, value: unknown, schema: z.ZodType, at: Place): SpecProblem[] {
  const known = allowedKeys(schema, issue.path);
  const present = Object.keys(value ?? {});
  return (issue.keys ?? []).map((key) => {
    // A key of another alternative (a deliver item with both output and github-secret).
    if (known.includes(key)) {
      const others = present.filter((k) => k !== key && known.includes(k)).map((k) => `'${k}'`);
      const place = typeof issue.path.at(-1) === 'number' ? 'item' : 'mapping';
      return at(
        [...issue.path, key],
        'key',
        `'${key}' cannot be used together with ${others.join(' and ') || 'the other keys'} in one ${place}; write each in ${place === 'item' ? 'a list item' : 'a mapping'} of its own`,
      );
    }
    const guess = suggest(key, known);
    const hint = guess ? `; did you mean '${guess}'?` : known.length > 0 ? `; expected one of: ${known.join(', ')}` : '';
    return at([...issue.path, key], 'key', `unknown key '${key}'${hint}`);
  });
}

/** What is wrong with the value at the issue's path, starting with what it is about. */
function valueMessage(issue: FlatIssue, value: unknown): string {
  const got = `, got ${kindOf(value)}`;
  const what = label(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return typeMessage(issue, value, got);
    case 'too_small':
      return tooSmallMessage(issue, got);
    case 'too_big':
      return tooBigMessage(issue, got);
    case 'invalid_value': {
      const allowed = (issue.values ?? []).map((v) => (typeof v === 'string' ? v : String(v))).join(', ');
      const text = isDefaultMessage(issue.message) ? `must be one of: ${allowed}` : issue.message;
      return `${what} ${text}${got}`;
    }
    case 'invalid_format':
      return `${what} ${isDefaultMessage(issue.message) ? 'has an invalid format' : issue.message}${got}`;
    default: {
      // Our own messages read as a predicate ("is not a real date") or as a sentence of their own.
      const prefix = issue.path.length === 0 ? '' : /^(is|must|needs)\b/.test(issue.message) ? `${what} ` : `${what}: `;
      return `${prefix}${issue.message}${value !== undefined && typeof value !== 'object' ? got : ''}`;
    }
  }
}

function typeMessage(issue: FlatIssue, value: unknown, got: string): string {
  const expected = (issue.expected ?? []).map((t) => TYPE_NAMES[t] ?? t).join(' or ');
  if (value === null && issue.path.at(-1) === 'tokens') {
    return `'tokens' is empty: write 'tokens: {}' to manage no tokens, or remove the key to leave this user's tokens alone`;
  }
  if (value === null) return `${label(issue.path)} has no value: expected ${expected}`;
  return `${label(issue.path)} must be ${expected}${got}`;
}

function tooSmallMessage(issue: FlatIssue, got: string): string {
  const what = label(issue.path);
  if (!isDefaultMessage(issue.message)) return `${what} ${issue.message}`;
  if (issue.origin === 'string') return `${what} must not be empty`;
  if (issue.origin === 'array') return `${what} needs at least ${issue.minimum} item(s)`;
  return `${what} must be at least ${issue.minimum}${got}`;
}

function tooBigMessage(issue: FlatIssue, got: string): string {
  const what = label(issue.path);
  if (!isDefaultMessage(issue.message)) return `${what} ${issue.message}${got}`;
  if (issue.origin === 'string') return `${what} is too long: at most ${issue.maximum} characters`;
  if (issue.origin === 'array') return `${what} has too many items: at most ${issue.maximum}`;
  // zod's own bound for whole numbers: beyond it a number is no longer exact.
  const limit =
    issue.maximum === Number.MAX_SAFE_INTEGER ? `${issue.maximum}, the largest whole number that is held exactly` : String(issue.maximum);
  return `${what} is too large: at most ${limit}${got}`;
}

/** One problem per value: the first check that fails says what is wrong, the rest add noise. */
function dedupe(problems: SpecProblem[]): SpecProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path ?? ''}@${p.position.line}:${p.position.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
