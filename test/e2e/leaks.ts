/**
 * Every secret a run creates is searched for everywhere a run leaves text. It may appear only
 * in the runner's mask command and in the outputs meant to carry it.
 */
import { expect } from 'vitest';
import type { ActionResult } from './run-action.js';

export interface LeakScope {
  readonly runs: readonly ActionResult[];
  /** Output names allowed to hold a secret (`tokens` and the `deliver: output:` names). */
  readonly secretOutputs: readonly string[];
  /** Other text the world produced: comment and issue bodies, request transcripts. */
  readonly texts: Readonly<Record<string, string>>;
}

export function expectNoLeaks(secrets: readonly string[], scope: LeakScope): void {
  expect(secrets.length).toBeGreaterThan(0);
  // An empty run list would make every check below pass without looking at anything.
  expect(scope.runs.length).toBeGreaterThan(0);
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(8);
    scope.runs.forEach((run, i) => {
      const leakedLines = run.stdout.split('\n').filter((line) => line.includes(secret) && !line.startsWith('::add-mask::'));
      expect(leakedLines, `run ${i} stdout`).toEqual([]);
      expect(run.stderr.includes(secret), `run ${i} stderr`).toBe(false);
      expect(run.summary.includes(secret), `run ${i} job summary`).toBe(false);
      for (const [name, value] of Object.entries(run.outputs)) {
        if (scope.secretOutputs.includes(name)) continue;
        expect(value.includes(secret), `run ${i} output ${name}`).toBe(false);
      }
    });
    for (const [name, text] of Object.entries(scope.texts)) expect(text.includes(secret), name).toBe(false);
  }
}

/** The mask command must come before any other line that could carry the secret. */
export function expectMaskedFirst(run: ActionResult, secret: string): void {
  const lines = run.stdout.split('\n');
  const first = lines.findIndex((line) => line.includes(secret));
  expect(first).toBeGreaterThanOrEqual(0);
  expect(lines[first]).toBe(`::add-mask::${secret}`);
}
