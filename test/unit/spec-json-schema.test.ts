import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { JSON_SCHEMA_PATH, specJsonSchema, specJsonSchemaText } from '../../src/spec/json-schema.js';

const root = join(import.meta.dirname, '..', '..');

describe('JSON Schema', () => {
  it('committed file is what the zod schema generates', async () => {
    expect(await readFile(join(root, JSON_SCHEMA_PATH), 'utf8')).toBe(specJsonSchemaText());
  });

  it('the generator in --check mode agrees, and fails on a stale file', async () => {
    const run = promisify(execFile);
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    const ok = await run(tsx, ['scripts/gen-schema.ts', '--check'], { cwd: root });
    expect(ok.stdout).toContain('up to date');

    const stale = join(await mkdtemp(join(tmpdir(), 'schema-')), 'stale.json');
    await writeFile(stale, '{}\n');
    const failed = await run(tsx, ['scripts/gen-schema.ts', '--check', '--out', stale], { cwd: root }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain('is stale');
  });

  it('accepts the YAML examples and rejects unknown keys, for editors', async () => {
    const ajv = new Ajv2020.default({ strict: false, allErrors: true });
    const validate = ajv.compile(specJsonSchema());
    for (const name of [
      'proxmox-access.yml',
      'terraform-ansible.yml',
      'least-privilege-automation.yml',
      'vm-admin.yml',
      'privsep-token.yml',
    ]) {
      const data: unknown = parse(await readFile(join(root, 'examples', name), 'utf8'));
      expect(validate(data), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(validate({ version: 1, users: { 'a@pve': { tokens: { t: { rotateBefore: '1d' } } } } })).toBe(false);
    expect(validate({ version: 1, users: { 'a@pve': { tokens: { t: { lifetime: '90 days' } } } } })).toBe(false);
    expect(validate({ version: 2 })).toBe(false);
  });
});
