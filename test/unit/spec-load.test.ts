import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, SpecError, type SpecProblem } from '../../src/errors.js';
import { loadSpecFile, parseSpecText } from '../../src/spec/load.js';

function problemsOf(text: string, file = 'spec.yml'): readonly SpecProblem[] {
  try {
    parseSpecText(text, file);
  } catch (err) {
    if (err instanceof SpecError) return err.problems;
    throw err;
  }
  throw new Error('expected a SpecError');
}

const where = (p: SpecProblem | undefined) => p && `${p.position.file}:${p.position.line}:${p.position.column}`;

const MINIMAL_USER = `version: 1
users:
  alice@pve:
    tokens:
      ci: {}
acl:
  - path: /vms//
    roles: [PVEAuditor, PVEAuditor]
    tokens: [alice@pve!ci]
`;

describe('parseSpecText: defaults', () => {
  it('applies every default of the spec format', () => {
    const { spec } = parseSpecText(MINIMAL_USER, 'spec.yml');
    expect(spec.roles).toEqual({});
    expect(spec.groups).toEqual({});
    expect(spec.prune).toEqual({ users: [], roles: [], groups: [], realms: [] });
    expect(spec.realms).toEqual({});
    expect(spec.users['alice@pve']).toEqual({
      userid: 'alice@pve',
      comment: '',
      enable: true,
      expire: 0,
      groups: [],
      email: '',
      firstname: '',
      lastname: '',
      tokens: { ci: { tokenid: 'ci', comment: '', privsep: true, deliver: [], format: 'full' } },
    });
    expect(spec.acl).toEqual([{ path: '/vms', roles: ['PVEAuditor'], users: [], groups: [], tokens: ['alice@pve!ci'], propagate: true }]);
  });

  it('leaves tokens unmanaged when the key is absent, and manages an empty set for tokens: {}', () => {
    const { spec } = parseSpecText('version: 1\nusers:\n  a@pve: {}\n  b@pve:\n    tokens: {}\n', 'spec.yml');
    expect(spec.users['a@pve']).not.toHaveProperty('tokens');
    expect(spec.users['b@pve']?.tokens).toEqual({});
  });

  it('converts durations, dates and never, and defaults rotate-before to a sixth of the lifetime', () => {
    const text = `version: 1
users:
  a@pve:
    expire: 2027-12-31
    tokens:
      long: { lifetime: 90d }
      short: { lifetime: 12h, rotate-before: 30m }
      plain: { lifetime: 3600 }
      weeks: { lifetime: 2w }
  b@pve: { expire: never }
  c@pve: { expire: 0 }
  d@pve: { expire: "2027-06-01T12:00:00+02:00" }
`;
    const { spec } = parseSpecText(text, 'spec.yml');
    const tokens = spec.users['a@pve']?.tokens ?? {};
    expect(spec.users['a@pve']?.expire).toBe(Date.UTC(2027, 11, 31) / 1000);
    expect(tokens.long).toMatchObject({ lifetime: 90 * 86400, rotateBefore: 15 * 86400 });
    expect(tokens.short).toMatchObject({ lifetime: 12 * 3600, rotateBefore: 30 * 60 });
    expect(tokens.plain).toMatchObject({ lifetime: 3600, rotateBefore: 600 });
    expect(tokens.weeks).toMatchObject({ lifetime: 14 * 86400 });
    expect(spec.users['b@pve']?.expire).toBe(0);
    expect(spec.users['c@pve']?.expire).toBe(0);
    expect(spec.users['d@pve']?.expire).toBe(Date.UTC(2027, 5, 1, 10) / 1000);
  });

  it('maps every deliver form and sorts lists', () => {
    const text = `version: 1
groups: { b: {}, a: { comment: first } }
roles:
  R: { privileges: [VM.Clone, VM.Audit, VM.Clone] }
users:
  a@pve:
    groups: [b, a]
    tokens:
      t:
        format: json
        deliver:
          - output: t_out
          - github-secret: REPO_SECRET
          - github-secret: { name: ENV_SECRET, repository: acme/infra, environment: production }
          - github-secret: { name: ORG_SECRET, org: acme, visibility: selected, selected-repositories: [z, a] }
`;
    const { spec } = parseSpecText(text, 'spec.yml');
    expect(spec.roles.R?.privileges).toEqual(['VM.Audit', 'VM.Clone']);
    expect(spec.groups).toEqual({ a: { groupid: 'a', comment: 'first' }, b: { groupid: 'b', comment: '' } });
    expect(spec.users['a@pve']?.groups).toEqual(['a', 'b']);
    expect(spec.users['a@pve']?.tokens?.t?.format).toBe('json');
    expect(spec.users['a@pve']?.tokens?.t?.deliver).toEqual([
      { kind: 'output', name: 't_out' },
      { kind: 'github-secret', name: 'REPO_SECRET' },
      { kind: 'github-secret', name: 'ENV_SECRET', repository: 'acme/infra', environment: 'production' },
      { kind: 'github-secret', name: 'ORG_SECRET', org: 'acme', visibility: 'selected', selectedRepositories: ['a', 'z'] },
    ]);
  });

  it('reads JSON, which is YAML too', () => {
    const json = JSON.stringify({
      $schema: './schema/proxmox-access.schema.json',
      version: 1,
      roles: { R: { privileges: ['VM.Audit'] } },
      acl: [{ path: '/', roles: ['R'], groups: ['g'], propagate: false }],
    });
    const { spec } = parseSpecText(json, 'spec.json');
    expect(spec.roles.R?.privileges).toEqual(['VM.Audit']);
    expect(spec.acl[0]?.propagate).toBe(false);
  });

  it('records where each declared object is written', () => {
    const { positions } = parseSpecText(MINIMAL_USER, 'spec.yml');
    expect(positions.get('users.alice@pve')).toEqual({ file: 'spec.yml', line: 3, column: 3 });
    expect(positions.get('users.alice@pve.tokens.ci')).toEqual({ file: 'spec.yml', line: 5, column: 7 });
    expect(positions.get('acl.0')).toEqual({ file: 'spec.yml', line: 7, column: 5 });
    expect(positions.get('acl.0.tokens[alice@pve!ci]')).toEqual({ file: 'spec.yml', line: 9, column: 14 });
  });
});

describe('parseSpecText: errors carry file, line and column', () => {
  it('reports an unknown key at the key, with a suggestion', () => {
    const problems = problemsOf('version: 1\nusers:\n  a@pve:\n    tokens:\n      ci:\n        rotate_before: 14d\n');
    expect(problems).toHaveLength(1);
    expect(where(problems[0])).toBe('spec.yml:6:9');
    expect(problems[0]?.message).toBe("unknown key 'rotate_before'; did you mean 'rotate-before'?");
    expect(problems[0]?.path).toBe('users.a@pve.tokens.ci.rotate_before');
  });

  it('reports a bad duration at the value', () => {
    const problems = problemsOf('version: 1\nusers:\n  a@pve:\n    tokens:\n      ci: { lifetime: 90 days }\n');
    expect(where(problems[0])).toBe('spec.yml:5:23');
    expect(problems[0]?.message).toMatch(/^'lifetime' must be a duration.*got '90 days'$/);
  });

  it('reports a value of the wrong type at the value', () => {
    const problems = problemsOf('version: 1\nusers:\n  a@pve:\n    enable: yes\n', 'dir/p.yml');
    expect(where(problems[0])).toBe('dir/p.yml:4:13');
    expect(problems[0]?.message).toBe("'enable' must be true or false, got 'yes'");
  });

  it('reports YAML syntax errors with their position and nothing else', () => {
    const problems = problemsOf('version: 1\nroles:\n  R:\n    privileges: [VM.Audit\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^YAML: /);
    // At the [ that is never closed, not past the end of the file where the parser gave up.
    expect(where(problems[0])).toBe('spec.yml:4:17');
  });

  it('reports a duplicate key at the second occurrence', () => {
    const problems = problemsOf('version: 1\nroles:\n  R: { privileges: [] }\n  R: { privileges: [VM.Audit] }\n');
    expect(problems).toEqual([
      { message: "duplicate key 'R' (first at line 3)", position: { file: 'spec.yml', line: 4, column: 3 }, path: 'roles.R' },
    ]);
  });

  it('collects every problem of the file, in file order', () => {
    const text = `version: 1
roles:
  R:
    privilege: [VM.Audit]
users:
  a@pve:
    expire: 2027-02-30
    tokens:
      t:
        format: fancy
        deliver:
          - output: 1
          - github-secret: { name: S, repo: acme/x }
acl:
  - path: /
    roles: []
`;
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.position.line, p.position.column, p.message])).toEqual([
      [3, 3, "missing required key 'privileges'"],
      [4, 5, "unknown key 'privilege'; did you mean 'privileges'?"],
      [7, 13, "'expire' is not a real date or time, got '2027-02-30'"],
      [10, 17, "'format' must be one of: full, secret, header, json, got 'fancy'"],
      [12, 21, "'output' must be a string, got 1"],
      [13, 39, "unknown key 'repo'; did you mean 'repository'?"],
      [15, 5, "item 1 of 'acl': an ACL entry needs at least one subject in users, groups or tokens"],
      [16, 12, "'roles' needs at least one role"],
    ]);
    expect(new SpecError(problems).message.split('\n')[0]).toBe("spec.yml:3:3: missing required key 'privileges'");
  });

  it('rejects a wrong or missing version', () => {
    expect(problemsOf('version: 2\n')[0]).toMatchObject({
      message: "'version' must be 1 (the only spec version this release reads), got 2",
      position: { line: 1, column: 10 },
    });
    expect(problemsOf('roles: {}\n')[0]?.message).toBe("missing required key 'version' (write version: 1 at the top)");
  });

  it('explains an empty tokens key instead of guessing what it means', () => {
    const problems = problemsOf('version: 1\nusers:\n  a@pve:\n    tokens:\n');
    expect(problems[0]?.message).toMatch(/^'tokens' is empty: write 'tokens: \{\}'/);
    expect(problems[0]?.position.line).toBe(4);
  });

  it('narrows a deliver entry to the form its keys show', () => {
    const problems = problemsOf('version: 1\nusers:\n  a@pve:\n    tokens:\n      t:\n        deliver: [{}, {github-secret: 3}, nope]\n');
    expect(problems.map((p) => `${p.position.column} ${p.message}`)).toEqual([
      "19 item 1 of 'deliver' needs one of the keys: output, github-secret, vault",
      "39 'github-secret' must be a string or a mapping, got 3",
      "43 item 3 of 'deliver' must be a mapping, got 'nope'",
    ]);
  });

  it('rejects an empty file and a file that is not a mapping', () => {
    expect(problemsOf('')[0]?.message).toMatch(/^the spec is empty/);
    expect(problemsOf('- a\n')[0]?.message).toBe('the spec must be a mapping, got a list');
  });
});

describe('loadSpecFile', () => {
  it('reads a file and names it by its display path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'spec-'));
    const file = join(dir, 'proxmox-access.yml');
    await writeFile(file, 'version: 1\nroles:\n  R: { privileges: [VM.Audit], extra: 1 }\n');
    const error = await loadSpecFile(file, 'proxmox-access.yml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).message).toBe("proxmox-access.yml:3:32: unknown key 'extra'; expected one of: privileges");
  });

  it('reports a missing file as a problem with the spec input', async () => {
    const error = await loadSpecFile(join(tmpdir(), 'does-not-exist.yml'), 'nope.yml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe('cannot read spec file nope.yml: no such file');
  });
});
