/**
 * Durations and points in time as the spec writes them. Pure: no clock; callers pass `now` when
 * they need it. The schema accepts exactly what these functions can parse, so a value that got
 * past the schema always converts.
 */

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 } as const;

/** `90d`, `12h`, `30m`, `2w`, `45s`, compounds such as `1w3d`, or plain seconds (`3600`). */
export const DURATION_PATTERN = /^(?:\d+|(?:\d+[smhdw])+)$/;

/** `2027-12-31`, or an ISO date-time such as `2027-12-31T18:00:00Z` (no offset means UTC). */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Seconds, or undefined when the text is not a duration. */
export function parseDuration(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isSafeInteger(input) && input >= 0 ? input : undefined;
  const text = input.trim();
  if (!DURATION_PATTERN.test(text)) return undefined;
  if (/^\d+$/.test(text)) return safe(Number(text));
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)([smhdw])/g)) {
    total += Number(amount) * UNIT_SECONDS[unit as keyof typeof UNIT_SECONDS];
  }
  return safe(total);
}

const safe = (n: number): number | undefined => (Number.isSafeInteger(n) ? n : undefined);

/**
 * Epoch seconds of a date or date-time, or undefined when it is not one or names a day that does
 * not exist (`2027-02-30`). A bare date is midnight UTC at the start of that day, which is what
 * PVE stores when its UI sets an expiry date on a UTC host.
 */
export function parseDate(input: string): number | undefined {
  const text = input.trim();
  if (!DATE_PATTERN.test(text)) return undefined;
  const [datePart = '', timePart] = text.split(/[T ]/, 2);
  const [y, m, d] = datePart.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return undefined;
  if (timePart === undefined) return day.getTime() / 1000;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(timePart);
  const zoned = hasZone ? timePart.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : `${timePart}Z`;
  const [hh = 0, mm = 0, ss = 0] = zoned
    .replace(/(?:Z|[+-].*)$/, '')
    .split(':')
    .map(Number);
  if (hh > 23 || mm > 59 || ss >= 60) return undefined;
  const ms = Date.parse(`${datePart}T${zoned}`);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/**
 * A user's `expire`: `0` / `never` (never expires), a date or date-time, or epoch seconds as PVE
 * stores them. Undefined when it is none of these.
 */
export function parseExpire(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isSafeInteger(input) && input >= 0 ? input : undefined;
  const text = input.trim();
  if (text === 'never' || text === '0') return 0;
  if (/^\d+$/.test(text)) return safe(Number(text));
  return parseDate(text);
}

/** The largest unit that fits exactly: `90d`, `2w`, `36h`, `3601s`. */
export function formatDuration(seconds: number): string {
  const unit = (['w', 'd', 'h', 'm'] as const).find((u) => seconds > 0 && seconds % UNIT_SECONDS[u] === 0);
  return unit ? `${seconds / UNIT_SECONDS[unit]}${unit}` : `${seconds}s`;
}

/** `2027-12-31` at midnight UTC, else a full ISO date-time in UTC. */
export function formatEpoch(epoch: number): string {
  const iso = new Date(epoch * 1000).toISOString();
  return epoch % 86_400 === 0 ? iso.slice(0, 10) : iso.replace(/\.000Z$/, 'Z');
}
