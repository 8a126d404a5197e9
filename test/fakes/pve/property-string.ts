/**
 * PVE's property strings (`key=value,key=value`), which realms use for `tfa` and
 * `sync-defaults-options`: parsing with PVE's messages, the per-key schema check (all problems
 * reported under `<param>.<key>`), and printing with the keys sorted.
 */
import { PveError } from './errors.js';
import { validateParams, type ParamSpec } from './params.js';

/** The keys a property string may carry. */
export type PropertyStringFormat = Readonly<Record<string, ParamSpec>>;

/** `parse_boolean`: the spellings PVE accepts inside property strings. */
function parseBoolean(value: string): string | undefined {
  if (/^(1|on|yes|true)$/i.test(value)) return '1';
  if (/^(0|off|no|false)$/i.test(value)) return '0';
  return undefined;
}

/**
 * `parse_property_string`: throws an Error with PVE's text; key checks fail as
 * "format error\n<path>.<key>: <message>\n…".
 */
export function parsePropertyString(format: PropertyStringFormat, text: string, path: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const part of text.split(',')) {
    if (/^\s*$/.test(part)) continue;
    // Perl's `$` also matches before one final newline.
    const pair = /^([^=]+)=(.+)\n?$/.exec(part);
    if (pair) {
      const key = pair[1]!;
      if (values[key] !== undefined) throw new Error(`duplicate key in comma-separated list property: ${key}\n`);
      const spec = format[key];
      if (!spec) throw new Error(`invalid key in comma-separated list property: ${key}\n`);
      values[key] = spec.type === 'boolean' ? (parseBoolean(pair[2]!) ?? pair[2]!) : pair[2]!;
    } else if (!part.includes('=')) {
      throw new Error('value without key, but schema does not define a default key\n');
    } else {
      throw new Error('missing key in comma-separated list property\n');
    }
  }
  try {
    validateParams(format, values, { privileges: new Set() });
  } catch (err) {
    if (!(err instanceof PveError) || !err.errors) throw err;
    const lines = Object.keys(err.errors)
      .sort()
      .map((key) => `${path}.${key}: ${err.errors![key]}\n`);
    throw new Error(`format error\n${lines.join('')}`, { cause: err });
  }
  return values;
}

/** `print_property_string`: required keys first, then the rest, each group sorted. */
export function printPropertyString(format: PropertyStringFormat, values: Readonly<Record<string, string>>): string {
  const keys = Object.keys(values).sort();
  const required = (key: string): boolean => format[key] !== undefined && !format[key].optional;
  const ordered = [...keys.filter(required), ...keys.filter((key) => !required(key))];
  const parts: string[] = [];
  for (const key of ordered) {
    const value = values[key];
    if (value === undefined) continue;
    if (value.includes(',')) throw new Error(`illegal value with commas for ${key}\n`);
    parts.push(`${key}=${value}`);
  }
  return parts.join(',');
}
