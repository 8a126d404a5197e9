/**
 * Findings: what a check has to say about a spec or a plan, and where in the spec file it comes
 * from, so it can become an annotation on that line.
 */

/** Where a spec value came from, for annotations on the spec file. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type Severity = 'error' | 'warning' | 'notice';

export interface Finding {
  readonly severity: Severity;
  /** Machine-readable; every code is listed in the README ("Findings"). */
  readonly code: string;
  readonly message: string;
  readonly address?: string;
  readonly position?: SourcePosition;
}

/** Builds a finding without writing `undefined` into optional properties (exactOptionalPropertyTypes). */
export function finding(
  severity: Severity,
  code: string,
  message: string,
  at: { readonly address?: string | undefined; readonly position?: SourcePosition | undefined } = {},
): Finding {
  return {
    severity,
    code,
    message,
    ...(at.address !== undefined ? { address: at.address } : {}),
    ...(at.position !== undefined ? { position: at.position } : {}),
  };
}
