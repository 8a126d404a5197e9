/**
 * What an apply did, for the log (text) and for the job summary and the PR comment (Markdown):
 * operations, secrets delivered (target names only), tokens revoked because delivery failed,
 * consumers left holding a dead secret, and whether a fresh plan came back empty.
 */
import type { AppliedOperation, ApplyReport, DeliveredSecret, OperationStatus, SecretVerification } from '../plan/apply-report.js';
import { oneLine } from '../log-line.js';
import { count } from '../model/count.js';
import type { Plan } from '../plan/model.js';
import { code, escapeText, tableHead, tableRow } from '../model/markdown-escape.js';
import { COMMENT_LIMIT, fitMarkdown, linesWithin, type FitLevel } from './fit.js';
import { ACTION_BADGE } from './markdown-labels.js';
import { repairResultSection } from './repair-section.js';
import { summaryLine } from './summary-line.js';
import { ACTION_SYMBOL } from './text.js';

export interface ApplyMarkdownContext {
  readonly specPath: string;
  readonly runUrl?: string | undefined;
  /** Default 65,536 (a PR comment); `Infinity` for the job summary. */
  readonly limit?: number | undefined;
}

const STATUSES: readonly OperationStatus[] = ['done', 'failed', 'reverted', 'skipped'];
const STATUS_BADGE: Readonly<Record<OperationStatus, string>> = { done: '✅', failed: '❌', reverted: '↩️', skipped: '⏭️' };
const STATUS_MARK: Readonly<Record<OperationStatus, string>> = { done: '✓', failed: '✗', reverted: '↩', skipped: '-' };

const statusCounts = (report: ApplyReport): string =>
  STATUSES.map((s) => `${report.operations.filter((op) => op.status === s).length} ${s}`).join(', ');

const failed = (report: ApplyReport): boolean => report.error !== undefined || report.operations.some((op) => op.status === 'failed');

function verdict(report: ApplyReport): string {
  if (failed(report)) return '⛔ apply failed';
  if (!report.converged) return '⚠️ applied, not converged';
  return report.operations.length === 0 ? '✅ nothing to apply' : '✅ applied';
}

const DEAD_SECRET_INTRO = 'These consumers now hold a dead secret';
const REVOKED_INTRO =
  'Deleted again because their new secret could not be delivered or failed its verification (no token lives whose working secret nobody holds). Fix the cause and re-run apply';

/** A successful operation carries no message, so the column appears only when some row has one. */
function operationRow(op: AppliedOperation, withMessage: boolean): string {
  const cells = [`${STATUS_BADGE[op.status]} ${op.status}`, ACTION_BADGE[op.action], code(op.address)];
  return tableRow(withMessage ? [...cells, escapeText(op.message ?? '')] : cells);
}

function operationsSection(report: ApplyReport, level: FitLevel, budget: number): string {
  const shown = level === 1 ? report.operations : report.operations.filter((op) => op.status !== 'done');
  if (shown.length === 0) return '';
  const withMessage = shown.some((op) => op.message !== undefined && op.message !== '');
  const rows = shown.map((op) => operationRow(op, withMessage));
  const headers = ['status', 'action', 'object', ...(withMessage ? ['message'] : [])];
  const body = level === 4 ? linesWithin(rows, budget, (n) => tableRow([`…and ${n} more`, ...headers.slice(1).map(() => '')])) : rows;
  const title = level === 1 ? 'Operations' : 'Operations not done';
  return [`#### ${title}`, '', tableHead(headers), ...body].join('\n');
}

function deliveredSection(report: ApplyReport, level: FitLevel, budget: number): string {
  if (report.delivered.length === 0) return '';
  const checked = report.delivered.some((d) => d.verification !== undefined);
  const rows = report.delivered.map((d) =>
    tableRow([code(d.fullid), escapeText(targetList(d.targets)), ...(checked ? [escapeText(verificationText(d.verification))] : [])]),
  );
  const headers = ['token', 'delivered to', ...(checked ? ['verification'] : [])];
  const body = level === 4 ? linesWithin(rows, budget, (n) => tableRow([`…and ${n} more`, ...headers.slice(1).map(() => '')])) : rows;
  return ['#### Secrets delivered', '', tableHead(headers), ...body].join('\n');
}

const VERIFICATION_BADGE: Readonly<Record<SecretVerification['status'], string>> = {
  verified: '✅ verified',
  unverified: '⚠️ not verified',
  failed: '❌ failed, revoked',
};

/** `verified: holds the 7 planned privileges on 3 paths`, for the table and the log alike. */
const verificationText = (v: SecretVerification | undefined, badges = VERIFICATION_BADGE): string =>
  v === undefined ? 'not tried' : `${badges[v.status]}: ${v.detail}`;

const VERIFICATION_WORDS: Readonly<Record<SecretVerification['status'], string>> = {
  verified: 'verified',
  unverified: 'not verified',
  failed: 'verification failed, revoked',
};

function warningsSection(report: ApplyReport): string {
  const parts: string[] = [];
  if (report.revoked.length > 0) {
    parts.push(`> [!WARNING]\n> **Revoked:** ${report.revoked.map(code).join(', ')}. ${REVOKED_INTRO}.`);
  }
  if (report.deadSecrets.length > 0) {
    const lines = report.deadSecrets.map((d) => `> - ${code(d.fullid)}: ${d.consumers.map((c) => escapeText(c)).join(', ')}`);
    parts.push(`> [!WARNING]\n> **${DEAD_SECRET_INTRO}** (the token was rotated; update them):\n${lines.join('\n')}`);
  }
  return parts.join('\n\n');
}

/** A stopped apply (or a failed re-read) makes no fresh plan, so there is no list of what remains to show. */
const notVerified = (report: ApplyReport): boolean => !report.converged && report.remaining.length === 0 && report.error !== undefined;
const NOT_VERIFIED = 'convergence not checked, no fresh plan was made (see the error); re-run apply to finish';

function convergenceSection(report: ApplyReport, level: FitLevel, budget: number): string {
  if (report.converged) return '✅ **Converged:** a fresh plan finds nothing left to change.';
  if (notVerified(report)) return `⚠️ **Not converged:** ${NOT_VERIFIED}.`;
  const lines = report.remaining.map((c) => `- ${ACTION_BADGE[c.action]} ${code(c.address)}`);
  const shown = level >= 3 ? linesWithin(lines, budget, (n) => `- …and ${n} more`) : lines;
  return [`⚠️ **Not converged:** a fresh plan still wants ${report.remaining.length} change(s):`, '', ...shown].join('\n');
}

function renderApplyAtLevel(report: ApplyReport, plan: Plan, context: ApplyMarkdownContext, level: FitLevel, budget: number): string {
  const share = Math.floor(budget / 4);
  const facts = [
    statusCounts(report),
    `${count(report.writes, 'write')} to Proxmox`,
    `plan ${code(plan.digest.slice(0, 12))} (${summaryLine(plan)})`,
  ];
  return [
    `### Proxmox access apply for ${code(context.specPath)}: ${verdict(report)}`,
    facts.join(' · '),
    report.error !== undefined ? `> [!CAUTION]\n> **Apply stopped:** ${escapeText(report.error)}` : '',
    warningsSection(report),
    operationsSection(report, level, share),
    repairResultSection(report, plan),
    deliveredSection(report, level, share),
    convergenceSection(report, level, share),
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

/** The apply result as Markdown, fitted under `context.limit` like the plan. */
export function renderApplyMarkdown(report: ApplyReport, plan: Plan, context: ApplyMarkdownContext): string {
  return fitMarkdown(
    (level, budget) => renderApplyAtLevel(report, plan, context, level, budget),
    context.limit ?? COMMENT_LIMIT,
    context.runUrl,
  );
}

/** The apply result for the log and the CLI. */
export function renderApplyText(report: ApplyReport): string {
  const lines = [`Apply: ${statusCounts(report)} (${count(report.writes, 'write')} to Proxmox)`];
  for (const op of report.operations) {
    const message = op.message !== undefined ? `: ${oneLine(op.message)}` : '';
    lines.push(`  ${STATUS_MARK[op.status]} ${op.action} ${oneLine(op.address)}${message}`);
  }
  if (report.delivered.length > 0) {
    const verified = (d: DeliveredSecret): string =>
      d.verification === undefined ? '' : ` (${oneLine(verificationText(d.verification, VERIFICATION_WORDS))})`;
    lines.push(
      'Secrets delivered:',
      ...report.delivered.map((d) => `  ${oneLine(d.fullid)} → ${oneLine(targetList(d.targets))}${verified(d)}`),
    );
  }
  if (report.revoked.length > 0) {
    lines.push(`Revoked (secret could not be delivered or failed verification, token deleted again): ${report.revoked.join(', ')}`);
  }
  if (report.deadSecrets.length > 0) {
    lines.push(`${DEAD_SECRET_INTRO}:`, ...report.deadSecrets.map((d) => `  ${oneLine(d.fullid)}: ${oneLine(d.consumers.join(', '))}`));
  }
  if (report.converged) lines.push('Converged: a fresh plan finds nothing left to change.');
  else if (notVerified(report)) lines.push(`Not converged: ${NOT_VERIFIED}.`);
  else lines.push('Not converged: a fresh plan still wants:', ...report.remaining.map((c) => `  ${ACTION_SYMBOL[c.action]} ${c.address}`));
  if (report.error !== undefined) lines.push(`Error: ${report.error}`);
  return `${lines.join('\n')}\n`;
}

/** A token with no deliver target still reaches the `tokens` output. */
const targetList = (targets: readonly string[]): string => (targets.length > 0 ? targets.join(', ') : 'the tokens output only');
