/**
 * JWT checks as Vault's JWT auth method makes them (through HashiCorp's `cap/jwt` validator):
 * the RS256 signature against the configured JWKS first, then issuer, subject, audience and
 * the time claims with the role's leeways. Each refusal is the validator's own text.
 */
import { createPublicKey, verify } from 'node:crypto';
import type { JsonWebKeySet } from './oidc-tokens.js';

export interface Expected {
  readonly issuer?: string;
  readonly subject?: string;
  readonly audiences: readonly string[];
  /** Seconds; Vault's role defaults are 60, 150 and 150. */
  readonly clockSkewLeeway: number;
  readonly expirationLeeway: number;
  readonly notBeforeLeeway: number;
  readonly nowSeconds: number;
}

export type Verified = { readonly ok: true; readonly claims: Record<string, unknown> } | { readonly ok: false; readonly error: string };

const fail = (error: string): Verified => ({ ok: false, error });

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Verifies the signature only, as the key set does before any claim is looked at. */
export function verifySignature(token: string, jwks: JsonWebKeySet): Verified {
  const parts = token.split('.');
  if (parts.length !== 3) return fail('error verifying token signature: oidc: malformed jwt: compact JWS format must have three parts');
  const header = decodeSegment(parts[0]!);
  const claims = decodeSegment(parts[1]!);
  if (!header || !claims) return fail('error verifying token signature: oidc: malformed jwt: invalid character in JWS segment');
  const candidates = jwks.keys.filter((k) => header.kid === undefined || k.kid === header.kid);
  const signature = Buffer.from(parts[2]!, 'base64url');
  const input = Buffer.from(`${parts[0]}.${parts[1]}`);
  const valid =
    header.alg === 'RS256' &&
    candidates.some((jwk) => verify('sha256', input, createPublicKey({ key: { ...jwk }, format: 'jwk' }), signature));
  return valid ? { ok: true, claims } : fail('error verifying token signature: failed to verify id token signature');
}

const numeric = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : 0);

const audiencesOf = (aud: unknown): string[] =>
  typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];

/** Validates a JWT; the error is what Vault puts after `error validating token: `. */
export function validateJwt(token: string, jwks: JsonWebKeySet, expected: Expected): Verified {
  const signed = verifySignature(token, jwks);
  if (!signed.ok) return signed;
  const { claims } = signed;
  const iat = numeric(claims.iat);
  let exp = numeric(claims.exp);
  let nbf = numeric(claims.nbf);
  if (iat === 0 && exp === 0 && nbf === 0) return fail('no issued at (iat), not before (nbf), or expiration time (exp) claims in token');
  if (exp === 0) exp = Math.max(iat, nbf) + expected.expirationLeeway;
  if (nbf === 0) nbf = iat !== 0 ? iat : exp - expected.notBeforeLeeway;
  if (expected.issuer && expected.issuer !== claims.iss) return fail('invalid issuer (iss) claim');
  if (expected.subject && expected.subject !== claims.sub) return fail('invalid subject (sub) claim');
  const audiences = audiencesOf(claims.aud);
  if (expected.audiences.length > 0 && !expected.audiences.some((a) => audiences.includes(a))) {
    return fail('invalid audience (aud) claim: audience claim does not match any expected audience');
  }
  const now = expected.nowSeconds;
  const skew = expected.clockSkewLeeway;
  if (now + skew < nbf) return fail('invalid not before (nbf) claim: token not yet valid');
  if (now - skew > exp) return fail('invalid expiration time (exp) claim: token is expired');
  if (iat !== 0 && now + skew < iat) return fail('invalid issued at (iat) claim: token issued in the future');
  return { ok: true, claims };
}

/** The `aud` claim as a list (a single audience may be a plain string). */
export { audiencesOf };
