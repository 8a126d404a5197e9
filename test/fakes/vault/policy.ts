/**
 * Vault's ACL policies: path rules with capabilities, `*` as a trailing glob and `+` as one
 * whole path segment. Rules of several policies for the same path add up, and `deny` on a path
 * wins over everything granted there. When several patterns match a path, the most specific
 * one alone decides, ranked as Vault's policy documentation describes.
 */

export const CAPABILITIES = ['create', 'read', 'update', 'patch', 'delete', 'list', 'sudo', 'deny'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** A policy as path pattern → capabilities, the JSON form of Vault's policy language. */
export type PolicyRules = Readonly<Record<string, readonly Capability[]>>;

/** Parses the `path "…" { capabilities = [...] }` blocks of a policy written in HCL. */
export function parsePolicyHcl(text: string): PolicyRules {
  const rules: Record<string, Capability[]> = {};
  const block = /path\s+"([^"]*)"\s*\{\s*capabilities\s*=\s*\[([^\]]*)\]\s*\}/g;
  for (const m of text.matchAll(block)) {
    const caps = [...m[2]!.matchAll(/"([^"]*)"/g)].map((c) => c[1]!);
    for (const cap of caps) {
      if (!(CAPABILITIES as readonly string[]).includes(cap)) throw new Error(`invalid capability "${cap}" in policy`);
    }
    rules[m[1]!] = [...(rules[m[1]!] ?? []), ...(caps as Capability[])];
  }
  const rest = text
    .replace(block, '')
    .replace(/#[^\n]*/g, '')
    .trim();
  if (rest !== '') throw new Error(`policy text not understood: ${rest.slice(0, 60)}`);
  return rules;
}

interface Candidate {
  readonly pattern: string;
  /** Index of the first `+` or `*`. */
  readonly firstWildcard: number;
  readonly plusCount: number;
  readonly isGlob: boolean;
  readonly caps: ReadonlySet<Capability>;
}

/** The ACL of one token: the merged rules of all its policies. */
export class Acl {
  readonly #rules = new Map<string, Set<Capability>>();

  constructor(policies: readonly PolicyRules[]) {
    for (const policy of policies) {
      for (const [pattern, caps] of Object.entries(policy)) {
        const merged = this.#rules.get(pattern) ?? new Set<Capability>();
        for (const cap of caps) merged.add(cap);
        this.#rules.set(pattern, merged);
      }
    }
  }

  /** What the rules allow on `path`; empty when nothing matches or the matching rule denies. */
  capabilities(path: string): Set<Capability> {
    // An exact rule wins; a listing (its path ends in `/`) also finds the exact rule without it.
    const caps = this.#rules.get(path) ?? (path.endsWith('/') ? this.#rules.get(path.slice(0, -1)) : undefined) ?? this.#match(path);
    if (!caps || caps.has('deny')) return new Set();
    return new Set(caps);
  }

  allows(path: string, cap: Capability): boolean {
    return this.capabilities(path).has(cap);
  }

  /** Whether any rule grants something at or below `prefix` (Vault's test for a mount's visibility). */
  grantsBelow(prefix: string): boolean {
    for (const [pattern, caps] of this.#rules) {
      if (caps.has('deny') || caps.size === 0) continue;
      const literal = pattern.split(/[+*]/)[0]!;
      if (literal.startsWith(prefix) || prefix.startsWith(literal)) return true;
    }
    return false;
  }

  #match(path: string): ReadonlySet<Capability> | undefined {
    const candidates: Candidate[] = [];
    for (const [pattern, caps] of this.#rules) {
      const hasPlus = pattern.includes('+');
      const isGlob = pattern.endsWith('*');
      if (!hasPlus && !isGlob) continue;
      if (!matches(pattern, path)) continue;
      const plus = pattern.indexOf('+');
      const firstWildcard = plus >= 0 ? plus : pattern.length - 1;
      candidates.push({ pattern, firstWildcard, plusCount: pattern.split('+').length - 1, isGlob, caps });
    }
    if (candidates.length === 0) return undefined;
    candidates.sort(lowerPriorityFirst);
    return candidates[candidates.length - 1]!.caps;
  }
}

/** Orders matching patterns from least to most specific. */
function lowerPriorityFirst(a: Candidate, b: Candidate): number {
  if (a.firstWildcard !== b.firstWildcard) return a.firstWildcard - b.firstWildcard;
  if (a.isGlob !== b.isGlob) return a.isGlob ? -1 : 1;
  if (a.plusCount !== b.plusCount) return b.plusCount - a.plusCount;
  if (a.pattern.length !== b.pattern.length) return a.pattern.length - b.pattern.length;
  return a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0;
}

/** `+` stands for one segment; a trailing `*` for any rest, even across segments. */
function matches(pattern: string, path: string): boolean {
  const glob = pattern.endsWith('*');
  const body = glob ? pattern.slice(0, -1) : pattern;
  const patternSegments = body.split('/');
  const pathSegments = path.split('/');
  for (let i = 0; i < patternSegments.length; i++) {
    const want = patternSegments[i]!;
    const last = i === patternSegments.length - 1;
    const have = pathSegments[i];
    if (have === undefined) return false;
    if (last && glob) {
      if (want === '+') return true;
      return have.startsWith(want);
    }
    if (want === '+') {
      if (have === '') return false;
      continue;
    }
    if (want !== have) return false;
  }
  return glob ? true : pathSegments.length === patternSegments.length;
}

/** The policy every token gets unless its role says otherwise (the part that matters here). */
export const DEFAULT_POLICY: PolicyRules = {
  'auth/token/lookup-self': ['read'],
  'auth/token/renew-self': ['update'],
  'auth/token/revoke-self': ['update'],
  'sys/capabilities-self': ['update'],
  'sys/internal/ui/resultant-acl': ['read'],
  'cubbyhole/*': ['create', 'read', 'update', 'delete', 'list'],
};
