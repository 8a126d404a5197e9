/**
 * What a scheduled rotation did, for the job summary and the drift issue (Markdown) and for the
 * log and the CLI (text): each rotated token with why it was due, where its new secret went, what
 * failed, and how much other drift it left untouched. Names targets, never a secret.
 */
import { oneLine } from '../log-line.js';
import { count } from '../model/count.js';
import { code, escapeText, tableHead, tableRow } from '../model/markdown-escape.js';
import type { ApplyReport } from '../plan/apply-report.js';
import type { Plan, TokenChange } from '../plan/model.js';
import { COMMENT_LIMIT, fitMarkdown, linesWithin, type FitLevel } from './fit.js';

export interface RotationMarkdownContext {
  readonly specPath: string;
  readonly runUrl?: string | undefined;
  /** Drift items the rotation left as they were (undefined when the cluster was not read again). */
  readonly otherDrift?: number | undefined;
  /** Default 65,536 (an issue comment); `Infinity` for the job summary. */
  readonly limit?: number | undefined;
}

export const ROTATED_TITLE = '🔄 Rotated by the schedule';

const STATUS_BADGE = { done: '✅', failed: '❌', reverted: '↩️', skipped: '⏭️' } as const;

const tokenChanges = (plan: Plan): TokenChange[] => plan.changes.filter((c): c is TokenChange => c.kind === 'token');

interface Row {
  readonly fullid: string;
  readonly status: keyof typeof STATUS_BADGE;
  readonly reason: string;
  /** Where the new secret went, or why it did not. */
  readonly outcome: string;
}

function rows(report: ApplyReport, plan: Plan): Row[] {
  return tokenChanges(plan).map((change) => {
    const op = report.operations.find((o) => o.address === change.address);
    // An overlap rotation delivers under the new generation's id, not the replaced token's.
    const deliveredAs = change.generation?.fullid ?? change.fullid;
    const delivered = report.delivered.find((d) => d.fullid === deliveredAs);
    const status = op?.status ?? 'skipped';
    const checked = delivered?.verification ? ` (secret ${delivered.verification.status}: ${delivered.verification.detail})` : '';
    const outcome = delivered
      ? `${delivered.targets.join(', ') || 'the tokens output only'}${checked}`
      : (op?.message ?? (status === 'done' ? 'the tokens output only' : 'not run'));
    return { fullid: change.fullid, status, reason: change.reason ?? '', outcome };
  });
}

const rotatedCount = (report: ApplyReport): number => report.operations.filter((o) => o.status === 'done').length;

function headline(report: ApplyReport, plan: Plan): string {
  const done = rotatedCount(report);
  const due = plan.changes.length;
  return `${done} of ${count(due, 'due token')} rotated · ${count(report.writes, 'write')} to Proxmox`;
}

function settledLine(report: ApplyReport): string {
  if (report.converged) return '✅ **Settled:** a fresh read finds none of the rotated tokens due, and their ACL entries intact.';
  if (report.remaining.length === 0)
    return '⚠️ **Not settled:** the rotation stopped before the cluster was read again; the next run retries.';
  return `⚠️ **Not settled:** a fresh read still wants ${report.remaining.map((c) => `${c.action} ${code(c.address)}`).join(', ')}.`;
}

function otherDriftLine(otherDrift: number | undefined): string {
  if (otherDrift === undefined || otherDrift === 0) return '';
  return `ℹ️ ${count(otherDrift, 'other drift item')} left untouched: rotation changes nothing else; the drift report lists them.`;
}

function warnings(report: ApplyReport): string {
  const parts: string[] = [];
  if (report.error !== undefined) parts.push(`> [!CAUTION]\n> **Rotation stopped:** ${escapeText(report.error)}`);
  if (report.deadSecrets.length > 0) {
    const lines = report.deadSecrets.map((d) => `> - ${code(d.fullid)}: ${d.consumers.map((c) => escapeText(c)).join(', ')}`);
    parts.push(`> [!WARNING]\n> **These consumers now hold a dead secret** (update them):\n${lines.join('\n')}`);
  }
  return parts.join('\n\n');
}

function table(all: readonly Row[], level: FitLevel, budget: number): string {
  const lines = all.map((r) => tableRow([`${STATUS_BADGE[r.status]} ${code(r.fullid)}`, escapeText(r.reason), escapeText(r.outcome)]));
  const shown = level === 4 ? linesWithin(lines, budget, (n) => tableRow([`…and ${n} more`, '', ''])) : lines;
  return [tableHead(['token', 'why', 'new secret delivered to']), ...shown].join('\n');
}

function renderAtLevel(report: ApplyReport, plan: Plan, context: RotationMarkdownContext, level: FitLevel, budget: number): string {
  return [
    `### ${ROTATED_TITLE}: ${code(context.specPath)}`,
    headline(report, plan),
    warnings(report),
    table(rows(report, plan), level, Math.floor(budget / 2)),
    settledLine(report),
    otherDriftLine(context.otherDrift),
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

/** The rotation's result as Markdown, fitted under `context.limit`. */
export function renderRotationMarkdown(report: ApplyReport, plan: Plan, context: RotationMarkdownContext): string {
  return fitMarkdown(
    (level, budget) => renderAtLevel(report, plan, context, level, budget),
    context.limit ?? COMMENT_LIMIT,
    context.runUrl,
  );
}

/** The job summary of a scheduled rotation that found nothing due. */
export function renderNothingDueMarkdown(context: RotationMarkdownContext): string {
  return [
    `### 🔄 Scheduled rotation: ${code(context.specPath)}: nothing due`,
    'No token is inside its `rotate-before` window, named by the `rotate` input, or missing its delivered secret.',
    otherDriftLine(context.otherDrift),
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

/** The rotation's result for the log and the CLI. */
export function renderRotationText(report: ApplyReport, plan: Plan): string {
  const lines = [`Rotate: ${headline(report, plan)}`];
  for (const row of rows(report, plan)) {
    lines.push(`  ${row.status === 'done' ? '✓' : '✗'} ${oneLine(row.fullid)} (${oneLine(row.reason)}) → ${oneLine(row.outcome)}`);
  }
  for (const dead of report.deadSecrets)
    lines.push(`Dead secret of ${oneLine(dead.fullid)} held by: ${oneLine(dead.consumers.join(', '))}`);
  if (report.converged) lines.push('Settled: a fresh read finds none of the rotated tokens due.');
  else
    lines.push(
      `Not settled: ${report.remaining.map((c) => `${c.action} ${oneLine(c.address)}`).join(', ') || 'the cluster was not read again'}`,
    );
  if (report.error !== undefined) lines.push(`Error: ${oneLine(report.error)}`);
  return `${lines.join('\n')}\n`;
}
