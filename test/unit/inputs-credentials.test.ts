import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { maskCredentialInputs, redactUrl } from '../../src/inputs.js';
import { inputError as readInputsError, reader } from './input-reader.js';

const inputError = (values: Record<string, string>): InputError => readInputsError({ mode: 'plan', ...values });

describe('credential inputs are masked by the action itself', () => {
  it('masks every credential input, as given, trimmed and line by line; nothing else', () => {
    const masks: string[] = [];
    maskCredentialInputs(
      reader({
        'proxmox-token-secret': ' 5f0c-secret ',
        'proxmox-password': 'line one\nline two',
        'secrets-token': 'github_pat_123',
        'github-token': 'ghs_abc',
        'proxmox-token-id': 'ci@pve!gha',
        'proxmox-url': 'https://pve.example:8006',
      }),
      (value) => masks.push(value),
    );
    expect(masks).toEqual([' 5f0c-secret ', '5f0c-secret', 'line one\nline two', 'line one', 'line two', 'github_pat_123', 'ghs_abc']);
  });

  it('masks nothing for empty inputs, and a password written into proxmox-url', () => {
    const masks: string[] = [];
    maskCredentialInputs(reader({ 'proxmox-url': 'https://root:hunter2-pw@pve:8006' }), (value) => masks.push(value));
    expect(masks).toEqual(['hunter2-pw']);
  });
});

describe('proxmox-url never shows its userinfo', () => {
  it.each([
    ['https://user:pa ss@ho st:8006', 'pa ss'],
    ['https://user:s3cret@[bad:8006', 's3cret'],
    ['user:s3cret@pve.example:8006', 's3cret'],
    ['https://user:p@ss@pve.example:8006', 'p@ss'],
    ['https://root:s3cret@pve.example:8006', 's3cret'],
    ['http://root:s3cret@pve.example:8006', 's3cret'],
    ['https://root:s3cret@pve.example:8006/?q=1', 's3cret'],
  ])('%s', (url, password) => {
    const err = inputError({ 'proxmox-url': url, 'proxmox-token-id': 'ci@pve!gha', 'proxmox-token-secret': 'x' });
    expect(err.input).toBe('proxmox-url');
    expect(err.message).not.toContain(password);
  });

  it('redacts up to the last @ and keeps what identifies the server', () => {
    expect(redactUrl('https://u:p@ss@host:8006')).toBe('https://***@host:8006');
    expect(redactUrl('u:p@host')).toBe('***@host');
    expect(redactUrl('https://host:8006')).toBe('https://host:8006');
    expect(redactUrl('https://host\n::error::x')).toBe('https://host\\n::error::x');
  });

  it('still names the problem of a URL without credentials', () => {
    expect(inputError({ 'proxmox-url': 'http://pve.example:8006' }).message).toMatch(/must use https.*'http:\/\/pve.example:8006'/);
  });
});
