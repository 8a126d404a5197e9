/**
 * Spec problems and plan findings as annotations on the spec file's lines, so a PR shows them in
 * the diff. GitHub shows at most 10 errors and 10 warnings per step and silently drops the rest,
 * so each kind is capped: past the cap one annotation says how many more the summary lists.
 */
import type { SpecProblem } from '../errors.js';
import { oneLine } from '../log-line.js';
import type { Finding, Severity } from '../model/finding.js';

export type AnnotationKind = Severity;

/** What `@actions/core`'s error/warning/notice take; lines and columns start at 1. */
export interface AnnotationProps {
  readonly title: string;
  readonly file?: string;
  readonly startLine?: number;
  readonly startColumn?: number;
}

export type Annotate = (kind: AnnotationKind, message: string, props: AnnotationProps) => void;

/**
 * Title and file shown as one line each. `@actions/core` then escapes what the command syntax
 * gives a meaning (`%`, line breaks, and `:` and `,` in properties), so none can end the property.
 */
export function annotationProperties(props: AnnotationProps): AnnotationProps {
  return { ...props, title: oneLine(props.title), ...(props.file !== undefined ? { file: oneLine(props.file) } : {}) };
}

/** GitHub's display limit per kind and step. */
export const ANNOTATIONS_PER_KIND = 10;

/** One error annotation per spec problem, at its file, line and column. */
export function annotateSpecProblems(problems: readonly SpecProblem[], annotate: Annotate): void {
  emitCapped(
    problems.map((p) => ({
      kind: 'error' as const,
      message: oneLine(p.path ? `${p.path}: ${p.message}` : p.message),
      props: { title: 'proxmox-access spec error', ...position(p.position) },
    })),
    annotate,
  );
}

/** One annotation per finding at its severity; findings without a position annotate the run only. */
export function annotateFindings(findings: readonly Finding[], annotate: Annotate): void {
  emitCapped(
    findings.map((f) => ({
      kind: f.severity,
      message: oneLine(f.address ? `${f.address}: ${f.message}` : f.message),
      props: { title: `proxmox-access: ${f.code}`, ...(f.position ? position(f.position) : {}) },
    })),
    annotate,
  );
}

interface Pending {
  readonly kind: AnnotationKind;
  readonly message: string;
  readonly props: AnnotationProps;
}

function emitCapped(items: readonly Pending[], annotate: Annotate): void {
  const kinds: AnnotationKind[] = ['error', 'warning', 'notice'];
  for (const kind of kinds) {
    const ofKind = items.filter((i) => i.kind === kind);
    const shown = ofKind.length > ANNOTATIONS_PER_KIND ? ofKind.slice(0, ANNOTATIONS_PER_KIND - 1) : ofKind;
    for (const item of shown) annotate(item.kind, item.message, item.props);
    const hidden = ofKind.length - shown.length;
    if (hidden > 0) {
      annotate(kind, `${hidden} more ${kind === 'error' ? 'errors' : `${kind}s`}: see the job summary for the full list`, {
        title: 'proxmox-access',
      });
    }
  }
}

const position = (p: { file: string; line: number; column: number }): Omit<AnnotationProps, 'title'> => ({
  file: p.file,
  startLine: p.line,
  startColumn: p.column,
});
