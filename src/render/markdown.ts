/**
 * The plan as GitHub Markdown: the sticky PR comment (fitted under the comment limit) and, with
 * an unbounded limit, the job summary. Sections, top-down: heading with status and digest, TLS
 * warning, counts, risks, changes per kind, privilege diffs per principal, ownership rules.
 */
import { hasChanges, type Plan } from '../plan/model.js';
import { code } from '../model/markdown-escape.js';
import { COMMENT_LIMIT, fitMarkdown, linesWithin, type FitLevel } from './fit.js';
import { findingLine } from './findings.js';
import { ACTION_BADGE, ownershipNote } from './markdown-labels.js';
import {
  changesSection,
  countsTable,
  heading,
  insecureBanner,
  privilegesSection,
  riskFindings,
  risksSection,
  type PlanMode,
} from './markdown-sections.js';
import { REPAIR_TITLE, repairSection } from './repair-section.js';
import { summaryLine } from './summary-line.js';

export interface PlanMarkdownContext {
  /** The spec file, as the marker and the heading name it. */
  readonly specPath: string;
  /** The PR head commit the plan was made for. */
  readonly headSha?: string | undefined;
  /** TLS verification was off: say so loudly. */
  readonly insecure?: boolean | undefined;
  readonly mode: PlanMode;
  /** Maximum length in UTF-16 units; default 65,536. `Infinity` for the job summary. */
  readonly limit?: number | undefined;
  /** Link to the run, for the note of a shortened comment. */
  readonly runUrl?: string | undefined;
  /** The plan is shown on a pull request, whose merge applies it. */
  readonly pullRequest?: boolean | undefined;
}

const MERGE_APPLIES =
  'Merging applies this plan only while the cluster still matches it; if it changed since, apply stops and shows what differs.';
const REVERT_DRIFT = 'Re-running apply makes these changes; to keep what is live instead, change the spec in a pull request.';

/** What happens next: only a pull request is merged, and a manual plan or an apply has no such step. */
function nextStep(context: PlanMarkdownContext): string | undefined {
  if (context.mode === 'drift') return REVERT_DRIFT;
  return context.mode === 'plan' && context.pullRequest === true ? MERGE_APPLIES : undefined;
}

function footer(plan: Plan, context: PlanMarkdownContext): string {
  const next = hasChanges(plan) ? nextStep(context) : undefined;
  const lines = [
    ...(plan.actingIdentity !== undefined ? [`Acting as ${code(plan.actingIdentity)}, which the plan never deletes or weakens.`] : []),
    ...(next !== undefined ? [next] : []),
  ];
  return lines.map((line) => `<sub>${line}</sub>`).join('<br>\n');
}

const join = (parts: readonly string[]): string => parts.filter((part) => part !== '').join('\n\n');

/** Level 4: counts, risks and addresses, the lists cut to share what the budget leaves. */
function compact(plan: Plan, top: readonly string[], context: PlanMarkdownContext, budget: number): string {
  const fixed = join(top);
  let room = budget - fixed.length - 64;
  const findings = riskFindings(plan, context.insecure === true);
  const risks =
    findings.length === 0 ? [] : linesWithin(findings.map(findingLine), Math.floor(room / 2), (n) => `- …and ${n} more findings`);
  if (risks.length > 0) room -= '#### Risks\n\n'.length + risks.join('\n').length;
  const addresses = plan.changes
    .filter((c) => !c.implied)
    .map(
      (c) => `- ${ACTION_BADGE[c.action]} ${code(c.address)}${c.kind === 'token' && c.repair ? ` (${REPAIR_TITLE.toLowerCase()})` : ''}`,
    );
  const list = linesWithin(addresses, room - '#### Changes\n\n'.length, (n) => `- …and ${n} more`);
  return join([
    fixed,
    risks.length > 0 ? `#### Risks\n\n${risks.join('\n')}` : '',
    list.length > 0 ? `#### Changes\n\n${list.join('\n')}` : '',
  ]);
}

function renderAtLevel(plan: Plan, context: PlanMarkdownContext, level: FitLevel, budget: number): string {
  const top = [
    heading(plan, context.specPath, context.mode, context.headSha, summaryLine(plan)),
    context.insecure === true ? insecureBanner() : '',
    countsTable(plan),
  ];
  if (level === 4) return compact(plan, top, context, budget);
  return join([
    ...top,
    risksSection(riskFindings(plan, context.insecure === true)),
    changesSection(plan, level === 1),
    repairSection(plan),
    level <= 2 ? privilegesSection(plan) : '',
    ownershipNote(),
    footer(plan, context),
  ]);
}

/** The plan as Markdown, degraded level by level until it fits `context.limit` (see fit.ts). */
export function renderPlanMarkdown(plan: Plan, context: PlanMarkdownContext): string {
  return fitMarkdown((level, budget) => renderAtLevel(plan, context, level, budget), context.limit ?? COMMENT_LIMIT, context.runUrl);
}
