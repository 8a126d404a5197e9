/**
 * The spec rules: every check that can judge a spec on its own. Validate runs exactly these; the
 * planner runs them too (with the connected server, where a rule can use it) before the rules
 * that need a plan. The README's "Findings" table lists every code.
 */
import { runRules } from '../model/rule.js';
import type { Finding } from '../model/finding.js';
import { LIMIT_CHECKS, type LimitTarget } from './limit-checks.js';
import { unmatchablePruneFindings } from './prune-checks.js';
import { pruneKept } from './prune-kept.js';
import { repeatedItemFindings } from './repeated-items.js';
import type { SpecRule, SpecRuleInput } from './rule-input.js';
import { ACL_RULES } from './rules-acl.js';
import { DELIVER_RULES } from './rules-deliver.js';
import { VAULT_DELIVER_RULES } from './rules-deliver-vault.js';
import { IDENTITY_RULES } from './rules-identities.js';
import { REFERENCE_RULES } from './rules-references.js';
import { POOL_RULES } from './rules-pools.js';
import { EXTERNAL_RULES } from './rules-external.js';
import { REALM_RULES } from './rules-realms.js';
import { ROLE_RULES } from './rules-roles.js';
import { ROTATION_RULES } from './rules-rotation.js';

/** Offline the newest limits apply (or those of the target major); at plan time those of the connected release. */
function limitTarget({ options, server }: SpecRuleInput): LimitTarget {
  if (server) return { release: server.live.version, now: server.now };
  const major = options.pveMajor;
  return { ...(major !== undefined && { release: { major, minor: 99 } }), ...(options.now !== undefined && { now: options.now }) };
}

const LIMIT_RULES: readonly SpecRule[] = Object.entries(LIMIT_CHECKS).map(([code, check]) => ({
  code,
  needs: 'spec',
  check: (input: SpecRuleInput) => check(input.loaded, limitTarget(input)),
}));

const PRUNE_AND_LIST_RULES: readonly SpecRule[] = [
  { code: 'prune-never-matches', needs: 'spec', check: ({ loaded }) => unmatchablePruneFindings(loaded) },
  pruneKept,
  { code: 'duplicate-item', needs: 'spec', check: ({ loaded }) => repeatedItemFindings(loaded) },
];

export const SPEC_RULES: readonly SpecRule[] = [
  ...ROLE_RULES,
  ...IDENTITY_RULES,
  ...ROTATION_RULES,
  ...REFERENCE_RULES,
  ...ACL_RULES,
  ...POOL_RULES,
  ...DELIVER_RULES,
  ...VAULT_DELIVER_RULES,
  ...LIMIT_RULES,
  ...PRUNE_AND_LIST_RULES,
  ...REALM_RULES,
  ...EXTERNAL_RULES,
];

export const runSpecRules = (input: SpecRuleInput): Finding[] => runRules(SPEC_RULES, input);
