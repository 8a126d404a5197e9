/**
 * Plain-text forms of field values, shared by every renderer (which escape them for their own
 * medium). Epochs become dates and second counts become durations, as the spec writes them.
 */

const EPOCH_FIELDS = new Set(['expire']);
const DURATION_FIELDS = new Set(['lifetime', 'rotateBefore', 'rotate-before', 'overlap']);

const UNITS: readonly (readonly [string, number])[] = [
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
];

/** `90d`, `1d 12h`, `45s`: the units the spec accepts, largest first. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return `${seconds}s`;
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.join(' ');
}

/** PVE's expire epoch: 0 means never; a UTC midnight prints as a date, anything else with time. */
export function formatEpoch(epoch: number): string {
  if (epoch === 0) return 'never';
  if (!Number.isFinite(epoch)) return String(epoch);
  const iso = new Date(epoch * 1000).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** One value as a reviewer reads it: strings quoted (so `""` shows), lists comma-separated. */
export function formatValue(field: string, value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (typeof value === 'number') {
    if (EPOCH_FIELDS.has(field)) return formatEpoch(value);
    if (DURATION_FIELDS.has(field)) return formatDuration(value);
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '(none)';
    return value.map((item) => (typeof item === 'string' ? item : formatValue(field, item))).join(', ');
  }
  return JSON.stringify(value) ?? String(value);
}

export interface ListDelta {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

const isStringList = (value: unknown): value is readonly string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** For list fields (privileges, groups) the difference says more than two long lists. */
export function listDelta(before: unknown, after: unknown): ListDelta | undefined {
  if (!isStringList(before) || !isStringList(after)) return undefined;
  const was = new Set(before);
  const now = new Set(after);
  return {
    added: after.filter((item) => !was.has(item)),
    removed: before.filter((item) => !now.has(item)),
  };
}

/** `before → after`, or `+a, -b` for lists. */
export function formatFieldChange(field: string, before: unknown, after: unknown): string {
  const delta = listDelta(before, after);
  if (delta !== undefined && (delta.added.length > 0 || delta.removed.length > 0)) {
    return [...delta.added.map((p) => `+${p}`), ...delta.removed.map((p) => `-${p}`)].join(', ');
  }
  if (before === undefined) return formatValue(field, after);
  return `${formatValue(field, before)} → ${formatValue(field, after)}`;
}
