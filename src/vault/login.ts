/**
 * The JWT login's answer: the client token (masked the moment it is found) and what the token
 * may do, or, for a refusal, an error that explains it with the claim the role did not accept.
 */
import { VaultLoginRefused, VaultOidcTokenExpired } from './errors.js';
import { jwtClaims } from './github-oidc.js';
import { errorReasons } from './transport.js';

/** What a login gives the caller: never the token, which the client keeps. */
export interface VaultLogin {
  readonly policies: readonly string[];
  /** Seconds the token is valid; 0 for one that does not expire. */
  readonly ttlSeconds: number;
}

/** The token and the login's description; undefined when the answer carries no token. */
export function parseLogin(json: unknown, mask: (value: string) => void): { token: string; login: VaultLogin } | undefined {
  const auth = (json as { auth?: Record<string, unknown> | null } | undefined)?.auth;
  const token = auth?.client_token;
  if (typeof token !== 'string' || token === '') return undefined;
  mask(token);
  const policies = Array.isArray(auth?.policies) ? auth.policies.filter((p): p is string => typeof p === 'string') : [];
  const ttlSeconds = typeof auth?.lease_duration === 'number' ? auth.lease_duration : 0;
  return { token, login: { policies, ttlSeconds } };
}

/** The error for a 400 or 403 answer to the login, with a hint taken from the token's own claims. */
export function loginRefusal(mount: string, role: string, jwt: string, json: unknown): VaultLoginRefused {
  const reasons = errorReasons(json);
  const reason = reasons.join('; ') || 'Vault gave no reason';
  if (reasons.some((r) => /token is expired/.test(r))) return new VaultOidcTokenExpired(mount, role, reason);
  return new VaultLoginRefused(mount, role, reason, hintFor(mount, reason, jwtClaims(jwt)));
}

/** Claims are descriptions of the run (repository, ref, audience), not credentials. */
function hintFor(mount: string, reason: string, claims: Record<string, unknown>): string | undefined {
  const claim = /claim "([^"]+)" does not match/.exec(reason)?.[1];
  if (claim !== undefined) {
    return `this run's token has ${claim} '${String(claims[claim])}'; the role's bound_claims must accept it`;
  }
  if (/invalid audience \(aud\)/.test(reason)) {
    const aud = Array.isArray(claims.aud) ? claims.aud.join(', ') : String(claims.aud);
    return `the token was issued for the audience '${aud}'; set vault-audience to one of the role's bound_audiences`;
  }
  if (/could not be found/.test(reason)) return `check vault-role against the roles of auth/${mount}`;
  if (/missing client token|permission denied/.test(reason)) return `is a JWT auth method enabled at auth/${mount}?`;
  if (/token (not yet valid|issued in the future)/.test(reason)) return "Vault's clock is behind GitHub's";
  return undefined;
}
