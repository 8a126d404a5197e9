/**
 * What a mode hands back to the orchestrator: the outputs it produced, its job summary sections
 * and, when the job must fail, why. A mode writes none of these itself; `main.ts` does, once,
 * whatever the mode got to before it stopped.
 */

export type ModeFailure =
  /** The run did its work and its finding fails the job: the plan has errors, drift was found, apply stopped. */
  | { readonly kind: 'verdict'; readonly message: string }
  /** A step threw; the orchestrator reports it as it reports any error (annotations, summary, message). */
  | { readonly kind: 'error'; readonly error: unknown };

export interface ModeResult {
  /** Output values in the order they were produced (action outputs and `deliver: output:` targets). */
  readonly outputs: ReadonlyMap<string, string>;
  /** Markdown sections for the job summary, in order. */
  readonly summary: readonly string[];
  readonly failure?: ModeFailure;
}

/** What a mode has produced so far. */
export class ModeReport {
  readonly outputs = new Map<string, string>();
  readonly summary: string[] = [];

  output(name: string, value: string): void {
    this.outputs.set(name, value);
  }

  /** Appends a summary section; returns its index, for a section that must come before it later. */
  section(markdown: string): number {
    return this.summary.push(markdown) - 1;
  }

  sectionAt(index: number, markdown: string): void {
    this.summary.splice(index, 0, markdown);
  }
}

export const verdict = (message: string): ModeFailure => ({ kind: 'verdict', message });

/**
 * Runs a mode's steps and returns its result. A step that throws ends the mode with a failure
 * that keeps everything produced before it: a refused apply still shows the plan it was asked to run.
 */
export async function settle(steps: (report: ModeReport) => Promise<ModeFailure | undefined>): Promise<ModeResult> {
  const report = new ModeReport();
  let failure: ModeFailure | undefined;
  try {
    failure = await steps(report);
  } catch (error) {
    failure = { kind: 'error', error };
  }
  return { outputs: report.outputs, summary: report.summary, ...(failure ? { failure } : {}) };
}
