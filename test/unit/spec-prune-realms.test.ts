import { describe, expect, it } from 'vitest';
import { parseSpecText } from '../../src/spec/load.js';
import { validateSpec } from '../../src/spec/validate.js';

describe('prune: realms: patterns', () => {
  it('warns, at its line, about a pattern no realm id can match, as it does for the other kinds', () => {
    const loaded = parseSpecText('version: 1\nprune:\n  realms: ["lab-*", "corp ldap", "^old.*$"]\n', 's.yml');
    const found = validateSpec(loaded).filter((f) => f.code === 'prune-never-matches');
    expect(found.map((f) => [f.position?.line, f.message])).toEqual([
      [3, expect.stringMatching(/^prune pattern "corp ldap" can never match: realm ids hold only .*' ' never occurs in one\.$/)],
      [3, expect.stringMatching(/^prune pattern "\^old\.\*\$" can never match: realm ids .*It looks like a regular expression/)],
    ]);
  });
});
