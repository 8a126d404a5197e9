/**
 * Request parameter decoding as pve-http-server does it:
 * pairs split on `&` and `;`, `k=` is "", a bare `k` is absent, a literal `=` cuts the value,
 * `+` is a space, repeated keys collect into a list. JSON bodies keep true/false as JSON booleans.
 */
import type { RawParams, RawValue } from './params.js';

/** Percent-decoding on bytes, then UTF-8, so raw non-ASCII and escapes can mix. */
function decodeComponent(text: string): string {
  const bytes = Buffer.from(text.replace(/\+/g, ' '), 'utf8');
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const hex = bytes[i] === 0x25 ? bytes.subarray(i + 1, i + 3).toString('latin1') : '';
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      out.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      out.push(bytes[i]!);
    }
  }
  return Buffer.from(out).toString('utf8');
}

type FormValue = string | readonly string[];

function add(target: Record<string, FormValue>, key: string, value: string): void {
  const old = target[key];
  target[key] = old === undefined ? value : [...(typeof old === 'string' ? [old] : old), value];
}

/** A query string or form body; repeated keys become lists. */
export function decodeUrlencoded(text: string): Record<string, FormValue> {
  const out: Record<string, FormValue> = {};
  for (const pair of text.split(/[&;]/)) {
    if (pair === '') continue;
    const [key = '', value] = pair.split('=');
    if (value === undefined) continue;
    add(out, decodeComponent(key), decodeComponent(value));
  }
  return out;
}

/** A JSON object body; throws on anything else. A top-level `true`/`false` stays a JSON boolean. */
export function decodeJsonBody(text: string): RawParams {
  const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('JSON body must be an object');
  const scalar = (value: unknown): string =>
    typeof value === 'boolean' ? (value ? '1' : '0') : typeof value === 'string' ? value : JSON.stringify(value);
  const out: Record<string, RawValue> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value === null || value === undefined) continue;
    out[key] = Array.isArray(value) ? value.map(scalar) : typeof value === 'boolean' ? { jsonBoolean: value } : scalar(value);
  }
  return out;
}
