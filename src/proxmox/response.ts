/**
 * Turns a PVE answer into its `data`, or into a ProxmoxApiError carrying PVE's own words.
 * PVE errors come in three shapes: `{data:null, message, errors?}` (8.3+), `{data:null, errors?}`
 * with the text only in the reason phrase (older servers), and no body at all (auth failures).
 */
import { ProxmoxApiError } from '../errors.js';
import type { HttpResponse } from './transport.js';

interface Envelope {
  readonly data?: unknown;
  readonly message?: unknown;
  readonly errors?: unknown;
}

/** The `data` of a 2xx answer; throws ProxmoxApiError for every other status. */
export function unwrapAnswer(method: string, path: string, response: HttpResponse): unknown {
  const envelope = parseEnvelope(response.text);
  if (response.status >= 200 && response.status < 300) {
    if (envelope === undefined) {
      throw new ProxmoxApiError(method, path, response.status, 'the answer is not the JSON envelope PVE sends');
    }
    return envelope.data ?? null;
  }
  throw toApiError(method, path, response, envelope);
}

/** Maps an error answer; `message`'s first line is the reason, its other lines become `errors`. */
export function toApiError(
  method: string,
  path: string,
  response: HttpResponse,
  envelope: Envelope | undefined = parseEnvelope(response.text),
): ProxmoxApiError {
  const message = typeof envelope?.message === 'string' ? envelope.message : '';
  const [firstLine = '', ...rest] = message.split('\n');
  const reason = firstLine.trim() || response.statusText.trim() || `HTTP ${response.status}`;
  const errors = stringRecord(envelope?.errors) ?? errorsFromLines(rest);
  return new ProxmoxApiError(method, path, response.status, reason, errors);
}

function parseEnvelope(text: string): Envelope | undefined {
  if (text.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) out[key] = String(item).trim();
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * A parameter error raised inside the user.cfg lock reaches us as plain text,
 * `"<label>: 400 Parameter verification failed.\n<param>: <msg>\n"`, without an `errors` object.
 */
function errorsFromLines(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const match = /^([A-Za-z][\w.-]*): (.+)$/.exec(line.trim());
    if (match) out[match[1]!] = match[2]!.trim();
  }
  return out;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The `data` of an endpoint that answers one object. */
export function asWire(method: string, path: string, data: unknown): Record<string, unknown> {
  if (isRecord(data)) return data;
  throw new ProxmoxApiError(method, path, 200, `expected an object in the answer, got ${shapeOf(data)}`);
}

/** The `data` of an endpoint that answers a list of objects. */
export function asWireList(method: string, path: string, data: unknown): Record<string, unknown>[] {
  if (Array.isArray(data) && data.every(isRecord)) return data;
  throw new ProxmoxApiError(method, path, 200, `expected a list of objects in the answer, got ${shapeOf(data)}`);
}

/** `{ "VM.Audit": 1 | "1" }` → numbers; anything else becomes an empty map. */
export function asNumberMap(value: unknown): Record<string, number> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, Number(item) || 0]));
}

const shapeOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value);
