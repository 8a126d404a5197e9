/**
 * The shapes a token secret is handed over in (a token's `format` in the spec, see README).
 * Consumers pick the one their tool reads: Terraform's provider takes `full`, curl scripts the
 * `header`, others the UUID.
 */
import type { TokenSecret } from '../proxmox/api.js';
import type { TokenFormat } from '../spec/model.js';

export const TOKEN_FORMATS: readonly TokenFormat[] = ['full', 'secret', 'header', 'json'];

/**
 * - `full`: `user@realm!tokenid=<uuid>`
 * - `secret`: the UUID alone
 * - `header`: the whole `Authorization` header value PVE expects, `PVEAPIToken=user@realm!tokenid=<uuid>`
 * - `json`: `{"id":"user@realm!tokenid","secret":"<uuid>"}`
 */
export function formatSecret(secret: TokenSecret, format: TokenFormat): string {
  switch (format) {
    case 'full':
      return `${secret.fullTokenId}=${secret.value}`;
    case 'secret':
      return secret.value;
    case 'header':
      return `PVEAPIToken=${secret.fullTokenId}=${secret.value}`;
    case 'json':
      return JSON.stringify({ id: secret.fullTokenId, secret: secret.value });
  }
}

/**
 * Every string that carries the secret, for masking: the runner's masker matches exact strings,
 * and a derived form printed before it is registered would show in clear.
 */
export function secretForms(secret: TokenSecret): string[] {
  const forms = [secret.value, ...TOKEN_FORMATS.map((f) => formatSecret(secret, f))];
  return [...new Set(forms)];
}
