/**
 * Offline validation: the spec rules (rules.ts) with what the caller knows about the target, and
 * nothing about a live server. Pure. Every finding carries the position of what it is about.
 */
import type { Finding } from '../model/finding.js';
import type { LoadedSpec } from './model.js';
import type { ValidateOptions } from './rule-input.js';
import { runSpecRules } from './rules.js';

export type { ValidateOptions } from './rule-input.js';

export function validateSpec(loaded: LoadedSpec, options: ValidateOptions = {}): Finding[] {
  // In file order, so annotations and terminal output read top to bottom.
  return runSpecRules({ loaded, options })
    .map((finding, i) => ({ finding, i }))
    .sort(
      (a, b) =>
        (a.finding.position?.line ?? 0) - (b.finding.position?.line ?? 0) ||
        (a.finding.position?.column ?? 0) - (b.finding.position?.column ?? 0) ||
        a.i - b.i,
    )
    .map(({ finding }) => finding);
}
