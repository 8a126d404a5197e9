import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readInputs, requireConnection } from '../../src/inputs.js';
import { inputError, reader } from './input-reader.js';

const TOKEN_ID = 'automation@pve!ci';
const SECRET = '5f0e7d2c-9a41-4c3b-8e6f-0d1c2b3a4f5e';

describe('readInputs', () => {
  it('applies the defaults of the contract when nothing is set', () => {
    expect(readInputs(reader({}))).toEqual({
      mode: 'auto',
      spec: 'proxmox-access.yml',
      insecure: false,
      comment: true,
      requireApprovedPlan: true,
      rotate: [],
      failOnDrift: false,
      driftIssue: true,
      allowDeletions: true,
    });
  });

  it('reads every input into its typed field', () => {
    const inputs = readInputs(
      reader({
        mode: 'apply',
        spec: 'infra/pve.yml',
        'proxmox-url': 'https://pve.example.com:8006/',
        'proxmox-token-id': TOKEN_ID,
        'proxmox-token-secret': SECRET,
        'proxmox-fingerprint': 'ab:'.repeat(31) + 'ab',
        'github-token': 'ghs_abc',
        'secrets-token': 'github_pat_xyz',
        comment: 'false',
        'require-approved-plan': 'False',
        rotate: 'terraform@pve!tf, automation@pve!ci,terraform@pve!tf',
        'fail-on-drift': 'TRUE',
        'drift-issue': 'false',
        'allow-deletions': 'false',
      }),
    );
    expect(inputs).toEqual({
      mode: 'apply',
      spec: 'infra/pve.yml',
      proxmoxUrl: 'https://pve.example.com:8006',
      auth: { tokenId: TOKEN_ID, secret: SECRET },
      fingerprint: 'ab:'.repeat(31) + 'ab',
      insecure: false,
      githubToken: 'ghs_abc',
      secretsToken: 'github_pat_xyz',
      comment: false,
      requireApprovedPlan: false,
      rotate: ['terraform@pve!tf', 'automation@pve!ci'],
      failOnDrift: true,
      driftIssue: false,
      allowDeletions: false,
    });
  });

  it('takes ticket auth and rotate: all', () => {
    const inputs = readInputs(reader({ 'proxmox-username': 'root@pam', 'proxmox-password': 'hunter2', rotate: 'all' }));
    expect(inputs.auth).toEqual({ username: 'root@pam', password: 'hunter2' });
    expect(inputs.rotate).toBe('all');
  });

  it.each([
    ['mode', { mode: 'deploy' }, /not one of auto, plan, apply, drift, rotate, validate/],
    ['comment', { comment: 'yes' }, /true or false/],
    ['proxmox-insecure', { 'proxmox-insecure': '1' }, /true or false/],
    ['proxmox-url', { 'proxmox-url': 'http://pve:8006' }, /must use https/],
    ['proxmox-url', { 'proxmox-url': 'pve.example.com:8006' }, /https/],
    ['proxmox-url', { 'proxmox-url': 'https://pve:8006/?x=1' }, /without query/],
    ['proxmox-token-id', { 'proxmox-token-id': 'automation@pve', 'proxmox-token-secret': SECRET }, /user@realm!name/],
    ['proxmox-token-id', { 'proxmox-token-secret': SECRET }, /proxmox-token-id is empty/],
    ['proxmox-token-secret', { 'proxmox-token-id': TOKEN_ID }, /proxmox-token-secret is empty.*forks/s],
    ['proxmox-password', { 'proxmox-username': 'root@pam' }, /proxmox-password is empty/],
    ['proxmox-username', { 'proxmox-username': 'root', 'proxmox-password': 'x' }, /user@realm/],
    ['proxmox-username', { 'proxmox-token-id': TOKEN_ID, 'proxmox-token-secret': SECRET, 'proxmox-username': 'root@pam' }, /not both/],
    ['proxmox-fingerprint', { 'proxmox-fingerprint': 'ab:cd' }, /SHA-256/],
    ['proxmox-fingerprint', { 'proxmox-fingerprint': 'ab:'.repeat(19) + 'ab' }, /SHA-1/],
    ['proxmox-ca-cert', { 'proxmox-fingerprint': 'ab'.repeat(32), 'proxmox-ca-cert': '/etc/ca.pem' }, /not both/],
    ['proxmox-insecure', { 'proxmox-insecure': 'true', 'proxmox-ca-cert': '/etc/ca.pem' }, /contradicts/],
    ['rotate', { rotate: 'all, automation@pve!ci' }, /either all or a list/],
    ['rotate', { rotate: 'automation@pve' }, /not a full token id/],
  ])('rejects a bad %s', (input, values, message) => {
    const err = inputError(values);
    expect(err.input).toBe(input);
    expect(err.message).toMatch(message);
  });

  it('never echoes a token string pasted into the id field', () => {
    const err = inputError({ 'proxmox-token-id': `${TOKEN_ID}=${SECRET}`, 'proxmox-token-secret': SECRET });
    expect(err.input).toBe('proxmox-token-id');
    expect(err.message).toMatch(/id=secret/);
    expect(err.message).not.toContain(SECRET);
  });

  it('never echoes a URL that carries credentials', () => {
    const err = inputError({ 'proxmox-url': 'https://root:hunter2@pve:8006' });
    expect(err.message).not.toContain('hunter2');
  });

  it('reads pull-request as a number, for mode plan only', () => {
    expect(readInputs(reader({ mode: 'plan', 'pull-request': '42' })).pullRequest).toBe(42);
    expect(readInputs(reader({ mode: 'plan', 'pull-request': '#7' })).pullRequest).toBe(7);
    expect(readInputs(reader({ mode: 'plan' })).pullRequest).toBeUndefined();
    for (const bad of ['0', '-3', '4.5', 'abc', '12; rm -rf /']) {
      const err = inputError({ mode: 'plan', 'pull-request': bad });
      expect(err.input).toBe('pull-request');
      expect(err.message).toMatch(/pull request number/);
    }
    for (const mode of ['auto', 'apply', 'drift', 'validate']) {
      const err = inputError({ mode, 'pull-request': '42' });
      expect(err.input).toBe('pull-request');
      expect(err.message).toContain('set mode: plan');
    }
  });
});

describe('action.yml', () => {
  const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
    inputs: Record<string, { description: string; default?: string }>;
    outputs: Record<string, { description: string }>;
    runs: { using: string; main: string };
  };

  it('declares exactly the inputs readInputs reads', () => {
    const read = new Set<string>();
    readInputs((name) => (read.add(name), ''));
    expect(Object.keys(action.inputs).sort()).toEqual([...read].sort());
    for (const input of Object.values(action.inputs)) expect(input.description.length).toBeGreaterThan(10);
  });

  it('has defaults that read the same as an unset input', () => {
    const defaults = (name: string): string => {
      const value = action.inputs[name]?.default ?? '';
      return name === 'github-token' ? '' : value;
    };
    expect(readInputs(defaults)).toEqual(readInputs(reader({})));
    expect(action.inputs['github-token']?.default).toBe('${{ github.token }}');
  });

  it('declares the outputs of the contract and runs on node24', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(
      ['applied', 'comment-url', 'drift', 'has-changes', 'mode', 'plan', 'plan-digest', 'summary', 'tokens', 'audit'].sort(),
    );
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });
});

describe('requireConnection', () => {
  it('returns the address and credentials when both are set', () => {
    const inputs = readInputs(reader({ 'proxmox-url': 'https://pve:8006', 'proxmox-token-id': TOKEN_ID, 'proxmox-token-secret': SECRET }));
    expect(requireConnection(inputs, 'plan')).toEqual({ url: 'https://pve:8006', auth: { tokenId: TOKEN_ID, secret: SECRET } });
  });

  it('names the missing URL first, then the missing credentials', () => {
    expect(() => requireConnection(readInputs(reader({})), 'plan')).toThrow(expect.objectContaining({ input: 'proxmox-url' }));
    const noAuth = readInputs(reader({ 'proxmox-url': 'https://pve:8006' }));
    expect(() => requireConnection(noAuth, 'drift')).toThrow(expect.objectContaining({ input: 'proxmox-token-id' }));
  });
});
