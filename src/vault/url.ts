/** The Vault address: its origin, and the path prefix when Vault is served below one. */
import { oneLine } from '../log-line.js';
import { VaultError } from './errors.js';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * `https://vault.example.com:8200` → origin and base path (a trailing `/v1` is accepted too).
 * The token travels in every request, so plain HTTP is refused except to this machine itself,
 * where a development Vault (`vault server -dev`) or a CI service container listens.
 */
export function parseVaultUrl(url: string): { origin: string; basePath: string } {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new VaultError(`the Vault URL '${oneLine(url)}' is not a URL; expected https://vault.example.com:8200`);
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK.test(parsed.hostname))) {
    throw new VaultError(
      `the Vault URL must use https (plain http only to localhost), got ${oneLine(parsed.protocol)}//${oneLine(parsed.host)}`,
    );
  }
  if (parsed.username || parsed.password || parsed.search || parsed.hash) {
    throw new VaultError('the Vault URL must be only the address: no user, password, query or fragment');
  }
  const prefix = parsed.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
  return { origin: parsed.origin, basePath: prefix };
}
