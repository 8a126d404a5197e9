/**
 * The sections of the plan comment. Each returns Markdown or '' (absent); user-provided strings
 * go through escape.ts. Ids are shown as code, which also keeps `@group` from mentioning anyone.
 */
import type { Finding } from '../model/finding.js';
import { hasChanges, hasErrors, type Change, type Plan, type PrincipalPrivileges } from '../plan/model.js';
import { reviewedChanges } from '../plan/reviewed.js';
import { changeDetails } from './change-details.js';
import { code, escapeText, tableHead, tableRow } from '../model/markdown-escape.js';
import { findingLine, sortFindings } from './findings.js';
import { ESCALATING_PRIVILEGES, formatGrant, privilegeDelta, type PrivilegeGrant } from './privilege-delta.js';
import { ACTION_BADGE, ACTIONS, KIND_LABEL, KIND_ORDER, type ChangeKind } from './markdown-labels.js';
import { countChanges } from './summary-line.js';
import { reasonMarkdown } from './reason-markdown.js';

export type PlanMode = 'plan' | 'apply' | 'drift';

const TITLE: Readonly<Record<PlanMode, string>> = {
  plan: 'Proxmox access plan',
  apply: 'Proxmox access plan to apply',
  drift: 'Proxmox access plan to revert drift',
};

/** ⛔ when errors block the plan, 📝 when it changes something, ✅ when it does not. */
export function statusBadge(plan: Plan): string {
  if (hasErrors(plan)) return '⛔ blocked by errors';
  return hasChanges(plan) ? '📝 changes' : '✅ no changes';
}

/** A 40- or 64-hex SHA is left bare so GitHub links it to the commit. */
const shaText = (sha: string): string => (/^[0-9a-f]{7,64}$/i.test(sha) ? sha : code(sha));

export function heading(plan: Plan, specPath: string, mode: PlanMode, headSha: string | undefined, summary: string): string {
  const facts = [
    `**${summary}**`,
    `plan ${code(plan.digest.slice(0, 12))}`,
    ...(headSha !== undefined ? [`for head ${shaText(headSha)}`] : []),
    `Proxmox VE ${escapeText(plan.server.version)}`,
  ];
  return `### ${TITLE[mode]} for ${code(specPath)}: ${statusBadge(plan)}\n\n${facts.join(' · ')}`;
}

export const insecureBanner = (): string =>
  [
    '> [!CAUTION]',
    '> **TLS verification is off** (`proxmox-insecure: true`). This plan was read over a connection that anyone on the',
    '> network path could read or alter, and apply would send its writes and new token secrets the same way.',
    '> Pin the certificate with `proxmox-fingerprint` or trust its CA with `proxmox-ca-cert`.',
  ].join('\n');

export function countsTable(plan: Plan): string {
  const kinds = KIND_ORDER.filter((kind) => plan.changes.some((c) => c.kind === kind && !c.implied));
  if (kinds.length === 0) return '';
  const rows = kinds.map((kind) => {
    const counts = countChanges(plan.changes.filter((c) => c.kind === kind));
    return tableRow([KIND_LABEL[kind], ...ACTIONS.map((a) => String(counts[a]))]);
  });
  const total = countChanges(plan.changes);
  rows.push(tableRow(['**total**', ...ACTIONS.map((a) => `**${total[a]}**`)]));
  const implied = plan.changes.filter((c) => c.implied).length;
  const note = implied > 0 ? `\n\nPlus ${implied} implied: cascades Proxmox performs by itself, shown but not executed.` : '';
  return `${tableHead(['', ...ACTIONS], ['left', 'right', 'right', 'right', 'right'])}\n${rows.join('\n')}${note}`;
}

/** Findings worth a reviewer's eye, errors first; the insecure-TLS one when the banner says it already. */
export function riskFindings(plan: Plan, insecureShown: boolean): readonly Finding[] {
  return sortFindings(plan.findings).filter((f) => !(insecureShown && f.code === 'insecure-tls'));
}

export function risksSection(findings: readonly Finding[]): string {
  if (findings.length === 0) return '';
  return `#### Risks\n\n${findings.map(findingLine).join('\n')}`;
}

function changeRow(change: Change, withFields: boolean): string {
  const action = change.implied ? `(${ACTION_BADGE[change.action]})` : ACTION_BADGE[change.action];
  const notes: string[] = [];
  if (change.implied) notes.push('_implied: Proxmox does this by itself_');
  if (change.reason !== undefined) notes.push(`_${reasonMarkdown(change.reason)}_`);
  if (withFields && !change.implied) {
    for (const detail of changeDetails(change)) notes.push(`${escapeText(detail.label)}: ${escapeText(detail.text)}`);
  }
  return tableRow([action, code(change.address), notes.join('<br>')]);
}

function kindBlock(kind: ChangeKind, changes: readonly Change[], withFields: boolean, open: boolean): string {
  const counts = countChanges(changes);
  const parts = ACTIONS.filter((a) => counts[a] > 0).map((a) => `${counts[a]} ${a}`);
  const summary = `<b>${KIND_LABEL[kind]}</b> (${parts.join(', ') || 'implied only'})`;
  const table = [tableHead(['action', 'object', withFields ? 'details' : 'why']), ...changes.map((c) => changeRow(c, withFields))];
  return [`<details${open ? ' open' : ''}><summary>${summary}</summary>`, '', ...table, '', '</details>'].join('\n');
}

/** Small plans open their tables; large ones stay folded so the comment reads top-down. */
const OPEN_UP_TO = 15;

/** The reviewed changes; repair rotations have their own section (repair-section.ts). */
export function changesSection(plan: Plan, withFields: boolean): string {
  const reviewed = reviewedChanges(plan.changes);
  if (!reviewed.some((c) => !c.implied)) return '';
  const open = reviewed.length <= OPEN_UP_TO;
  const blocks = KIND_ORDER.flatMap((kind) => {
    const changes = reviewed.filter((c) => c.kind === kind);
    return changes.length > 0 ? [kindBlock(kind, changes, withFields, open)] : [];
  });
  return `#### Changes\n\n${blocks.join('\n\n')}`;
}

const grantList = (grants: readonly string[]): string => grants.join(', ');
const gained = (g: PrivilegeGrant): string => `${ESCALATING_PRIVILEGES.has(g.name) ? '⚠️ ' : ''}${code(formatGrant(g))}`;

function principalBlock(principal: PrincipalPrivileges): string {
  const rows = principal.paths.map((path) => {
    const delta = privilegeDelta(path);
    const gains = [
      ...delta.added.map(gained),
      ...delta.repropagated.filter((g) => g.propagate).map((g) => `${code(g.name)} (now also below this path)`),
    ];
    const losses = [
      ...delta.removed.map((g) => code(formatGrant(g))),
      ...delta.repropagated.filter((g) => !g.propagate).map((g) => `${code(g.name)} (below this path)`),
    ];
    return tableRow([code(path.path), grantList(gains) || '—', grantList(losses) || '—']);
  });
  return [`**${code(principal.principal)}** (${principal.type})`, '', tableHead(['path', 'gains', 'loses']), ...rows].join('\n');
}

export function privilegesSection(plan: Plan): string {
  const principals = plan.privileges.filter((p) => p.paths.length > 0);
  if (principals.length === 0) return '';
  const label = `${principals.length} principal${principals.length === 1 ? '' : 's'} gain or lose privileges`;
  const open = principals.length <= 5 ? ' open' : '';
  return [
    `#### Privileges`,
    '',
    `<details${open}><summary>${label}</summary>`,
    '',
    principals.map(principalBlock).join('\n\n'),
    '',
    '</details>',
  ].join('\n');
}
