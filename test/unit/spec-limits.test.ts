/**
 * Values PVE would reject half-way through an apply, or store differently from how they are
 * written, are refused by offline validation at their line; values PVE takes but that almost
 * surely do not mean what their author meant are warnings there.
 */
import { describe, expect, it } from 'vitest';
import { SpecError, type SpecProblem } from '../../src/errors.js';
import { limitFindings } from '../../src/spec/limit-checks.js';
import { LENGTH_LIMITS } from '../../src/spec/limits.js';
import { parseSpecText } from '../../src/spec/load.js';
import { validateSpec } from '../../src/spec/validate.js';
import type { Finding } from '../../src/model/finding.js';

const NOW = Date.UTC(2026, 5, 1) / 1000;

const findingsOf = (text: string, now?: number): Finding[] =>
  validateSpec(parseSpecText(text, 'spec.yml'), now === undefined ? {} : { now });
const at = (f: Finding | undefined) => f && `${f.severity} ${f.code} @${f.position?.line}`;

function problemsOf(text: string): readonly SpecProblem[] {
  try {
    parseSpecText(text, 'spec.yml');
  } catch (err) {
    if (err instanceof SpecError) return err.problems;
    throw err;
  }
  throw new Error('expected a SpecError');
}

const userWith = (field: string, value: string) =>
  `version: 1\nusers:\n  alice@pve:\n    enable: true\n    ${field}: ${JSON.stringify(value)}\n`;

describe('length limits of user fields', () => {
  it.each([
    ['firstname', 1024],
    ['lastname', 1024],
    ['comment', 2048],
  ])('%s: %i characters pass, one more is an error at its line', (field, max) => {
    expect(findingsOf(userWith(field, 'x'.repeat(max)))).toEqual([]);
    const [finding, ...rest] = findingsOf(userWith(field, 'x'.repeat(max + 1)));
    expect(rest).toEqual([]);
    expect(at(finding)).toBe('error value-too-long @5');
    expect(finding?.message).toBe(
      `user 'alice@pve': ${field} is ${max + 1} characters long; PVE accepts at most ${max} (PVE 8.1 and later)`,
    );
  });

  it('counts characters, not bytes or UTF-16 units, as PVE does', () => {
    expect(findingsOf(userWith('firstname', '😀'.repeat(1024)))).toEqual([]);
    expect(findingsOf(userWith('firstname', 'ü'.repeat(1025))).map(at)).toEqual(['error value-too-long @5']);
  });

  it('an e-mail address of 254 characters passes, 255 is an error', () => {
    const address = (n: number) => `${'a'.repeat(n - '@example.com'.length)}@example.com`;
    expect(findingsOf(userWith('email', address(254)))).toEqual([]);
    expect(findingsOf(userWith('email', address(255))).map((f) => f.message)).toEqual([
      "user 'alice@pve': email is 255 characters long; PVE accepts at most 254 (PVE 8.1 and later)",
    ]);
  });

  it("takes any Unicode letter before the @ (Perl's \\w), and only ASCII after it", () => {
    expect(findingsOf(userWith('email', 'jürgen.ß_ø+tag@example.com'))).toEqual([]);
    expect(findingsOf(userWith('email', 'jürgen@exämple.com')).map(at)).toEqual(['error invalid-email @5']);
    expect(findingsOf(userWith('email', 'a b@example.com')).map(at)).toEqual(['error invalid-email @5']);
  });

  it('applies a limit only from the release that has it; offline, the newest rules apply', () => {
    const loaded = parseSpecText(userWith('comment', 'c'.repeat(2049)), 'spec.yml');
    expect(limitFindings(loaded, { release: { major: 8, minor: 0 } })).toEqual([]);
    expect(limitFindings(loaded, { release: { major: 7, minor: 4 } })).toEqual([]);
    expect(limitFindings(loaded, { release: { major: 8, minor: 1 } }).map((f) => f.message)).toEqual([
      "user 'alice@pve': comment is 2049 characters long; PVE 8.1 accepts at most 2048",
    ]);
    expect(limitFindings(loaded, {}).map((f) => f.code)).toEqual(['value-too-long']);
    expect(LENGTH_LIMITS.userComment.since).toEqual({ major: 8, minor: 1 });
  });

  it('a user id over 64 characters, or a realm that can never exist, is reported at the user', () => {
    const long = `${'u'.repeat(61)}@pve`;
    expect(findingsOf(`version: 1\nusers:\n  ${long}: {}\n`).map(at)).toEqual(['error invalid-user-id @3']);
    const realm = 'r'.repeat(33);
    const [finding] = findingsOf(`version: 1\nusers:\n  a@${realm}: {}\n`);
    expect(at(finding)).toBe('warning realm-cannot-exist @3');
    expect(finding?.message).toContain(`realm '${realm}' is longer than 32 characters`);
    expect(findingsOf(`version: 1\nusers:\n  a@${'r'.repeat(32)}: {}\n`)).toEqual([]);
  });
});

describe('free text PVE would store differently', () => {
  it('a space at either end of a user, group or token comment or name is an error that says it is not removed for you', () => {
    const text = `version: 1
groups:
  ops:
    comment: " Operators"
users:
  alice@pve:
    comment: "Alice "
    lastname: " Liddell "
    tokens:
      ci:
        comment: "  CI"
`;
    const findings = findingsOf(text);
    expect(findings.map(at)).toEqual([
      'error text-outer-space @4',
      'error text-outer-space @7',
      'error text-outer-space @8',
      'error text-outer-space @11',
    ]);
    expect(findings.map((f) => f.message.split(',')[0])).toEqual([
      "group 'ops': comment starts with a space",
      "user 'alice@pve': comment ends with a space",
      "user 'alice@pve': lastname starts and ends with a space",
      "token 'alice@pve!ci': comment starts with a space",
    ]);
    for (const f of findings)
      expect(f.message).toMatch(/which PVE removes when it stores it; remove it from the spec \(it is not removed for you/);
  });

  it('spaces inside, and other whitespace at the ends (which PVE stores encoded), are left alone', () => {
    expect(findingsOf(userWith('comment', 'Alice  on call'))).toEqual([]);
    expect(findingsOf(userWith('comment', '\tAlice\n'))).toEqual([]);
  });

  it('a comment or name of "0" is an error: PVE does not store it', () => {
    expect(findingsOf(userWith('comment', '0')).map(at)).toEqual(['error text-not-stored @5']);
    expect(findingsOf(userWith('firstname', '0')).map(at)).toEqual(['error text-not-stored @5']);
    expect(findingsOf('version: 1\ngroups:\n  ops:\n    comment: "0"\n').map(at)).toEqual(['error text-not-stored @4']);
  });
});

describe('durations and expiries', () => {
  const token = (fields: string) => `version: 1\nusers:\n  alice@pve:\n    tokens:\n      ci:\n${fields}`;

  it.each(['0d', '0', '0h0m', 0])('lifetime: %s is one error on lifetime, not a complaint about rotate-before', (value) => {
    const problems = problemsOf(token(`        lifetime: ${value}\n`));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.position.line).toBe(6);
    expect(problems[0]?.message).toMatch(/^'lifetime' must be .*greater than zero/);
    expect(problems[0]?.message).not.toContain('rotate-before');
  });

  it.each(['99999999999999999999d', '100000000000000000', 100000000000000000, '9000000000000s'])(
    'lifetime: %s, too long to be an expiry, is one error in words, not "never expires"',
    (value) => {
      const problems = problemsOf(token(`        lifetime: ${value}\n`));
      expect(problems).toHaveLength(1);
      expect(problems[0]?.position.line).toBe(6);
      expect(problems[0]?.message).toMatch(
        /^'lifetime' is too long: at most 8640000000000 seconds, as an expiry after 275760-09-13 cannot be represented/,
      );
      expect(problems[0]?.message).not.toMatch(/Too big|9007199254740991/);
    },
  );

  it('a lifetime that fits alone but not from now on is an error at plan time', () => {
    const loaded = parseSpecText(token('        lifetime: 8639999999999\n'), 'spec.yml');
    expect(limitFindings(loaded, {})).toEqual([]);
    const [finding] = limitFindings(loaded, { now: NOW });
    expect(at(finding)).toBe('error lifetime-out-of-range @6');
  });

  it('an expire that is not a date is one error, not two', () => {
    const problems = problemsOf('version: 1\nusers:\n  alice@pve:\n    expire: tomorrow\n');
    expect(problems.map((p) => `${p.position.line}: ${p.message}`)).toEqual([
      "4: 'expire' must be 0 / never, a date such as 2027-12-31, or an ISO date-time, got 'tomorrow'",
    ]);
  });

  it('epoch seconds past the last representable date are an error in words', () => {
    const problems = problemsOf('version: 1\nusers:\n  alice@pve:\n    expire: 1e300\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(
      /^'expire' must be a date before 275760-09-13, the last date that can be represented, or 0 \(never\)/,
    );
  });

  it('an expire in the past is a warning when the clock is known', () => {
    const text =
      'version: 1\nusers:\n  alice@pve:\n    expire: 2024-01-31\n  bob@pve:\n    expire: 2027-01-31\n  carol@pve:\n    expire: never\n';
    expect(findingsOf(text)).toEqual([]);
    const findings = findingsOf(text, NOW);
    expect(findings.map(at)).toEqual(['warning expire-in-past @4']);
    expect(findings[0]?.message).toBe(
      "user 'alice@pve': expire 2024-01-31 is in the past: PVE takes it, but the user cannot log in and its tokens stop working",
    );
  });
});

describe('warnings for what PVE takes but hardly means', () => {
  it('a privilege listed twice in a role, at the repeat, naming the first line', () => {
    const text = 'version: 1\nroles:\n  Ops:\n    privileges:\n      - VM.Audit\n      - Sys.Audit\n      - VM.Audit\n';
    const findings = findingsOf(text);
    expect(findings.map(at)).toEqual(['warning duplicate-item @7']);
    expect(findings[0]?.message).toBe(
      "role 'Ops' lists privilege 'VM.Audit' twice (first at line 5); a role holds it once, so remove the repeat",
    );
  });

  it('any other list item written twice', () => {
    const text = 'version: 1\ngroups:\n  ops: {}\nusers:\n  a@pve:\n    groups: [ops, ops]\n';
    expect(findingsOf(text).map((f) => `${at(f)} ${f.message}`)).toEqual([
      "warning duplicate-item @6 'ops' is listed twice in users.a@pve.groups (first at line 6); it counts once, so remove the repeat",
    ]);
  });

  const prune = (lists: string) => findingsOf(`version: 1\nprune:\n${lists}`);

  it.each([
    ['users', '^admin.*$', /'\$' cannot occur in the realm at its end\. It looks like a regular expression/],
    ['users', '[a-z]+', /it has no @realm part\. It looks like a regular expression/],
    ['users', 'ci@1ab', /'1ab' cannot be a realm/],
    ['users', `ci@${'r'.repeat(33)}`, /is longer than 32 characters, so it can never exist/],
    ['users', 'ops team@pve', /whitespace never occurs in one/],
    ['roles', '^Terraform', /'\^' never occurs in one\. It looks like a regular expression/],
    ['groups', 'tmp-[0-9]+', /'\[' never occurs in one/],
  ])('%s pattern %s can never match: a warning at the pattern', (kind, pattern, why) => {
    const findings = prune(`  ${kind}:\n    - ok*\n    - ${JSON.stringify(pattern)}\n`);
    expect(findings.map(at)).toEqual(['warning prune-never-matches @5']);
    expect(findings[0]?.message).toMatch(
      new RegExp(`^prune pattern "${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" can never match: `),
    );
    expect(findings[0]?.message).toMatch(why);
  });

  it.each([
    ['users', '*@pve'],
    ['users', 'ci-?@pve'],
    ['users', 'a?b'],
    ['users', '*'],
    ['roles', 'Terraform*'],
    ['groups', 'tmp-??'],
  ])('%s pattern %s can match: no warning', (kind, pattern) => {
    expect(prune(`  ${kind}: [${JSON.stringify(pattern)}]\n`)).toEqual([]);
  });

  it('a pattern naming root@pam says it is never deleted', () => {
    const findings = prune('  users:\n    - "*@pve"\n    - root@pam\n');
    expect(findings.map(at)).toEqual(['warning prune-kept @5']);
    expect(findings[0]?.message).toBe('prune pattern "root@pam" names root@pam, which is never deleted; remove the pattern');
  });
});

describe('messages for people', () => {
  it('two targets in one deliver item: one error, without "did you mean" the same key', () => {
    const problems = problemsOf(
      'version: 1\nusers:\n  a@pve:\n    tokens:\n      ci:\n        deliver:\n          - output: ci_token\n            github-secret: CI_TOKEN\n',
    );
    expect(problems.map((p) => `${p.position.line}: ${p.message}`)).toEqual([
      "8: 'github-secret' cannot be used together with 'output' in one item; write each in a list item of its own",
    ]);
  });

  it('a misspelt subject key of an ACL entry is one error, not also "needs at least one subject"', () => {
    const problems = problemsOf('version: 1\nacl:\n  - path: /\n    roles: [PVEAuditor]\n    user: [a@pve]\n');
    expect(problems.map((p) => `${p.position.line}: ${p.message}`)).toEqual(["5: unknown key 'user'; did you mean 'users'?"]);
  });

  it('an ACL entry without any subject still says so', () => {
    const problems = problemsOf('version: 1\nacl:\n  - path: /\n    roles: [PVEAuditor]\n');
    expect(problems.map((p) => p.message)).toEqual(["item 1 of 'acl': an ACL entry needs at least one subject in users, groups or tokens"]);
  });

  it('a number too large for any whole-number field names the limit in words', () => {
    const problems = problemsOf(
      'version: 1\nusers:\n  a@pve:\n    tokens:\n      ci:\n        lifetime: 10d\n        rotate-before: 1e20\n',
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).not.toMatch(/Too big|expected int/);
  });
});
