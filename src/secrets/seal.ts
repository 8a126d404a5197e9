/**
 * GitHub's secrets API only accepts values sealed to the scope's public key with libsodium's
 * sealed box (X25519 + XSalsa20-Poly1305, anonymous sender). Only GitHub can open them again.
 */
import sodium from 'libsodium-wrappers';

/**
 * Seals `value` to `publicKeyBase64` (as served by a `.../secrets/public-key` endpoint) and returns
 * standard padded base64: libsodium's default variant is URL-safe without padding, which GitHub rejects.
 */
export async function sealForGitHub(value: string, publicKeyBase64: string): Promise<string> {
  await sodium.ready;
  let key: Uint8Array;
  try {
    key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL);
  } catch {
    throw new Error('the public key GitHub returned is not valid base64');
  }
  if (key.length !== sodium.crypto_box_PUBLICKEYBYTES) {
    throw new Error(`the public key GitHub returned has ${key.length} bytes, not ${sodium.crypto_box_PUBLICKEYBYTES}`);
  }
  const sealed = sodium.crypto_box_seal(sodium.from_string(value), key);
  return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL);
}
