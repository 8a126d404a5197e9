import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/errors.js';
import { parseSpecText } from '../../src/spec/load.js';
import { validateSpec } from '../../src/spec/validate.js';

const legacy = (entries: unknown[]) => JSON.stringify({ token_setup: entries }, null, 2);

const problems = (text: string) => {
  try {
    parseSpecText(text, 'token_setup.json');
  } catch (err) {
    if (err instanceof SpecError) return err.problems;
    throw err;
  }
  throw new Error('expected a SpecError');
};

describe('legacy token_setup.json', () => {
  it('is detected by its token_setup key and mapped to user, token, role and ACL', () => {
    const { spec } = parseSpecText(
      legacy([
        {
          name: 'terraform',
          ugid: 'terraform@pve',
          role: 'TerraformProv',
          comment: 'TF',
          expire: 0,
          privsep: 0,
          privileges: 'VM.Audit, VM.Clone VM.Allocate',
        },
      ]),
      'token_setup.json',
    );
    expect(spec.roles).toEqual({ TerraformProv: { roleid: 'TerraformProv', privileges: ['VM.Allocate', 'VM.Audit', 'VM.Clone'] } });
    expect(spec.users['terraform@pve']?.tokens).toEqual({
      terraform: { tokenid: 'terraform', comment: 'TF', privsep: false, deliver: [], format: 'full' },
    });
    // privsep off: the token acts with its user's privileges, so only the user is granted the role.
    expect(spec.acl).toEqual([{ path: '/', roles: ['TerraformProv'], users: ['terraform@pve'], groups: [], tokens: [], propagate: true }]);
  });

  it('grants a privsep token and its user, since the token holds the intersection of both', () => {
    const { spec } = parseSpecText(legacy([{ name: 'ro', ugid: 'mon@pve', role: 'PVEAuditor', privsep: true }]), 'token_setup.json');
    expect(spec.roles).toEqual({});
    expect(spec.users['mon@pve']?.tokens?.ro?.privsep).toBe(true);
    expect(spec.acl).toEqual([
      { path: '/', roles: ['PVEAuditor'], users: ['mon@pve'], groups: [], tokens: ['mon@pve!ro'], propagate: true },
    ]);
  });

  it('defaults privsep to true as PVE does, and reads expire as a lifetime', () => {
    const { spec } = parseSpecText(
      legacy([
        { name: 'a1', ugid: 'a@pve', expire: '30d' },
        { name: 'b1', ugid: 'a@pve', expire: 3600 },
      ]),
      'x.json',
    );
    const tokens = spec.users['a@pve']?.tokens;
    expect(tokens?.a1).toMatchObject({ privsep: true, lifetime: 30 * 86400, rotateBefore: 5 * 86400 });
    expect(tokens?.b1).toMatchObject({ lifetime: 3600 });
    expect(spec.acl).toEqual([]);
  });

  it('merges entries that share a role into one ACL entry', () => {
    const { spec } = parseSpecText(
      legacy([
        { name: 'one', ugid: 'a@pve', role: 'Ops', privileges: ['VM.Audit'], privsep: 0 },
        { name: 'two', ugid: 'b@pve', role: 'Ops', privileges: ['VM.Audit'], privsep: 1 },
      ]),
      'x.json',
    );
    expect(spec.acl).toEqual([
      { path: '/', roles: ['Ops'], users: ['a@pve', 'b@pve'], groups: [], tokens: ['b@pve!two'], propagate: true },
    ]);
  });

  it('points at the JSON line of each problem', () => {
    const text = legacy([
      { name: 'one', ugid: 'a@pve', role: 'Ops', privileges: ['VM.Audit'] },
      { name: 'two', ugid: 'a@pve', role: 'Ops', privileges: ['VM.Clone'], expire: 1830297600 },
      { name: 'one', ugid: 'a@pve', extra: true },
    ]);
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const found = problems(text).map((p) => [p.position.line, p.message]);
    expect(found).toEqual([
      [lineOf('"extra"'), "unknown key 'extra'; expected one of: name, ugid, role, comment, expire, privsep, privileges"],
    ]);

    const conflicting = legacy([
      { name: 'one', ugid: 'a@pve', role: 'Ops', privileges: ['VM.Audit'] },
      { name: 'two', ugid: 'a@pve', role: 'Ops', privileges: ['VM.Clone'], expire: 1830297600 },
      { name: 'one', ugid: 'a@pve' },
    ]);
    const lineIn = (needle: string, nth: number) => conflicting.split('\n').flatMap((l, i) => (l.includes(needle) ? [i + 1] : []))[nth];
    const semantic = problems(conflicting).map((p) => [p.position.line, p.message.split(';')[0]?.split(':')[0]]);
    expect(semantic).toEqual([
      [lineIn('"privileges"', 1), "role 'Ops' is given different privileges by entry 1 and entry 2"],
      [lineIn('1830297600', 0), "'expire' is an absolute date"],
      [lineIn('"name": "one"', 1), "token 'a@pve!one' appears twice in token_setup"],
    ]);
  });

  it('positions findings of the converted spec in the legacy file', () => {
    const text = legacy([{ name: 'tf', ugid: 'tf@pve', role: 'Prov', privileges: ['VM.Audit', 'VM.Monitor'] }]);
    const loaded = parseSpecText(text, 'token_setup.json');
    const [finding] = validateSpec(loaded, { pveMajor: 9 });
    expect(finding?.code).toBe('unknown-privilege');
    expect(finding?.position?.line).toBe(text.split('\n').findIndex((l) => l.includes('"VM.Monitor"')) + 1);
  });
});
