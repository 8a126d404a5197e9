/**
 * The drift issue body: what changed in the cluster behind the spec's back, grouped by kind,
 * with what to do about each kind. Fitted under the issue body limit like the plan comment.
 */
import type { DriftItem, DriftKind, DriftReport } from '../plan/drift.js';
import { code, escapeText, tableHead, tableRow } from '../model/markdown-escape.js';
import type { TokenInventoryEntry } from '../plan/token-inventory.js';
import { COMMENT_LIMIT, fitMarkdown, linesWithin, type FitLevel } from './fit.js';
import { tokenInventorySection } from './token-inventory.js';

export type { DriftKind };
export type DriftItemLike = DriftItem;
export type DriftReportLike = DriftReport;

export interface DriftMarkdownContext {
  readonly specPath: string;
  readonly runUrl?: string | undefined;
  /** Epoch seconds of the check. */
  readonly now: number;
  /** Default 65,536 (an issue body). */
  readonly limit?: number | undefined;
  /** The token inventory, shown after the drift whether or not there is any. */
  readonly inventory?: { readonly entries: readonly TokenInventoryEntry[]; readonly allPrivileges: readonly string[] } | undefined;
}

const KINDS: readonly DriftKind[] = ['deleted', 'changed', 'added', 'privileges-stripped', 'secret-missing', 'expiring'];

const KIND_TITLE: Readonly<Record<DriftKind, string>> = {
  changed: '✏️ Changed outside the spec',
  added: '➕ Added outside the spec',
  deleted: '🗑️ Deleted outside the spec',
  'privileges-stripped': '🧹 Privileges removed by a Proxmox upgrade',
  expiring: '⏳ Expiring soon',
  'secret-missing': '🔑 Delivered secret missing (GitHub or Vault)',
};

/**
 * Re-running the apply on merge does not undo drift: it plans again against the drifted cluster,
 * gets a digest nobody reviewed and is refused (README, "Apply on merge"). So the advice names
 * what works: the manual apply workflow, which needs no reviewed plan, or the next pull request.
 * A due token or a missing secret needs no one: the nightly workflow's `rotate` step, which runs
 * before the drift step (README, "Nightly rotation and drift report"), rotates or restores it.
 */
const MANUAL_APPLY = 'run the [manual apply](https://github.com/proxmox-access/proxmox-access#manual-apply) workflow';
const NIGHTLY_ROTATE = 'The [nightly `rotate` step](https://github.com/proxmox-access/proxmox-access#nightly-rotation-and-drift-report)';
const STILL_LISTED = 'if it ran before this report and the item is still listed, its job summary says why';
const NEXT_PR = 'the next pull request that changes the spec plans this too, and its merge applies it';
const EXPORT = '`proxmox-access export` writes the live values';

const WHAT_TO_DO: Readonly<Record<DriftKind, string>> = {
  changed: `To put the spec’s values back, ${MANUAL_APPLY} (${NEXT_PR}). To keep what is live, change the spec to match in a pull request (${EXPORT}).`,
  added: `To remove it, ${MANUAL_APPLY} (${NEXT_PR}). To keep it, add it to the spec in a pull request (${EXPORT}).`,
  deleted: `To recreate it, ${MANUAL_APPLY} (a recreated token gets a new secret, delivered to its targets; ${NEXT_PR}). To let it go, remove it from the spec in a pull request.`,
  'privileges-stripped':
    'The server no longer knows these privileges: open a PR that updates the roles in the spec (see each message for the replacement).',
  expiring: `${NIGHTLY_ROTATE} rotates these tokens on its next run: a new secret for each, delivered to its targets, nothing else changed (${STILL_LISTED}). To rotate them now, ${MANUAL_APPLY}: it rotates tokens inside their \`rotate-before\` window, and its \`rotate\` input names tokens to rotate whatever their expiry (${NEXT_PR}). For a user, extend \`expire\` in the spec in a pull request.`,
  'secret-missing': `${NIGHTLY_ROTATE} restores it on its next run: it rotates the token and delivers the new secret (${STILL_LISTED}). To restore it now, any apply with \`secrets-token\` does the same, a repair that needs no reviewed plan: ${MANUAL_APPLY} (with or without \`rotate:\` naming the token), or re-run the apply on merge if nothing else drifted.`,
};

const isoTime = (epoch: number): string => `${new Date(epoch * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function kindSection(kind: DriftKind, items: readonly DriftItemLike[], level: FitLevel, budget: number): string {
  const rows = items.map((item) => tableRow([code(item.address), escapeText(item.message)]));
  const shown = level === 4 ? linesWithin(rows, budget, (n) => tableRow([`…and ${n} more`, ''])) : rows;
  return [
    `#### ${KIND_TITLE[kind]} (${items.length})`,
    '',
    `**What to do:** ${WHAT_TO_DO[kind]}`,
    '',
    tableHead(['object', 'on the cluster, compared with the spec']),
    ...shown,
  ].join('\n');
}

function renderDriftAtLevel(report: DriftReportLike, context: DriftMarkdownContext, level: FitLevel, budget: number): string {
  const checked = `Checked ${isoTime(context.now)}.`;
  const groups = KINDS.map((kind) => ({ kind, items: report.items.filter((i) => i.kind === kind) })).filter((g) => g.items.length > 0);
  const inventory = context.inventory;
  const share = Math.floor(budget / (groups.length + (inventory ? 2 : 1)));
  const inventorySection = inventory
    ? [tokenInventorySection(inventory.entries, { allPrivileges: inventory.allPrivileges, level, budget: share })]
    : [];
  if (report.clean || report.items.length === 0) {
    return [`### ✅ No drift in ${code(context.specPath)}\n\nThe cluster matches the spec. ${checked}`, ...inventorySection].join('\n\n');
  }
  const counts = groups.map((g) => `${g.items.length} ${g.kind}`).join(', ');
  return [
    `### 🔀 Drift in ${code(context.specPath)}: ${plural(report.items.length, 'item')}`,
    `${counts}. ${checked} This issue is updated by every scheduled run and closed once the cluster matches the spec again.`,
    ...groups.map((g) => kindSection(g.kind, g.items, level, share)),
    ...inventorySection,
  ].join('\n\n');
}

/** The drift report as Markdown for the drift issue and the job summary. */
export function renderDriftMarkdown(report: DriftReportLike, context: DriftMarkdownContext): string {
  return fitMarkdown((level, budget) => renderDriftAtLevel(report, context, level, budget), context.limit ?? COMMENT_LIMIT, context.runUrl);
}
