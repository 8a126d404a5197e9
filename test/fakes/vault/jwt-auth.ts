/**
 * Vault's JWT auth method at one mount (`auth/<mount>/login`): a key set the test controls
 * stands in for `jwks_url`, roles bind audiences, claims and a subject, and a successful login
 * issues a fresh service token with the role's policies (plus `default`). Refusals are 400s
 * with the plugin's texts, checked in the plugin's order.
 */
import type { FakeClock } from './clock.js';
import { badRequest, envelope, type VaultReply } from './envelope.js';
import { audiencesOf, validateJwt } from './jwt-verify.js';
import type { JsonWebKeySet } from './oidc-tokens.js';
import type { TokenStore } from './tokens.js';

export interface JwtAuthConfig {
  /** The keys `jwks_url` would serve; called on every login, so rotations show at once. */
  readonly jwks: () => JsonWebKeySet | Promise<JsonWebKeySet>;
  readonly boundIssuer?: string;
  readonly defaultRole?: string;
}

export interface JwtRole {
  readonly boundAudiences?: readonly string[];
  /** Claim → accepted value(s); all must match. */
  readonly boundClaims?: Readonly<Record<string, string | readonly string[]>>;
  /** `glob` lets `*` in bound claim values match anything. */
  readonly boundClaimsType?: 'string' | 'glob';
  readonly boundSubject?: string;
  /** Default `sub`. */
  readonly userClaim?: string;
  readonly tokenPolicies?: readonly string[];
  /** Seconds; default the system TTL of 768 hours. */
  readonly tokenTtl?: number;
  readonly tokenNoDefaultPolicy?: boolean;
  readonly clockSkewLeeway?: number;
  readonly expirationLeeway?: number;
  readonly notBeforeLeeway?: number;
}

const SYSTEM_TTL_SECONDS = 768 * 3600;

export class JwtAuthMount {
  config: JwtAuthConfig | undefined;
  readonly roles = new Map<string, JwtRole>();

  constructor(
    readonly mount: string,
    readonly namespace: string,
  ) {}

  async login(body: Record<string, unknown>, tokens: TokenStore, clock: FakeClock): Promise<VaultReply> {
    if (!this.config) return badRequest('could not load configuration');
    const roleName = (typeof body.role === 'string' && body.role !== '' ? body.role : (this.config.defaultRole ?? '')).toLowerCase();
    if (roleName === '') return badRequest('missing role');
    const role = this.roles.get(roleName);
    if (!role) return badRequest(`role "${roleName}" could not be found`);
    const jwt = typeof body.jwt === 'string' ? body.jwt : '';
    if (jwt === '') return badRequest('missing token');
    const checked = validateJwt(jwt, await this.config.jwks(), {
      ...(this.config.boundIssuer ? { issuer: this.config.boundIssuer } : {}),
      ...(role.boundSubject ? { subject: role.boundSubject } : {}),
      audiences: role.boundAudiences ?? [],
      clockSkewLeeway: role.clockSkewLeeway ?? 60,
      expirationLeeway: role.expirationLeeway ?? 150,
      notBeforeLeeway: role.notBeforeLeeway ?? 150,
      nowSeconds: clock.nowSeconds(),
    });
    if (!checked.ok) return badRequest(`error validating token: ${checked.error}`);
    const { claims } = checked;
    if (audiencesOf(claims.aud).length > 0 && (role.boundAudiences ?? []).length === 0) {
      return badRequest('audience claim found in JWT but no audiences bound to the role');
    }
    const claimError = boundClaimsError(role, claims);
    if (claimError) return badRequest(`error validating claims: ${claimError}`);
    const userClaim = role.userClaim ?? 'sub';
    if (!(userClaim in claims)) return badRequest(`claim "${userClaim}" not found in token`);
    if (typeof claims[userClaim] !== 'string') return badRequest(`claim "${userClaim}" could not be converted to string`);
    const policies = [...(role.tokenNoDefaultPolicy ? [] : ['default']), ...(role.tokenPolicies ?? [])];
    const ttl = role.tokenTtl ?? SYSTEM_TTL_SECONDS;
    const entry = tokens.create({
      policies,
      namespace: this.namespace,
      displayName: `${this.mount}-${claims[userClaim]}`,
      path: `auth/${this.mount}/login`,
      meta: { role: roleName },
      ttl,
      renewable: true,
    });
    return envelope(null, {
      auth: {
        client_token: entry.id,
        accessor: entry.accessor,
        policies: entry.policies,
        token_policies: entry.policies,
        metadata: { role: roleName },
        lease_duration: ttl,
        renewable: true,
        entity_id: entry.entityId,
        token_type: 'service',
        orphan: true,
        mfa_requirement: null,
        num_uses: 0,
      },
    });
  }
}

/** The first bound claim the token does not satisfy, worded as the plugin words it. */
function boundClaimsError(role: JwtRole, claims: Record<string, unknown>): string | undefined {
  for (const [claim, wanted] of Object.entries(role.boundClaims ?? {})) {
    const actual = claims[claim];
    if (actual === undefined || actual === null) return `claim "${claim}" is missing`;
    const actualValues = (Array.isArray(actual) ? actual : [actual]).map(String);
    const wantedValues = typeof wanted === 'string' ? [wanted] : wanted;
    const glob = role.boundClaimsType === 'glob';
    const found = wantedValues.some((w) => actualValues.some((a) => (glob ? globMatch(w, a) : w === a)));
    if (!found) return `claim "${claim}" does not match any associated bound claim values`;
  }
  return undefined;
}

/** `*` matches any run of characters, as the plugin's glob matching does. */
function globMatch(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 's').test(value);
}
