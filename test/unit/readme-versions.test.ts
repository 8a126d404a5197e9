/**
 * What the README promises about versions and the CLI must match what exists: `uses:` lines in
 * the form releases produce (the major tag or a full commit SHA), the schema URL that is the
 * schema's `$id`, a `required` column for every input, and each CLI option listed with exactly
 * the commands that accept it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS, COMMAND_OPTIONS } from '../../src/cli/args.js';
import { MINIMUM_NODE_MAJOR } from '../../src/cli/node-version.js';
import { JSON_SCHEMA_ID, JSON_SCHEMA_PATH } from '../../src/spec/json-schema.js';
import { README as readme, REPO_ROOT as root, readmeSection as section, tableRows } from './readme-text.js';

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  version: string;
  repository: { url: string };
  engines: { node: string };
  bin: Record<string, string>;
};
const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { required?: boolean }>;
  runs: { using: string };
};
const committedSchema = JSON.parse(readFileSync(path.join(root, JSON_SCHEMA_PATH), 'utf8')) as { $id?: string };

/** `owner/name` of this repository, from package.json. */
const repository = /github\.com\/([^/]+\/[^/.]+)(?:\.git)?$/.exec(pkg.repository.url)?.[1];

describe('README uses: lines', () => {
  const uses = [...readme.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)/gm)].map((m) => m[1]!);
  const ours = uses.filter((ref) => /(^|\/)proxmox-access@/.test(ref));

  it('package.json names the repository', () => {
    expect(repository).toBe('proxmox-access/proxmox-access');
  });

  it('every use of this action pins the major tag vN or a full commit SHA, of this repository', () => {
    expect(ours.length).toBeGreaterThanOrEqual(3);
    for (const ref of ours) expect(ref).toMatch(new RegExp(`^${repository}@(v[1-9][0-9]*|[0-9a-f]{40})$`));
  });

  it('shows both pins in the Versions section', () => {
    const text = section('Versions');
    expect(text).toMatch(new RegExp(`uses: ${repository}@v\\d+\\s`));
    expect(text).toMatch(new RegExp(`uses: ${repository}@[0-9a-f]{40}\\s`));
  });
});

describe('README Versions section', () => {
  const text = section('Versions');

  it('gives the runner version that node24 actions need', () => {
    expect(action.runs.using).toBe('node24');
    expect(text).toContain('runner **2.327.1 or later**');
  });

  it("gives the schema URL that is the schema's $id, at the major tag the uses: lines pin", () => {
    expect(committedSchema.$id).toBe(JSON_SCHEMA_ID);
    expect(text).toContain(`$schema=${JSON_SCHEMA_ID}`);
    const major = /\/(v\d+)\//.exec(JSON_SCHEMA_ID)?.[1];
    expect(readme).toContain(`uses: ${repository}@${major}\n`);
    expect(text).toContain(`node_modules/proxmox-access/${JSON_SCHEMA_PATH}`);
  });

  // Once 1.0.0 is out the note goes, and so does this check.
  it.skipIf(Number(pkg.version.split('.')[0]) >= 1)(
    'before 1.0.0, says that @v1 and npx proxmox-access@1 do not resolve yet and what to pin instead',
    () => {
      const flat = text.replace(/\s+/g, ' ');
      const quickstart = section('Quickstart (5 minutes)').replace(/\s+/g, ' ');
      expect(flat).toContain('come with release 1.0.0; until it is out, `@v1` and `npx proxmox-access@1` do not resolve');
      expect(flat).toContain('Pin the full commit SHA of a release tag instead');
      expect(quickstart).toContain('They pin `@v1`, which comes with release 1.0.0: until then pin a commit SHA');
    },
  );

  it('says that publishing to npm is a manual step', () => {
    expect(text).toMatch(/Publishing it to\s+the npm registry is a separate, manual step/);
  });
});

describe('README inputs table: required column', () => {
  const text = section('Inputs');

  it('has the column', () => {
    expect(text).toContain('| input | default | required | meaning |');
  });

  it.each(Object.entries(action.inputs))('%s says when it is required', (name, input) => {
    const required = tableRows(text).get(name)?.[1];
    expect(required, `README has no required cell for ${name}`).toBeTruthy();
    // action.yml marks none required (it depends on the mode); the README must not contradict it.
    if (input.required) expect(required).toBe('yes');
    else expect(required).not.toBe('yes');
  });

  it('the credentials and the URL are not called optional', () => {
    const rows = tableRows(text);
    for (const name of ['proxmox-url', 'proxmox-token-id', 'proxmox-token-secret', 'proxmox-password', 'secrets-token']) {
      expect(rows.get(name)?.[1], name).not.toBe('no');
    }
  });
});

describe('README command line section', () => {
  const text = section('Command line');

  it('lists each option with exactly the commands that accept it', () => {
    const rows = tableRows(text);
    for (const [command, options] of Object.entries(COMMAND_OPTIONS)) {
      for (const option of options) {
        const row = [...rows.entries()].find(([cell]) => cell.split(' ')[0] === `--${option}`);
        expect(row, `--${option}`).toBeDefined();
        expect(row![1][0]!.split(', '), `--${option}`).toContain(command);
      }
    }
    for (const [cell, [commands]] of rows) {
      const option = cell.split(' ')[0]!.slice(2);
      const expected = COMMANDS.filter((c) => (COMMAND_OPTIONS[c] as readonly string[]).includes(option));
      expect(commands ? commands.split(', ').filter(Boolean) : [], cell).toEqual(expected);
    }
  });

  it('installs the command package.json declares, on the Node version the CLI checks', () => {
    expect(Object.keys(pkg.bin)).toEqual(['proxmox-access']);
    expect(text).toContain('npm install -g proxmox-access');
    expect(text).toContain(`Node.js ${MINIMUM_NODE_MAJOR} or later`);
    expect(pkg.engines.node).toBe(`>=${MINIMUM_NODE_MAJOR}`);
  });
});
