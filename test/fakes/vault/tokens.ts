/**
 * Vault tokens: random `hvs.` service tokens with policies, a namespace, a TTL on the fake's
 * clock and a use count; revoked or expired tokens are simply gone, as in Vault's token store.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { FakeClock } from './clock.js';

export interface TokenEntry {
  readonly id: string;
  readonly accessor: string;
  readonly policies: readonly string[];
  /** `''` for the root namespace, else the namespace path without a trailing slash. */
  readonly namespace: string;
  readonly displayName: string;
  /** The path that created it, e.g. `auth/jwt/login` or `auth/token/create`. */
  readonly path: string;
  readonly meta: Readonly<Record<string, string>> | null;
  /** Seconds since the epoch. */
  readonly creationTime: number;
  /** Seconds; 0 never expires. */
  readonly ttl: number;
  readonly entityId: string;
  readonly renewable: boolean;
}

export interface NewToken {
  readonly policies: readonly string[];
  readonly namespace?: string;
  readonly displayName?: string;
  readonly path?: string;
  readonly meta?: Record<string, string> | null;
  readonly ttl?: number;
  /** A fixed id, for tests that need a known token; random otherwise. */
  readonly id?: string;
  readonly renewable?: boolean;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random characters from Vault's token alphabet. */
export function randomToken(length: number): string {
  return [...randomBytes(length)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

export class TokenStore {
  readonly #tokens = new Map<string, TokenEntry>();
  readonly #revoked: TokenEntry[] = [];

  constructor(private readonly clock: FakeClock) {}

  create(spec: NewToken): TokenEntry {
    const entry: TokenEntry = {
      id: spec.id ?? `hvs.${randomToken(24)}`,
      accessor: randomToken(24),
      policies: [...new Set(spec.policies)].sort(),
      namespace: spec.namespace ?? '',
      displayName: spec.displayName ?? 'token',
      path: spec.path ?? 'auth/token/create',
      meta: spec.meta ?? null,
      creationTime: this.clock.nowSeconds(),
      ttl: spec.ttl ?? 0,
      entityId: spec.path?.startsWith('auth/token') === false ? randomUUID() : '',
      renewable: spec.renewable ?? spec.ttl !== undefined,
    };
    this.#tokens.set(entry.id, entry);
    return entry;
  }

  /** The live entry of a token, or undefined when it never existed, was revoked or expired. */
  lookup(id: string): TokenEntry | undefined {
    const entry = this.#tokens.get(id);
    if (!entry) return undefined;
    if (entry.ttl > 0 && this.clock.nowSeconds() >= entry.creationTime + entry.ttl) {
      this.#tokens.delete(id);
      return undefined;
    }
    return entry;
  }

  revoke(id: string): boolean {
    const entry = this.#tokens.get(id);
    if (!entry) return false;
    this.#tokens.delete(id);
    this.#revoked.push(entry);
    return true;
  }

  /** Seconds left before expiry; 0 for tokens that never expire. */
  remaining(entry: TokenEntry): number {
    return entry.ttl === 0 ? 0 : Math.max(0, entry.creationTime + entry.ttl - this.clock.nowSeconds());
  }

  /** Tokens that would still be accepted now. */
  live(): TokenEntry[] {
    return [...this.#tokens.keys()].map((id) => this.lookup(id)).filter((e): e is TokenEntry => e !== undefined);
  }

  /** Tokens revoked through the API or by a test, in order. */
  revoked(): readonly TokenEntry[] {
    return this.#revoked;
  }
}
