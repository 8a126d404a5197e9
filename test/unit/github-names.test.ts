import { describe, expect, it } from 'vitest';
import {
  environmentNameProblem,
  fullRepositoryProblem,
  orgLoginProblem,
  secretNameProblem,
  selectedRepositoryProblem,
} from '../../src/model/github-names.js';
import { parseSpecText } from '../../src/spec/load.js';
import { validateSpec } from '../../src/spec/validate.js';
import type { Finding } from '../../src/model/finding.js';

const ok = (problem: string | undefined) => expect(problem).toBeUndefined();
const bad = (problem: string | undefined, pattern: RegExp) => expect(problem).toMatch(pattern);

describe("GitHub's naming rules", () => {
  it('secret names', () => {
    for (const name of ['PM_TOKEN', '_x', 'a1']) ok(secretNameProblem(name));
    bad(secretNameProblem('1X'), /not start with a digit/);
    bad(secretNameProblem('A-B'), /letters, digits and '_'/);
    bad(secretNameProblem('github_token'), /GITHUB_/);
    bad(secretNameProblem('A\nB'), /letters/);
  });

  it('organization logins', () => {
    for (const login of ['acme', 'a', 'acme-corp', 'A1-b2-C3', 'x'.repeat(39)]) ok(orgLoginProblem(login));
    for (const login of ['-acme', 'acme-', 'ac--me', 'ac_me', 'ac.me', 'acme\n::error::x', '']) bad(orgLoginProblem(login), /GitHub login/);
    bad(orgLoginProblem('x'.repeat(40)), /longer than 39/);
  });

  it('repositories as owner/name', () => {
    for (const full of ['acme/infra', 'octocat_acme/dotfiles', 'a/.github', 'a/b.c-d_e']) ok(fullRepositoryProblem(full));
    bad(fullRepositoryProblem('acme'), /owner\/name/);
    bad(fullRepositoryProblem('a/b/c'), /owner\/name/);
    bad(fullRepositoryProblem('-a/b'), /owner that must be a GitHub login/);
    bad(fullRepositoryProblem('acme/..'), /not \. or \.\./);
    bad(fullRepositoryProblem('acme/in fra'), /repository name/);
    bad(fullRepositoryProblem('acme/infra\n::add-mask::x'), /repository name/);
    bad(fullRepositoryProblem(`acme/${'r'.repeat(101)}`), /longer than 100/);
  });

  it('environment names', () => {
    for (const name of ['production', 'Staging EU', 'team/prod', 'é-prod']) ok(environmentNameProblem(name));
    bad(environmentNameProblem('prod\n::error::x'), /line breaks/);
    bad(environmentNameProblem('prod\u200b'), /control characters/);
    bad(environmentNameProblem('   '), /empty/);
    bad(environmentNameProblem('e'.repeat(256)), /longer than 255/);
  });

  it("selected repositories belong to the secret's organization", () => {
    ok(selectedRepositoryProblem('infra', 'acme'));
    ok(selectedRepositoryProblem('ACME/infra', 'acme'));
    bad(selectedRepositoryProblem('other/infra', 'acme'), /another owner/);
    bad(selectedRepositoryProblem('in\nfra', 'acme'), /repository name/);
  });
});

describe('validateSpec: GitHub names at their line', () => {
  const check = (deliver: string): Finding[] =>
    validateSpec(
      parseSpecText(
        `version: 1
users:
  ci@pve:
    tokens:
      deploy:
        deliver:
${deliver}`,
        'spec.yml',
      ),
    ).filter((f) => f.severity === 'error');
  const at = (f: Finding | undefined) => f?.position && `${f.position.line}:${f.position.column}`;

  it('accepts names GitHub accepts', () => {
    expect(
      check(`          - github-secret: { name: A, repository: acme/infra, environment: Staging EU }
          - github-secret: { name: B, org: acme, visibility: selected, selected-repositories: [infra, acme/web] }
`),
    ).toEqual([]);
  });

  it('points at the field that breaks a rule, and shows a line break as an escape', () => {
    const findings = check(`          - github-secret:
              name: A
              repository: "acme/in%fra"
              environment: "prod\\n::error::x"
          - github-secret:
              name: B
              org: "-acme"
          - github-secret:
              name: C
              org: acme
              visibility: selected
              selected-repositories: [infra, other/web]
`);
    expect(findings.map((f) => [f.code, at(f)])).toEqual([
      ['invalid-github-name', '9:15'],
      ['invalid-github-name', '10:15'],
      ['invalid-github-name', '13:15'],
      ['invalid-github-name', '18:46'],
    ]);
    expect(findings[0]?.message).toBe(
      "github-secret repository 'acme/in%fra' has a name that must be a repository name: letters, digits, '.', '-' and '_' (and not . or ..)",
    );
    expect(findings[1]?.message).toBe(
      "github-secret environment 'prod\\n::error::x' must not contain line breaks or other control characters",
    );
    expect(findings[3]?.message).toMatch(/^github-secret selected-repositories 'other\/web' belongs to another owner/);
    expect(findings.every((f) => f.address === 'token:ci@pve!deploy')).toBe(true);
  });

  it('keeps selected-repositories to visibility: selected', () => {
    const findings = check(`          - github-secret: { name: C, org: acme, visibility: private, selected-repositories: [infra] }
`);
    expect(findings.map((f) => f.message)).toEqual(["github-secret 'C': selected-repositories needs visibility: selected"]);
  });
});
