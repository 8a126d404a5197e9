import { describe, expect, it } from 'vitest';
import { maskCredentialInputs, readInputs } from '../../src/inputs.js';
import type { Finding } from '../../src/model/finding.js';
import { describeDeliverTarget } from '../../src/spec/deliver-target-label.js';
import { parseSpecText } from '../../src/spec/load.js';
import { validateSpec } from '../../src/spec/validate.js';
import { inputError, reader } from './input-reader.js';

const check = (text: string): Finding[] => validateSpec(parseSpecText(text, 'spec.yml'), { pveMajor: 9 });
const at = (f: Finding | undefined) => f?.position && `${f.position.file}:${f.position.line}`;

const spec = (...deliver: string[]) => `version: 1
users:
  ci@pve:
    tokens:
      terraform:
        deliver:
${deliver.map((d) => `          - ${d}`).join('\n')}
      packer:
        deliver:
          - vault: { path: proxmox/packer }
`;

describe('deliver: vault in the spec', () => {
  it('builds a target with the defaults and words it once', () => {
    const loaded = parseSpecText(spec('vault: { path: /proxmox/terraform/ }'), 'spec.yml');
    const target = loaded.spec.users['ci@pve']!.tokens!['terraform']!.deliver[0]!;
    expect(target).toEqual({ kind: 'vault', mount: 'secret', path: 'proxmox/terraform', field: 'token' });
    expect(describeDeliverTarget(target)).toBe('vault secret/proxmox/terraform#token');
    expect(check(spec('vault: { path: proxmox/terraform, mount: kv2, field: api_token }'))).toEqual([]);
  });

  it('refuses a target without a path or with an unknown key, at its line', () => {
    expect(() => parseSpecText(spec('vault: { mount: secret }'), 'spec.yml')).toThrow(/spec\.yml:7/);
    expect(() => parseSpecText(spec('vault: { path: a, version: 2 }'), 'spec.yml')).toThrow(/spec\.yml:7.*version/s);
  });

  it('refuses a field that clashes with token_id or expires_at', () => {
    const findings = check(spec('vault: { path: proxmox/terraform, field: token_id }'));
    expect(findings.map((f) => `${f.severity} ${f.code} ${at(f)}`)).toEqual(['error invalid-vault-target spec.yml:7']);
    expect(findings[0]!.message).toMatch(/field 'token_id' clashes/);
  });

  it('refuses a path a policy line cannot carry', () => {
    const [finding] = check(spec('vault: { path: "proxmox/*" }'));
    expect(finding).toMatchObject({ code: 'invalid-vault-target', severity: 'error' });
  });

  it('refuses two tokens writing one Vault secret, and warns about one token writing it twice', () => {
    const collision = check(spec('vault: { path: proxmox/packer, field: other }'));
    expect(collision.map((f) => `${f.severity} ${f.code}`)).toEqual(['error deliver-vault-collision']);
    expect(collision[0]!.message).toContain("already delivered by token 'ci@pve!terraform'");
    const twice = check(spec('vault: { path: proxmox/terraform }', 'vault: { path: proxmox/terraform, field: again }'));
    expect(twice.map((f) => `${f.severity} ${f.code} ${at(f)}`)).toEqual(['warning duplicate-vault-target spec.yml:8']);
    // Paths are case-sensitive in Vault: these are two secrets.
    expect(check(spec('vault: { path: Proxmox/packer }'))).toEqual([]);
  });
});

const BASE = { 'vault-url': 'https://vault.example.com:8200/' };

describe('Vault inputs', () => {
  it('reads a role login with the audience defaulting to the URL, preferring the role over a token', () => {
    const inputs = readInputs(reader({ ...BASE, 'vault-role': 'proxmox-access', 'vault-token': 'hvs.unused0000000000000000' }));
    expect(inputs.vault).toEqual({
      url: 'https://vault.example.com:8200',
      role: 'proxmox-access',
      audience: 'https://vault.example.com:8200',
    });
  });

  it('reads a static token, namespace and pinned fingerprint', () => {
    const fingerprint = Array.from({ length: 32 }, () => 'AB').join(':');
    const inputs = readInputs(
      reader({
        ...BASE,
        'vault-token': 'hvs.static',
        'vault-namespace': 'team-a',
        'vault-fingerprint': fingerprint,
        'vault-audience': 'vault',
      }),
    );
    expect(inputs.vault).toMatchObject({ token: 'hvs.static', namespace: 'team-a', fingerprint, audience: 'vault' });
  });

  it.each([
    [{ ...BASE }, 'vault-role', /neither vault-role .* nor vault-token/],
    [{ 'vault-role': 'x' }, 'vault-role', /vault-url is empty/],
    [{ 'vault-url': 'http://vault.example.com', 'vault-token': 't' }, 'vault-url', /must use https/],
    [{ ...BASE, 'vault-token': 't', 'vault-fingerprint': 'abc' }, 'vault-fingerprint', /SHA-256/],
    [{ ...BASE, 'vault-token': 't', 'vault-fingerprint': 'AB:'.repeat(31) + 'AB', 'vault-ca-cert': 'x' }, 'vault-ca-cert', /not both/],
  ])('refuses %j naming %s', (values, input, text) => {
    const err = inputError(values);
    expect(err.input).toBe(input);
    expect(err.message).toMatch(text);
  });

  it('reads nothing of Vault offline, and accepts plain http to localhost', () => {
    expect(readInputs(reader({ 'vault-role': 'x' }), { offline: true }).vault).toBeUndefined();
    expect(readInputs(reader({ 'vault-url': 'http://127.0.0.1:8200', 'vault-token': 't' })).vault?.url).toBe('http://127.0.0.1:8200');
  });

  it('masks vault-token first thing', () => {
    const masked: string[] = [];
    maskCredentialInputs(reader({ 'vault-token': 'hvs.CAESIJ0123456789abcdef' }), (v) => masked.push(v));
    expect(masked).toContain('hvs.CAESIJ0123456789abcdef');
  });
});
