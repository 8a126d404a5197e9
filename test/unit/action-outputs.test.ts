import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_OUTPUT_NAMES } from '../../src/model/action-outputs.js';
import { writeOutputs } from '../../src/outputs.js';
import { parseSpecText } from '../../src/spec/load.js';
import { validateSpec } from '../../src/spec/validate.js';

const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as { outputs: Record<string, unknown> };

describe('the action outputs, listed once', () => {
  it('are the outputs action.yml declares', () => {
    expect([...ACTION_OUTPUT_NAMES].sort()).toEqual(Object.keys(action.outputs).sort());
  });

  it('are each written once: what the run produced, in its order, then the defaults of the rest', () => {
    const written: [string, string][] = [];
    writeOutputs(
      new Map([
        ['mode', 'apply'],
        ['terraform_token', '***'],
        ['applied', '3'],
      ]),
      (name, value) => void written.push([name, value]),
    );
    expect(written.slice(0, 3)).toEqual([
      ['mode', 'apply'],
      ['terraform_token', '***'],
      ['applied', '3'],
    ]);
    expect(written.map(([name]) => name).sort()).toEqual([...ACTION_OUTPUT_NAMES, 'terraform_token'].sort());
    expect(Object.fromEntries(written)).toMatchObject({ 'has-changes': 'false', drift: 'false', tokens: '{}', 'comment-url': '' });
  });

  it.each(ACTION_OUTPUT_NAMES)('refuse a deliver output named %s in a spec', (name) => {
    const loaded = parseSpecText(
      `version: 1
users:
  ci@pve:
    tokens:
      deploy:
        deliver:
          - output: ${name}
`,
      'proxmox-access.yml',
    );
    expect(validateSpec(loaded).map((f) => f.code)).toContain('deliver-output-collision');
  });
});
