import { describe, expect, it } from 'vitest';
import { TOKEN_FORMATS, formatSecret, secretForms } from '../../src/secrets/format.js';
import type { TokenSecret } from '../../src/proxmox/api.js';

const secret: TokenSecret = { fullTokenId: 'terraform-prov@pve!terraform', value: '5a0e2b5c-33a6-4c9e-9d1b-0f6f2c1d7e42' };

describe('formatSecret', () => {
  it('full is the token id and secret joined by =, as the Terraform provider reads it', () => {
    expect(formatSecret(secret, 'full')).toBe('terraform-prov@pve!terraform=5a0e2b5c-33a6-4c9e-9d1b-0f6f2c1d7e42');
  });

  it('secret is the UUID alone', () => {
    expect(formatSecret(secret, 'secret')).toBe('5a0e2b5c-33a6-4c9e-9d1b-0f6f2c1d7e42');
  });

  it('header is the Authorization value PVE accepts for API tokens', () => {
    expect(formatSecret(secret, 'header')).toBe('PVEAPIToken=terraform-prov@pve!terraform=5a0e2b5c-33a6-4c9e-9d1b-0f6f2c1d7e42');
  });

  it('json parses back to the id and the secret', () => {
    const parsed: unknown = JSON.parse(formatSecret(secret, 'json'));
    expect(parsed).toEqual({ id: secret.fullTokenId, secret: secret.value });
    expect(Object.keys(parsed as object)).toEqual(['id', 'secret']);
  });

  it('keeps characters that need escaping intact in json', () => {
    const odd: TokenSecret = { fullTokenId: 'a"b@pve!t', value: 'x\\y"z' };
    expect(JSON.parse(formatSecret(odd, 'json'))).toEqual({ id: 'a"b@pve!t', secret: 'x\\y"z' });
  });
});

describe('secretForms', () => {
  it('lists the raw secret and every format, each containing the secret, without duplicates', () => {
    const forms = secretForms(secret);
    expect(forms).toContain(secret.value);
    for (const format of TOKEN_FORMATS) expect(forms).toContain(formatSecret(secret, format));
    expect(new Set(forms).size).toBe(forms.length);
    for (const form of forms) expect(form).toContain(secret.value);
  });
});
