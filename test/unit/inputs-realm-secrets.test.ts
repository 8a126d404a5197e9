/** The realm-secrets and set-realm-secrets inputs: every secret masked on its own, errors that never quote one. */
import { describe, expect, it } from 'vitest';
import { maskCredentialInputs, readInputs } from '../../src/inputs.js';
import { inputError, reader } from './input-reader.js';

const CONNECTION = {
  mode: 'plan',
  'proxmox-url': 'https://pve.example:8006',
  'proxmox-token-id': 'ci@pve!gha',
  'proxmox-token-secret': 'x',
};
const SECRETS = JSON.stringify({ ldap1: 'bind-pw-1f9a', sso: 'client-key-77c0' });

describe('realm-secrets', () => {
  it('masks the input as given and each secret in it', () => {
    const masks: string[] = [];
    maskCredentialInputs(reader({ 'realm-secrets': SECRETS }), (value) => masks.push(value));
    expect(masks).toEqual([SECRETS, 'bind-pw-1f9a', 'client-key-77c0']);
  });

  it('reads a JSON object of realm id → secret, and the realms to set again', () => {
    const inputs = readInputs(reader({ ...CONNECTION, 'realm-secrets': SECRETS, 'set-realm-secrets': 'ldap1, ldap1' }));
    expect(inputs.realmSecrets).toEqual({ ldap1: 'bind-pw-1f9a', sso: 'client-key-77c0' });
    expect(inputs.setRealmSecrets).toEqual(['ldap1']);
    expect(readInputs(reader(CONNECTION)).realmSecrets).toBeUndefined();
  });

  it.each([
    ['{"ldap1": "bind-pw-1f9a"', /not valid JSON/],
    ['["bind-pw-1f9a"]', /must be a JSON object of realm id → secret$/],
    ['{"ldap1": 42}', /the value for realm 'ldap1' must be a non-empty string/],
  ])('refuses %s without quoting it', (value, message) => {
    const error = inputError({ ...CONNECTION, 'realm-secrets': value });
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('bind-pw-1f9a');
  });

  it('refuses set-realm-secrets for a realm the secrets do not name', () => {
    expect(inputError({ ...CONNECTION, 'realm-secrets': SECRETS, 'set-realm-secrets': 'corp' }).message).toBe(
      "set-realm-secrets names realm 'corp', but realm-secrets holds no secret for it",
    );
    expect(inputError({ ...CONNECTION, 'set-realm-secrets': 'x y' }).message).toMatch(/'x y' is not a realm id/);
  });
});
