/**
 * What the rules that need a server see at plan time: the spec rules' view of the server, plus
 * the plan being computed (its changes, the states before and after, the privileges that move).
 */
import type { Finding } from '../model/finding.js';
import type { Rule } from '../model/rule.js';
import type { DesiredAcl } from '../spec/desired-acl.js';
import type { ServerFacts, SpecRuleInput } from '../spec/rule-input.js';
import type { Change, PrincipalPrivileges } from './model.js';
import type { PlanContext } from './plan-context.js';
import type { IndexedState } from './privileges.js';

export interface PlanFacts extends ServerFacts {
  readonly ctx: PlanContext;
  readonly desired: DesiredAcl;
  readonly changes: readonly Change[];
  readonly before: IndexedState;
  readonly after: IndexedState;
  readonly privileges: readonly PrincipalPrivileges[];
  /** What the diff noticed while deciding a change (a comment PVE cannot remove, a rotation it skipped). */
  readonly diffNotes: readonly Finding[];
}

export interface PlanRuleInput extends SpecRuleInput {
  readonly server: PlanFacts;
}

export type PlanRule = Rule<PlanRuleInput>;

export const serverRule = (code: string, check: (input: PlanRuleInput) => readonly Finding[]): PlanRule => ({
  code,
  needs: 'server',
  check,
});

/** A rule for what the diff itself noticed under this code. */
export const diffNoteRule = (code: string): PlanRule => serverRule(code, ({ server }) => server.diffNotes.filter((f) => f.code === code));
