/** `prune` patterns: `*` matches any run of characters (also none); everything else is literal. */

const cache = new Map<string, RegExp>();

function compile(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    const source = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    cache.set(pattern, (re = new RegExp(`^${source}$`, 's')));
  }
  return re;
}

/** The first pattern that matches the whole id, if any. */
export function matchingPattern(patterns: readonly string[], id: string): string | undefined {
  return patterns.find((pattern) => compile(pattern).test(id));
}
