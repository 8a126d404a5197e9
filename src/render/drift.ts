/**
 * The drift issue body: what changed in the cluster behind the spec's back, grouped by kind,
 * with what to do about each kind. Fitted under the issue body limit like the plan comment.
 */
import type { DriftItem, DriftKind, DriftReport } from '../plan/drift.js';
import { code, escapeText, tableHead, tableRow } from './escape.js';
import { COMMENT_LIMIT, fitMarkdown, linesWithin, type FitLevel } from './fit.js';

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
}

const KINDS: readonly DriftKind[] = ['deleted', 'changed', 'added', 'privileges-stripped', 'secret-missing', 'expiring'];

const KIND_TITLE: Readonly<Record<DriftKind, string>> = {
  changed: '✏️ Changed outside the spec',
  added: '➕ Added outside the spec',
  deleted: '🗑️ Deleted outside the spec',
  'privileges-stripped': '🧹 Privileges removed by a Proxmox upgrade',
  expiring: '⏳ Expiring soon',
  'secret-missing': '🔑 GitHub secret missing',
};

const WHAT_TO_DO: Readonly<Record<DriftKind, string>> = {
  changed: 'Re-run apply to put the spec’s values back, or open a PR that changes the spec to adopt what is live.',
  added: 'Re-run apply to remove what the spec owns, or open a PR that adds it to the spec to keep it.',
  deleted: 'Re-run apply to recreate it (a recreated token gets a new secret, delivered to its targets), or open a PR that removes it from the spec.',
  'privileges-stripped': 'The server no longer knows these privileges: open a PR that updates the roles in the spec (see each message for the replacement).',
  expiring: 'Re-run apply to rotate these tokens (it rotates tokens inside their `rotate-before` window); for a user, extend `expire` in the spec.',
  'secret-missing': 'Re-run apply: it rotates the token and delivers the new secret, so no consumer is left without one.',
};

const isoTime = (epoch: number): string => `${new Date(epoch * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function kindSection(kind: DriftKind, items: readonly DriftItemLike[], level: FitLevel, budget: number): string {
  const rows = items.map((item) => tableRow([code(item.address), escapeText(item.message)]));
  const shown = level === 4 ? linesWithin(rows, budget, (n) => tableRow([`…and ${n} more`, ''])) : rows;
  return [`#### ${KIND_TITLE[kind]} (${items.length})`, '', `**What to do:** ${WHAT_TO_DO[kind]}`, '', tableHead(['object', 'on the cluster, compared with the spec']), ...shown].join('\n');
}

function renderDriftAtLevel(report: DriftReportLike, context: DriftMarkdownContext, level: FitLevel, budget: number): string {
  const checked = `Checked ${isoTime(context.now)}.`;
  if (report.clean || report.items.length === 0) {
    return `### ✅ No drift in ${code(context.specPath)}\n\nThe cluster matches the spec. ${checked}`;
  }
  const groups = KINDS.map((kind) => ({ kind, items: report.items.filter((i) => i.kind === kind) })).filter((g) => g.items.length > 0);
  const counts = groups.map((g) => `${g.items.length} ${g.kind}`).join(', ');
  const share = Math.floor(budget / (groups.length + 1));
  return [
    `### 🔀 Drift in ${code(context.specPath)}: ${plural(report.items.length, 'item')}`,
    `${counts}. ${checked} This issue is updated by every scheduled run and closed once the cluster matches the spec again.`,
    ...groups.map((g) => kindSection(g.kind, g.items, level, share)),
  ].join('\n\n');
}

/** The drift report as Markdown for the drift issue and the job summary. */
export function renderDriftMarkdown(report: DriftReportLike, context: DriftMarkdownContext): string {
  return fitMarkdown(
    (level, budget) => renderDriftAtLevel(report, context, level, budget),
    context.limit ?? COMMENT_LIMIT,
    context.runUrl,
  );
}
