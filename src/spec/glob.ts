/**
 * `prune` patterns are globs, as the README and the JSON Schema describe them: `*` matches any
 * run of characters (also none), `?` exactly one character, everything else only itself. They
 * are not regular expressions; the spec checks warn about patterns that look like one.
 */

const cache = new Map<string, RegExp>();

function compile(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    let source = '';
    for (const char of pattern) {
      source += char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
    cache.set(pattern, (re = new RegExp(`^${source}$`, 'su')));
  }
  return re;
}

/** Whether the glob matches the whole id. */
export const globMatches = (pattern: string, id: string): boolean => compile(pattern).test(id);

/** The first pattern that matches the whole id, if any. */
export function matchingPattern(patterns: readonly string[], id: string): string | undefined {
  return patterns.find((pattern) => globMatches(pattern, id));
}
