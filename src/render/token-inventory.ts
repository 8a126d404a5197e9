/**
 * The "Token inventory" section of the drift report: one row per token on the cluster, the ones
 * that need attention first (the inventory comes sorted that way).
 */
import type { TokenInventoryEntry } from '../plan/token-inventory.js';
import { code, escapeText, tableHead, tableRow } from '../model/markdown-escape.js';
import { linesWithin, type FitLevel } from './fit.js';

/** A token this close to its expiry is flagged; a scheduled run sees it on several nights before it stops working. */
export const SOON_DAYS = 30;

export const INVENTORY_TITLE = 'Token inventory';

export interface InventoryRenderOptions {
  /** Every privilege the server knows: a path holding them all reads "all privileges" instead of the whole list. */
  readonly allPrivileges: readonly string[];
  readonly level: FitLevel;
  /** Characters the section may take at level 4. */
  readonly budget: number;
}

const isoDate = (epoch: number): string => new Date(epoch * 1000).toISOString().slice(0, 10);

const days = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;

function expiryCell(entry: TokenInventoryEntry): string {
  if (entry.expire === null || entry.daysLeft === null) return 'never';
  const date = isoDate(entry.expire);
  if (entry.daysLeft < 0) return `⛔ **expired** ${date}`;
  if (entry.daysLeft <= SOON_DAYS) return `⏳ **${date}** (${entry.daysLeft === 0 ? 'today' : `in ${days(entry.daysLeft)}`})`;
  return `${date} (in ${days(entry.daysLeft)})`;
}

function tokenCell(entry: TokenInventoryEntry): string {
  const flags = [
    ...(entry.managed ? [] : ['🏷️ not in the spec']),
    ...(entry.marks.length > 0 ? [`⚠️ ${entry.marks.map(escapeText).join(', ')}`] : []),
  ];
  return [code(entry.id), ...flags].join('<br>');
}

function privilegesCell(entry: TokenInventoryEntry, options: InventoryRenderOptions): string {
  const paths = Object.entries(entry.privileges);
  if (paths.length === 0) return '_none_';
  // Level 3 drops privilege detail everywhere, as the plan does: the paths stay.
  if (options.level >= 3) return paths.map(([path]) => code(path)).join('<br>');
  const all = options.allPrivileges;
  const named = (names: readonly string[]): string => {
    if (names.length === 0) return '_none_';
    if (all.length > 0 && all.every((p) => names.includes(p))) return '**all privileges**';
    return escapeText(names.join(', '));
  };
  return paths.map(([path, names]) => `${code(path)}: ${named(names)}`).join('<br>');
}

const targetsCell = (entry: TokenInventoryEntry): string =>
  entry.targets.length === 0 ? (entry.managed ? '_none_' : '') : entry.targets.map((t) => escapeText(t)).join('<br>');

function countsLine(entries: readonly TokenInventoryEntry[]): string {
  const count = (test: (e: TokenInventoryEntry) => boolean): number => entries.filter(test).length;
  const parts: [number, string][] = [
    [count((e) => e.daysLeft !== null && e.daysLeft < 0), 'expired'],
    [count((e) => e.daysLeft !== null && e.daysLeft >= 0 && e.daysLeft <= SOON_DAYS), `expiring within ${SOON_DAYS} days`],
    [count((e) => !e.managed), 'not in the spec'],
    [count((e) => e.marks.length > 0), 'with ⚠️ Permissions.Modify, Sys.Modify or every privilege'],
  ];
  const notable = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  const total = `${entries.length} token${entries.length === 1 ? '' : 's'} on the cluster`;
  return notable.length > 0 ? `${total}: ${notable.join(', ')}.` : `${total}.`;
}

/** The section, fitted to `options.level`; at level 4 its rows stay within `options.budget`. */
export function tokenInventorySection(entries: readonly TokenInventoryEntry[], options: InventoryRenderOptions): string {
  const head = `#### 🔐 ${INVENTORY_TITLE} (${entries.length})`;
  if (entries.length === 0) return `${head}\n\nNo API token on the cluster.`;
  const rows = entries.map((e) =>
    tableRow([tokenCell(e), expiryCell(e), e.privsep ? 'yes' : 'no', privilegesCell(e, options), targetsCell(e)]),
  );
  const shown = options.level === 4 ? linesWithin(rows, options.budget, (n) => tableRow([`…and ${n} more`, '', '', '', ''])) : rows;
  return [
    head,
    '',
    countsLine(entries),
    '',
    tableHead(['token', 'expires', 'privsep', 'effective privileges', 'spec delivers to']),
    ...shown,
  ].join('\n');
}
