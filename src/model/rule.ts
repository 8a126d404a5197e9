/**
 * One check of the rule table: the code it reports (unique across the table), whether it can
 * judge a spec on its own (`spec`: run by validate and by plan) or only against a connected
 * server and a computed plan (`server`: run by plan alone), and the check itself.
 */
import type { Finding } from './finding.js';

export type RuleNeeds = 'spec' | 'server';

export interface Rule<Input> {
  readonly code: string;
  readonly needs: RuleNeeds;
  readonly check: (input: Input) => readonly Finding[];
}

/** Runs the rules in table order. A rule reports only its own code, so the table says what every code means. */
export function runRules<Input>(rules: readonly Rule<Input>[], input: Input): Finding[] {
  return rules.flatMap((rule) => {
    const found = rule.check(input);
    const stray = found.find((f) => f.code !== rule.code);
    if (stray !== undefined) throw new Error(`rule ${rule.code} reported a finding coded ${stray.code}`);
    return found;
  });
}
