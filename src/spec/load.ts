/**
 * Reading a spec file: YAML or JSON, the current format or the legacy `token_setup.json`.
 * Every problem found is reported at once, each with file, line and column, as one SpecError.
 */
import { readFile } from 'node:fs/promises';
import { InputError, SpecError, type SpecProblem } from '../errors.js';
import { buildSpec } from './build.js';
import { issuesToProblems } from './issues.js';
import { convertLegacy, isLegacyDocument } from './legacy.js';
import type { LoadedSpec } from './model.js';
import { specSchema } from './schema.js';
import { collectPositions, collectRepeatedItems, parseSource } from './source.js';

/** Parses spec text; `file` is the name used in positions. Throws SpecError listing every problem. */
export function parseSpecText(text: string, file: string): LoadedSpec {
  const { source, syntax, duplicates } = parseSource(text, file);
  if (syntax.length > 0) throw new SpecError(syntax);

  const { data } = source;
  if (data === null || data === undefined) {
    throw new SpecError([
      { message: 'the spec is empty: expected a mapping that starts with version: 1', position: { file, line: 1, column: 1 } },
    ]);
  }

  if (isLegacyDocument(data)) {
    const legacy = convertLegacy(source);
    const problems = sortProblems([...duplicates, ...legacy.problems]);
    if (problems.length > 0) throw new SpecError(problems);
    return { file, spec: buildSpec(legacy.input), positions: legacy.positions };
  }

  const parsed = specSchema.safeParse(data);
  const problems: SpecProblem[] = [...duplicates, ...(parsed.success ? [] : issuesToProblems(parsed.error.issues, source, specSchema))];
  if (problems.length > 0 || !parsed.success) throw new SpecError(sortProblems(problems));
  return { file, spec: buildSpec(parsed.data), positions: collectPositions(source), repeatedItems: collectRepeatedItems(source) };
}

/**
 * Reads and parses a spec file. `displayPath` (e.g. relative to the repository root) is what
 * positions and annotations show; it defaults to `path`.
 */
export async function loadSpecFile(path: string, displayPath: string = path): Promise<LoadedSpec> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? String(err));
    throw new InputError('spec', `cannot read spec file ${displayPath}: ${reason}`);
  }
  return parseSpecText(text, displayPath);
}

const sortProblems = (problems: readonly SpecProblem[]): SpecProblem[] =>
  [...problems].sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
