import sodium from 'libsodium-wrappers';
import { beforeAll, describe, expect, it } from 'vitest';
import { sealForGitHub } from '../../src/secrets/seal.js';

/** GitHub's schema pattern for `encrypted_value`. */
const PADDED_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;

describe('sealForGitHub', () => {
  let pair: { publicKey: Uint8Array; privateKey: Uint8Array };
  let publicKey: string;
  beforeAll(async () => {
    await sodium.ready;
    pair = sodium.crypto_box_keypair();
    publicKey = sodium.to_base64(pair.publicKey, sodium.base64_variants.ORIGINAL);
  });

  const open = (sealed: string): string =>
    sodium.to_string(
      sodium.crypto_box_seal_open(sodium.from_base64(sealed, sodium.base64_variants.ORIGINAL), pair.publicKey, pair.privateKey),
    );

  it('opens with the private key to the original value', async () => {
    const value = 'alice@pve!ci=0b3c6f52-3f0e-4d7a-9c55-1b2e8a4d9f10';
    expect(open(await sealForGitHub(value, publicKey))).toBe(value);
  });

  it('emits standard padded base64 that GitHub accepts, 48 bytes longer than the value', async () => {
    // Lengths that exercise every padding case and the characters + and / over many random ephemeral keys.
    for (let length = 1; length <= 40; length++) {
      const value = 'x'.repeat(length);
      const sealed = await sealForGitHub(value, publicKey);
      expect(sealed).toMatch(PADDED_BASE64);
      expect(Buffer.from(sealed, 'base64').length).toBe(length + 48);
    }
  });

  it('never carries the plaintext in the sealed text', async () => {
    const value = 'alice@pve!ci=0b3c6f52-3f0e-4d7a-9c55-1b2e8a4d9f10';
    const sealed = await sealForGitHub(value, publicKey);
    expect(sealed).not.toContain(value);
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain(value);
  });

  it('seals the same value differently each time (fresh ephemeral key)', async () => {
    expect(await sealForGitHub('same', publicKey)).not.toBe(await sealForGitHub('same', publicKey));
  });

  it('keeps multi-byte characters', async () => {
    expect(open(await sealForGitHub('grüße-✓', publicKey))).toBe('grüße-✓');
  });

  it('rejects a key that is not 32 bytes of base64', async () => {
    await expect(sealForGitHub('v', 'not base64!')).rejects.toThrow(/not valid base64/);
    await expect(sealForGitHub('v', Buffer.alloc(16).toString('base64'))).rejects.toThrow(/16 bytes/);
  });
});
