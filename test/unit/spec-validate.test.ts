import { describe, expect, it } from 'vitest';
import privilegeData from '../../src/data/pve-privileges.json' with { type: 'json' };
import { parseSpecText } from '../../src/spec/load.js';
import { validateSpec, type ValidateOptions } from '../../src/spec/validate.js';
import type { Finding } from '../../src/model/finding.js';

const pve9 = (privilegeData as unknown as { versions: Record<string, string[]> }).versions['9'] ?? [];

const check = (text: string, options?: ValidateOptions): Finding[] => validateSpec(parseSpecText(text, 'spec.yml'), options);
const codes = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.code}`);
const at = (f: Finding | undefined) => f?.position && `${f.position.line}:${f.position.column}`;

const role = (privileges: string) => `version: 1\nroles:\n  Custom:\n    privileges: [${privileges}]\n`;

describe('validateSpec: privileges', () => {
  it('accepts a clean spec', () => {
    expect(check(role('VM.Audit, VM.GuestAgent.Audit'), { pveMajor: 9 })).toEqual([]);
  });

  it('rejects VM.Monitor on PVE 9 with the replacement as a hint, at the privilege', () => {
    const [finding, ...rest] = check(role('VM.Audit, VM.Monitor'), { pveMajor: 9 });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'error', code: 'unknown-privilege', address: 'role:Custom' });
    expect(finding?.message).toBe(
      "unknown privilege 'VM.Monitor' for PVE 9 (VM.Monitor was removed in PVE 9: use Sys.Audit / VM.GuestAgent.Audit)",
    );
    expect(at(finding)).toBe('4:28');
  });

  it('checks against the connected server when its privileges are known', () => {
    const server = pve9.filter((p) => p !== 'VM.Replicate');
    const findings = check(role('VM.Replicate, VM.Audit'), { serverPrivileges: server, pveMajor: 9 });
    expect(findings.map((f) => f.message)).toEqual([
      "unknown privilege 'VM.Replicate' for the connected server (VM.Replicate was added in PVE 9, libpve-access-control 9.0.3)",
    ]);
  });

  it('names a privilege that a newer version added', () => {
    const [finding] = check(role('Mapping.Use'), { pveMajor: 7 });
    expect(finding?.message).toMatch(/^unknown privilege 'Mapping.Use' for PVE 7 \(Mapping.Use was added in PVE 8/);
  });

  it('suggests the right spelling for a typo or a wrong case', () => {
    expect(check(role('vm.audit'), { pveMajor: 9 })[0]?.message).toContain('(did you mean VM.Audit? privilege names are case-sensitive)');
    expect(check(role('VM.Confg.CPU'), { pveMajor: 9 })[0]?.message).toContain('did you mean VM.Config.CPU?');
  });

  it('offline, errs only on privileges no version knows and warns about those the latest lacks', () => {
    const findings = check(role('VM.Monitor, Foo.Bar, VM.Audit, Mapping.Use'));
    expect(codes(findings)).toEqual(['warning privilege-not-in-latest-version', 'error unknown-privilege']);
    expect(findings[0]?.message).toBe(
      "privilege 'VM.Monitor' exists only in PVE 7, 8 (VM.Monitor was removed in PVE 9: use Sys.Audit / VM.GuestAgent.Audit)",
    );
  });
});

describe('validateSpec: roles', () => {
  it('rejects a custom role named like a built-in one, and the reserved PVE prefix', () => {
    const text =
      'version: 1\nroles:\n  PVEVMAdmin: { privileges: [VM.Audit] }\n  pveMine: { privileges: [VM.Audit] }\n  Good: { privileges: [] }\n';
    const findings = check(text, { pveMajor: 9 });
    expect(codes(findings)).toEqual(['error builtin-role-collision', 'error reserved-role-id']);
    expect(findings.map(at)).toEqual(['3:3', '4:3']);
    // PVE 7 still allowed the prefix.
    expect(codes(check(text, { pveMajor: 7 }))).toEqual(['error builtin-role-collision', 'warning reserved-role-id']);
  });

  it('requires ACL roles to be declared or built-in for the version', () => {
    const text = `version: 1
users: { a@pve: {} }
acl:
  - { path: /, roles: [PVEVMAdmin, PVEMappingUser, Missing], users: [a@pve] }
`;
    const on9 = check(text, { pveMajor: 9 });
    expect(on9.map((f) => [f.code, at(f)])).toEqual([['unknown-role', '4:52']]);
    expect(codes(check(text, { pveMajor: 7 }))).toEqual(['error unknown-role', 'error unknown-role']);
    // Offline: what the latest PVE has built in is fine.
    expect(codes(check(text))).toEqual(['error unknown-role']);
  });
});

describe('validateSpec: identities and references', () => {
  it('checks user, token, group ids and e-mail', () => {
    const text = `version: 1
groups: { "bad group": {} }
users:
  noRealm: {}
  ok@pve:
    email: not-an-email
    tokens: { x: {}, fine: {} }
`;
    expect(check(text).map((f) => `${f.code} ${at(f)}`)).toEqual([
      'invalid-group-id 2:11',
      'invalid-user-id 4:3',
      'invalid-email 6:5',
      'invalid-token-id 7:15',
    ]);
  });

  it('requires ACL subjects to be declared', () => {
    const text = `version: 1
users:
  a@pve:
    tokens: { t1: {} }
  b@pve: {}
acl:
  - path: /
    roles: [PVEAuditor]
    users: [ghost@pve]
    groups: [nobody]
    tokens: [a@pve!t1, a@pve!t2, b@pve!tt, c@pve!tt, broken]
`;
    const findings = check(text, { pveMajor: 9 });
    expect(findings.map((f) => [f.code, at(f)])).toEqual([
      ['unknown-user', '9:13'],
      ['unknown-group', '10:14'],
      ['unknown-token', '11:24'],
      ['unknown-token', '11:34'],
      ['unknown-token', '11:44'],
      ['invalid-token-id', '11:54'],
    ]);
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
  });

  it('allows membership in a group that exists on the server, with a notice', () => {
    const text = 'version: 1\nusers:\n  a@pve: { groups: [ldap-admins] }\n';
    expect(codes(check(text))).toEqual(['error unknown-group']);
    expect(codes(check(text, { existingGroups: ['ldap-admins'] }))).toEqual(['notice unmanaged-group']);
  });

  it('warns that PVE ignores ACL entries of a token without privilege separation', () => {
    const text = `version: 1
users: { a@pve: { tokens: { tok: { privsep: false } } } }
acl: [{ path: /, roles: [PVEAuditor], tokens: [a@pve!tok] }]
`;
    expect(codes(check(text, { pveMajor: 9 }))).toEqual(['warning acl-ignored-for-token']);
  });
});

describe('validateSpec: ACL paths and entries', () => {
  it('rejects paths PVE would refuse, per version', () => {
    const text = `version: 1
groups: { g: {} }
acl:
  - { path: /vms/100, roles: [PVEAuditor], groups: [g] }
  - { path: /foo, roles: [PVEAuditor], groups: [g] }
  - { path: "/vms/1 00", roles: [PVEAuditor], groups: [g] }
  - { path: /sdn/fabrics/f1, roles: [PVEAuditor], groups: [g] }
`;
    expect(check(text, { pveMajor: 9 }).map((f) => [f.code, at(f)])).toEqual([
      ['invalid-acl-path', '5:7'],
      ['invalid-acl-path', '6:7'],
    ]);
    expect(check(text, { pveMajor: 8 }).map((f) => at(f))).toEqual(['5:7', '6:7', '7:7']);
  });

  it('flags the same grant twice, and a grant with conflicting propagate', () => {
    const text = `version: 1
groups: { g: {} }
acl:
  - { path: /, roles: [PVEAuditor], groups: [g] }
  - { path: /, roles: [PVEAuditor], groups: [g] }
  - { path: //, roles: [PVEAuditor], groups: [g], propagate: false }
`;
    expect(check(text, { pveMajor: 9 }).map((f) => `${f.severity} ${f.code} ${f.position?.line}`)).toEqual([
      'warning duplicate-acl 5',
      'error acl-conflict 6',
    ]);
  });
});

describe('validateSpec: tokens and delivery', () => {
  it('rejects rotate-before that is not shorter than the lifetime', () => {
    const text =
      'version: 1\nusers:\n  a@pve:\n    tokens:\n      t1:\n        lifetime: 7d\n        rotate-before: 1w\n      t2: { rotate-before: 1d }\n';
    const findings = check(text);
    expect(findings.map((f) => `${f.severity} ${f.code} ${at(f)}`)).toEqual([
      'error rotate-before-exceeds-lifetime 7:9',
      'warning rotate-before-without-lifetime 8:13',
    ]);
  });

  it('rejects colliding outputs and secrets delivered by two tokens', () => {
    const text = `version: 1
users:
  a@pve:
    tokens:
      t1:
        deliver:
          - output: token
          - github-secret: PM_TOKEN
          - github-secret: { name: ORG_TOKEN, org: Acme }
  b@pve:
    tokens:
      t2:
        deliver:
          - output: token
          - github-secret: pm_token
          - github-secret: { name: ORG_TOKEN, org: acme }
          - github-secret: { name: PM_TOKEN, environment: prod }
          - output: summary
`;
    const findings = check(text);
    expect(findings.map((f) => `${f.code} ${f.position?.line}`)).toEqual([
      'deliver-output-collision 14',
      'deliver-secret-collision 15',
      'deliver-secret-collision 16',
      'deliver-output-collision 18',
    ]);
    expect(findings[1]?.message).toBe("secret pm_token (this repository) is already delivered by token 'a@pve!t1'");
  });

  it('checks secret names and which github-secret fields go together', () => {
    const text = `version: 1
users:
  a@pve:
    tokens:
      t1:
        deliver:
          - github-secret: GITHUB_TOKEN
          - github-secret: 1BAD
          - github-secret: { name: A, org: acme, repository: acme/x }
          - github-secret: { name: B, visibility: all }
          - github-secret: { name: C, org: acme, visibility: private, selected-repositories: [x] }
          - output: "bad name"
`;
    expect(check(text).map((f) => `${f.code} ${f.position?.line}`)).toEqual([
      'invalid-secret-name 7',
      'invalid-secret-name 8',
      'invalid-deliver 9',
      'invalid-deliver 10',
      'invalid-deliver 11',
      'invalid-output-name 12',
    ]);
  });
});
