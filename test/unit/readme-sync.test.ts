/**
 * The README's reference tables are what users copy from: every input and output of action.yml
 * (with its default) and every CLI option and command must be there, and nothing that does not
 * exist.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS, USAGE } from '../../src/cli/args.js';
import { REPO_ROOT as root, readmeSection as section, tableRows } from './readme-text.js';

const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: unknown }>;
  outputs: Record<string, unknown>;
};

const unquote = (cell: string): string => /^`(.*)`$/.exec(cell)?.[1] ?? cell;

describe('README inputs table', () => {
  const rows = tableRows(section('Inputs'));

  it('lists exactly the inputs of action.yml', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it.each(Object.entries(action.inputs))('%s shows the default of action.yml', (name, input) => {
    const cells = rows.get(name);
    expect(cells, `README has no row for input ${name}`).toBeDefined();
    expect(unquote(cells![0] ?? '')).toBe(String(input.default ?? ''));
  });
});

describe('README outputs table', () => {
  const rows = tableRows(section('Outputs'));

  it('lists exactly the outputs of action.yml', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(action.outputs).sort());
  });

  it('mentions the per-spec `deliver: output:` outputs that action.yml cannot list', () => {
    expect(section('Outputs')).toContain('deliver: output:');
  });
});

describe('README command line section', () => {
  const text = section('Command line');
  const documented = [...tableRows(text).keys()].map((cell) => cell.split(' ')[0]!);
  const real = [...USAGE.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]!);

  it('documents exactly the options of the CLI (and --help)', () => {
    expect(real.length).toBeGreaterThan(5);
    expect(documented.sort()).toEqual([...new Set([...real, '--help'])].sort());
  });

  it('mentions no option the CLI does not have', () => {
    const mentioned = new Set([...text.matchAll(/(?<![\w-])(--[a-z][a-z-]*)/g)].map((m) => m[1]!));
    expect([...mentioned].filter((option) => option !== '--help' && !real.includes(option))).toEqual([]);
  });

  it('shows every command', () => {
    for (const command of COMMANDS) expect(text).toMatch(new RegExp(`^proxmox-access ${command}\\b`, 'm'));
  });
});
