/**
 * A syntax error is reported where the mistake is: the quote or bracket that is never closed,
 * the alias without an anchor, the line that breaks a list. Never past the end of the file and
 * never on line 1 for want of a better place; a JSON file is judged as JSON.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecError, type SpecProblem } from '../../src/errors.js';
import { parseSpecText } from '../../src/spec/load.js';

const dir = path.join(import.meta.dirname, '..', 'fixtures', 'specs', 'syntax');

function problemsOf(name: string): { problems: readonly SpecProblem[]; lines: number } {
  const text = readFileSync(path.join(dir, name), 'utf8');
  const lines = text.replace(/\s+$/, '').split('\n').length;
  try {
    parseSpecText(text, name);
  } catch (err) {
    if (err instanceof SpecError) return { problems: err.problems, lines };
    throw err;
  }
  throw new Error(`${name} parsed without errors`);
}

const CASES: readonly { file: string; at: string; message: RegExp }[] = [
  { file: 'unclosed-double-quote.yml', at: '4:14', message: /^YAML: the quoted text opened here with " is never closed$/ },
  { file: 'unclosed-single-quote.yml', at: '4:14', message: /^YAML: the quoted text opened here with ' is never closed$/ },
  { file: 'undefined-alias.yml', at: '5:8', message: /^YAML: alias \*devs refers to no anchor &devs defined before it$/ },
  { file: 'unclosed-bracket.yml', at: '4:17', message: /^YAML: the list opened here with \[ is never closed$/ },
  { file: 'unclosed-bracket-at-end.yml', at: '4:17', message: /^YAML: the list opened here with \[ is never closed$/ },
  { file: 'unclosed-brace.yml', at: '3:8', message: /^YAML: the mapping opened here with \{ is never closed$/ },
  {
    file: 'list-continued-too-little.yml',
    at: '5:5',
    message: /^YAML: this line continues the list opened with \[ on line 4, and must be indented more/,
  },
  { file: 'two-documents.yml', at: '4:1', message: /^YAML: a spec file holds one document, but a second one starts here/ },
  { file: 'missing-comma.json', at: '5:5', message: /^JSON: expected ',' or '}' after property value$/ },
  { file: 'trailing-comma.json', at: '5:3', message: /^JSON: expected double-quoted property name$/ },
  {
    file: 'bare-word.json',
    at: '4:27',
    message: /^JSON: 'tru' is not a JSON value: text needs double quotes, and true, false and null are lower case$/,
  },
  { file: 'unfinished.json', at: '4:14', message: /^JSON: the text ends before the JSON value is complete$/ },
];

describe('syntax errors from fixture specs', () => {
  it.each(CASES)('$file: one error at $at', ({ file, at, message }) => {
    const { problems, lines } = problemsOf(file);
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(`${problem?.position.line}:${problem?.position.column}`).toBe(at);
    expect(problem?.message).toMatch(message);
    expect(problem?.position.line).toBeLessThanOrEqual(lines);
    expect(problem?.position.line).toBeGreaterThan(1);
  });

  it("never repeats the parser's own texts", () => {
    for (const { file } of CASES) {
      const [problem] = problemsOf(file).problems;
      expect(problem?.message).not.toMatch(
        /parseAllDocuments|Flow sequence|Flow map|Missing closing|in JSON at position|is not valid JSON/,
      );
    }
  });

  it('says YAML for a YAML flow mapping that is not valid JSON but valid YAML', () => {
    const loaded = parseSpecText('{ version: 1, groups: { ops: {} } }\n', 'spec.yml');
    expect(Object.keys(loaded.spec.groups)).toEqual(['ops']);
  });

  it('judges text that opens like JSON as JSON when it is not valid YAML either', () => {
    try {
      parseSpecText('{\n  "version": 1\n  "groups": {}\n}\n', 'proxmox-access.yml');
    } catch (err) {
      expect(err).toBeInstanceOf(SpecError);
      const [problem] = (err as SpecError).problems;
      expect(problem?.message).toBe("JSON: expected ',' or '}' after property value");
      expect(problem?.position.line).toBe(3);
      return;
    }
    throw new Error('expected a SpecError');
  });

  it('points an alias bomb at its first alias, in words', () => {
    const bomb = [
      'version: 1',
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      '',
    ].join('\n');
    try {
      parseSpecText(bomb, 'spec.yml');
    } catch (err) {
      const [problem] = (err as SpecError).problems;
      expect(problem?.position.line).toBe(3);
      expect(problem?.message).toMatch(/^YAML: aliases \(\*name\) here expand to more than 100 copies/);
      return;
    }
    throw new Error('expected a SpecError');
  });
});
