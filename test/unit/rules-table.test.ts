import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { finding } from '../../src/model/finding.js';
import { runRules, type Rule } from '../../src/model/rule.js';
import { makePlan } from '../../src/plan/make-plan.js';
import { RULES } from '../../src/plan/rules.js';
import { parseSpecText } from '../../src/spec/load.js';
import { SPEC_RULES } from '../../src/spec/rules.js';
import { validateSpec } from '../../src/spec/validate.js';
import { live, options } from './plan-fixtures.js';

const README = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../README.md'), 'utf8');

/** code -> needs, from the README's "Findings" table. */
function readmeTable(): Map<string, string> {
  const section = README.slice(README.indexOf('### Findings'), README.indexOf('## Inputs'));
  const rows = [...section.matchAll(/^\| `([a-z-]+)` \| [^|]+ \| (spec|server) \|/gm)];
  return new Map(rows.map((m) => [m[1]!, m[2]!]));
}

describe('the rule table', () => {
  it('gives every code to one rule', () => {
    const codes = RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('is what validate runs (the spec rules) and what plan runs (all of them)', () => {
    expect(RULES.filter((r) => r.needs === 'spec')).toEqual(SPEC_RULES);
    expect(SPEC_RULES.every((r) => r.needs === 'spec')).toBe(true);
  });

  it('is documented in the README, code by code, with what each rule needs', () => {
    const documented = readmeTable();
    expect([...documented.keys()].sort()).toEqual(RULES.map((r) => r.code).sort());
    for (const rule of RULES) expect([rule.code, documented.get(rule.code)]).toEqual([rule.code, rule.needs]);
  });

  it('refuses a rule that reports a code other than its own', () => {
    const stray: Rule<null> = { code: 'mine', needs: 'spec', check: () => [finding('error', 'other', 'x')] };
    expect(() => runRules([stray], null)).toThrow(/rule mine reported a finding coded other/);
  });
});

describe('one rule, offline and in a plan', () => {
  const text = `version: 1
users:
  a@pve: { email: not-an-address, groups: [nowhere] }
acl:
  - { path: /, roles: [PVEAuditor], users: [a@pve, ghost@pve] }
`;
  const loaded = parseSpecText(text, 'spec.yml');

  it('reports a spec-only problem under the same code in validate and in the plan', () => {
    const offline = validateSpec(loaded, { pveMajor: 9 });
    const plan = makePlan(loaded, live(), options());
    expect(offline.filter((f) => f.code === 'invalid-email')).toHaveLength(1);
    expect(plan.findings.filter((f) => f.code === 'invalid-email')).toEqual(offline.filter((f) => f.code === 'invalid-email'));
  });

  it('judges references offline against the spec and in a plan against the cluster, under one code each', () => {
    const offline = validateSpec(loaded, { pveMajor: 9 }).map((f) => f.code);
    const planned = makePlan(loaded, live(), options()).findings.map((f) => f.code);
    for (const codes of [offline, planned]) {
      expect(codes.filter((c) => c === 'unknown-user')).toHaveLength(1);
      expect(codes.filter((c) => c === 'unknown-group')).toHaveLength(1);
    }
  });
});
