/**
 * The CLI's edges that need no terminal: the Node version gate of the entry point, and the
 * rewriting of the action's input names into the CLI's flags and variables.
 */
import { describe, expect, it } from 'vitest';
import { unsupportedNode } from '../../src/cli/node-version.js';
import { ACTION_INPUT_NAME, inCliTerms } from '../../src/cli/terms.js';

describe('unsupportedNode', () => {
  it.each(['24.0.0', '24.21.0', '25.1.0', '30.0.0'])('%s runs the CLI', (version) => {
    expect(unsupportedNode(version)).toBeUndefined();
  });

  it.each(['20.20.2', '22.12.0', '23.11.1', '', 'garbage'])('%j is refused, naming both versions', (version) => {
    expect(unsupportedNode(version)).toBe(`proxmox-access needs Node.js 24 or later; this is Node.js ${version}`);
  });
});

describe('inCliTerms', () => {
  it.each([
    [
      'TLS verification is OFF (proxmox-insecure: true): anyone could read it. Pin the certificate with proxmox-fingerprint instead.',
      'TLS verification is OFF (--insecure): anyone could read it. Pin the certificate with --fingerprint instead.',
    ],
    [
      'proxmox-insecure is true: the server certificate is NOT verified; pin it with proxmox-fingerprint instead',
      '--insecure was given: the server certificate is NOT verified; pin it with --fingerprint instead',
    ],
    ['user:old@pve would be deleted, but allow-deletions is false', 'user:old@pve would be deleted, but --no-deletions was given'],
    [
      'secrets-token: no `secrets-token` was given, but acme/infra PM_TOKEN needs one',
      'GITHUB_SECRETS_TOKEN: no GITHUB_SECRETS_TOKEN was given, but acme/infra PM_TOKEN needs one',
    ],
    [
      'input proxmox-url is required in plan, apply and drift modes (only validate runs offline)',
      'a cluster is needed: set PROXMOX_URL or pass --url https://host:8006',
    ],
    ['trust its CA with `proxmox-ca-cert`', 'trust its CA with --ca-cert'],
  ])('%j', (message, expected) => {
    expect(inCliTerms(message)).toBe(expected);
    expect(inCliTerms(message)).not.toMatch(ACTION_INPUT_NAME);
  });

  it('leaves names that only contain an input name alone', () => {
    const text = 'user proxmox-access@pve, role my-proxmox-url-reader, group allow-deletions-team, token ci-secrets-token';
    expect(inCliTerms(text)).toBe(text);
    expect(text).not.toMatch(ACTION_INPUT_NAME);
  });
});
