/**
 * The plan for a terminal (the CLI and the action log), read like Terraform's: findings first,
 * then one line per change with its field changes under it, privilege changes per principal,
 * and the summary line last.
 */
import { oneLine } from '../log-line.js';
import { hasChanges, type Change, type ChangeAction, type Plan, type PrincipalPrivileges } from '../plan/model.js';
import { changeDetails } from './change-details.js';
import { findingLocation, sortFindings } from './findings.js';
import { formatGrant, privilegeDelta } from './privilege-delta.js';
import { summaryLine } from './summary-line.js';
import type { Finding, Severity } from '../model/finding.js';

export interface TextOptions {
  /** ANSI colours; off unless asked for, so logs and files stay clean. */
  readonly color?: boolean;
  /**
   * What precedes the reason of a token repair. The action's plan is reviewed by its digest, which
   * leaves repairs out; a terminal has no review, so the CLI passes its own words.
   */
  readonly repairLabel?: string;
}

const REVIEWED_REPAIR = 'repair on apply, not part of the reviewed digest';

type Paint = (style: keyof typeof ANSI, text: string) => string;

const ANSI = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33', cyan: '36' } as const;

export const ACTION_SYMBOL: Readonly<Record<ChangeAction, string>> = {
  create: '+',
  update: '~',
  delete: '-',
  rotate: '↻',
};

const ACTION_STYLE: Readonly<Record<ChangeAction, keyof typeof ANSI>> = {
  create: 'green',
  update: 'yellow',
  delete: 'red',
  rotate: 'cyan',
};

const SEVERITY_STYLE: Readonly<Record<Severity, keyof typeof ANSI>> = { error: 'red', warning: 'yellow', notice: 'cyan' };
const SEVERITY_SYMBOL: Readonly<Record<Severity, string>> = { error: '✖', warning: '⚠', notice: 'ℹ' };

function findingLine(finding: Finding, paint: Paint): string {
  const label = paint(SEVERITY_STYLE[finding.severity], `${SEVERITY_SYMBOL[finding.severity]} ${finding.severity}`);
  const where = findingLocation(finding);
  return `  ${label} [${finding.code}] ${oneLine(finding.message)}${where !== undefined ? paint('dim', ` (${oneLine(where)})`) : ''}`;
}

function changeLines(change: Change, paint: Paint, repairLabel: string): string[] {
  const symbol = ACTION_SYMBOL[change.action];
  if (change.implied) {
    const why = change.reason !== undefined ? `: ${oneLine(change.reason)}` : '';
    return [paint('dim', `  ${symbol} ${oneLine(change.address)}  (implied, PVE does this by itself${why})`)];
  }
  const repair = change.kind === 'token' && change.repair ? `${repairLabel}: ` : '';
  const reason = change.reason !== undefined ? paint('dim', `  (${repair}${oneLine(change.reason)})`) : '';
  const head = `  ${paint(ACTION_STYLE[change.action], symbol)} ${paint('bold', oneLine(change.address))}${reason}`;
  return [head, ...changeDetails(change).map((d) => `      ${d.label}: ${oneLine(d.text)}`)];
}

function privilegeLines(principal: PrincipalPrivileges, paint: Paint): string[] {
  const lines = [`  ${paint('bold', oneLine(principal.principal))} (${principal.type})`];
  for (const path of principal.paths) {
    const delta = privilegeDelta(path);
    const parts = [
      ...delta.added.map((g) => paint('green', `+${oneLine(formatGrant(g))}`)),
      ...delta.removed.map((g) => paint('red', `-${oneLine(formatGrant(g))}`)),
      ...delta.repropagated.map((g) => paint('yellow', `~${oneLine(g.name)} (${g.propagate ? 'now propagates' : 'now this path only'})`)),
    ];
    lines.push(`    ${oneLine(path.path)}  ${parts.join(' ')}`);
  }
  return lines;
}

function legend(plan: Plan): string {
  const used = (Object.keys(ACTION_SYMBOL) as ChangeAction[]).filter((action) => plan.changes.some((c) => c.action === action));
  return `  Symbols: ${used.map((action) => `${ACTION_SYMBOL[action]} ${action}`).join(', ')}`;
}

/** The whole plan as terminal text; `color` adds ANSI escapes. */
export function renderPlanText(plan: Plan, options: TextOptions = {}): string {
  const paint: Paint = options.color === true ? (style, text) => `\u001b[${ANSI[style]}m${text}\u001b[0m` : (_style, text) => text;
  const lines: string[] = [`Proxmox VE ${oneLine(plan.server.version)} · plan ${plan.digest.slice(0, 12)}`];
  if (plan.actingIdentity !== undefined) lines.push(`Acting as ${oneLine(plan.actingIdentity)}`);

  const findings = sortFindings(plan.findings);
  if (findings.length > 0) lines.push('', paint('bold', 'Errors and warnings:'), ...findings.map((f) => findingLine(f, paint)));

  if (!hasChanges(plan)) {
    lines.push('', paint('green', 'No changes.') + ' The cluster matches the spec.');
    return `${lines.join('\n')}\n`;
  }
  lines.push('', paint('bold', 'Changes:'), legend(plan), '');
  for (const change of plan.changes) lines.push(...changeLines(change, paint, options.repairLabel ?? REVIEWED_REPAIR));

  const principals = plan.privileges.filter((p) => p.paths.length > 0);
  if (principals.length > 0) {
    lines.push('', paint('bold', 'Privilege changes:'));
    for (const principal of principals) lines.push(...privilegeLines(principal, paint));
  }
  lines.push('', `${paint('bold', 'Plan:')} ${summaryLine(plan)}.`);
  return `${lines.join('\n')}\n`;
}
