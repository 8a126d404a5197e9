/**
 * Writes schema/proxmox-access.schema.json from the zod schema.
 * `--check` writes nothing and exits 1 when the file differs (CI and tests use it).
 * `--out <path>` targets another file.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSON_SCHEMA_PATH, specJsonSchemaText } from '../src/spec/json-schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;
const target = out ? resolve(out) : resolve(root, JSON_SCHEMA_PATH);
const shown = out ?? JSON_SCHEMA_PATH;
const expected = specJsonSchemaText();

if (args.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => undefined);
  if (current !== expected) {
    console.error(`${shown} is ${current === undefined ? 'missing' : 'stale'}: run npm run schema`);
    process.exit(1);
  }
  console.log(`${shown} is up to date`);
} else {
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, expected);
  console.log(`wrote ${shown}`);
}
