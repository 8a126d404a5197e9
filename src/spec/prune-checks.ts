/**
 * `prune` patterns PVE would take without complaint but that almost surely do not say what their
 * author meant: a pattern no id can ever match, often a regular expression written where a glob
 * belongs. (prune-kept.ts covers patterns that reach a user prune never deletes.) Pure.
 */
import { finding, type Finding } from '../model/finding.js';
import { REALM_PATTERN } from '../model/identity.js';
import { LENGTH_LIMITS } from './limits.js';
import type { LoadedSpec } from './model.js';

type PruneKind = 'users' | 'roles' | 'groups' | 'pools' | 'realms';

const ID_RULES: Readonly<Record<PruneKind, string>> = {
  users: "user ids are name@realm, with no whitespace, ':' or '/', and end in a realm of letters, digits, '.', '-' and '_'",
  roles: "role ids hold only letters, digits, '.', '-' and '_'",
  groups: "group ids hold only letters, digits, '.', '-' and '_'",
  pools: "pool ids hold only letters, digits, '.', '-', '_' and '/' between levels",
  realms: "realm ids hold only letters, digits, '.', '-' and '_'",
};

const ID_CHAR = /^[A-Za-z0-9.\-_]$/;
const REGEX_SYNTAX = /[\^$[\](){}+|\\]/;

/** Why no id of this kind can ever match the glob, or undefined when some id can. */
export function whyNeverMatches(kind: PruneKind, pattern: string): string | undefined {
  const chars = [...pattern];
  if (kind !== 'users') {
    const bad = chars.find((c) => c !== '*' && c !== '?' && !ID_CHAR.test(c) && !(kind === 'pools' && c === '/'));
    return bad === undefined ? undefined : `'${bad}' never occurs in one`;
  }
  const bad = chars.find((c) => /[\s:/]/u.test(c));
  if (bad !== undefined) return `${bad === ':' || bad === '/' ? `'${bad}'` : 'whitespace'} never occurs in one`;
  const lastAt = pattern.lastIndexOf('@');
  const lastStar = pattern.lastIndexOf('*');
  if (lastAt < 0 && lastStar < 0 && !pattern.includes('?')) return 'it has no @realm part';
  if (lastStar > lastAt) {
    // The id ends inside its realm, so whatever the last * leaves over must fit a realm.
    const tail = [...pattern.slice(lastStar + 1)].find((c) => c !== '?' && !ID_CHAR.test(c));
    return tail === undefined ? undefined : `'${tail}' cannot occur in the realm at its end`;
  }
  const realm = pattern.slice(lastAt + 1);
  // A ? could stand for the @ itself, which moves the realm; judge only plain realms.
  if (realm.includes('?')) return undefined;
  if (!REALM_PATTERN.test(realm)) return `'${realm}' cannot be a realm (a letter, then at least one letter, digit, '.', '-' or '_')`;
  if ([...realm].length > LENGTH_LIMITS.realm.max)
    return `realm '${realm}' is longer than ${LENGTH_LIMITS.realm.max} characters, so it can never exist`;
  return undefined;
}

/** Patterns of `prune` that can never match anything. */
export function unmatchablePruneFindings(loaded: LoadedSpec): Finding[] {
  const out: Finding[] = [];
  for (const kind of ['users', 'roles', 'groups', 'pools', 'realms'] as const) {
    for (const pattern of loaded.spec.prune[kind] ?? []) {
      const why = whyNeverMatches(kind, pattern);
      if (why === undefined) continue;
      const regex = REGEX_SYNTAX.test(pattern)
        ? ' It looks like a regular expression: prune patterns are globs, where * matches any run of characters and ? one character.'
        : '';
      out.push(
        finding('warning', 'prune-never-matches', `prune pattern "${pattern}" can never match: ${ID_RULES[kind]}, and ${why}.${regex}`, {
          position: loaded.positions.get(`prune.${kind}[${pattern}]`) ?? loaded.positions.get(`prune.${kind}`),
        }),
      );
    }
  }
  return out;
}
