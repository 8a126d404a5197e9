/**
 * The JSON Schema of the spec format, generated from the zod schema so editors complete and check
 * exactly what the loader accepts. scripts/gen-schema.ts writes it to schema/; a test keeps the
 * committed copy fresh.
 */
import { z } from 'zod';
import { specSchema } from './schema.js';

export const JSON_SCHEMA_PATH = 'schema/proxmox-access.schema.json';

/** The schema's `$id`: the file at the moving major tag, the stable URL the README gives users. */
export const JSON_SCHEMA_ID = `https://raw.githubusercontent.com/proxmox-access/proxmox-access/v1/${JSON_SCHEMA_PATH}`;

export function specJsonSchema(): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(specSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'throw' }) as Record<
    string,
    unknown
  >;
  return { $schema, $id: JSON_SCHEMA_ID, ...schema };
}

/** The file's exact text: stable key order, two-space indent, trailing newline. */
export function specJsonSchemaText(): string {
  return `${JSON.stringify(specJsonSchema(), null, 2)}\n`;
}
