/**
 * The JSON Schema of the spec format, generated from the zod schema so editors complete and check
 * exactly what the loader accepts. scripts/gen-schema.ts writes it to schema/; a test keeps the
 * committed copy fresh.
 */
import { z } from 'zod';
import { specSchema } from './schema.js';

export const JSON_SCHEMA_PATH = 'schema/proxmox-access.schema.json';

export function specJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(specSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'throw' }) as Record<string, unknown>;
}

/** The file's exact text: stable key order, two-space indent, trailing newline. */
export function specJsonSchemaText(): string {
  return `${JSON.stringify(specJsonSchema(), null, 2)}\n`;
}
