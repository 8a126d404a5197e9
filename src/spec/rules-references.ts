/**
 * Rules for what the spec refers to without declaring it: groups users belong to, and the roles,
 * groups, users and tokens ACL entries name. Offline a reference must be declared (or a built-in
 * role of the target); at plan time it may also exist on the cluster.
 */
import { finding, type Finding, type SourcePosition } from '../model/finding.js';
import { splitTokenId } from '../model/identity.js';
import { malformedAclTokenIds } from './rules-identities.js';
import type { LoadedSpec } from './model.js';
import { builtinRoleMajors, builtinRolesOf, LATEST_MAJOR } from './pve-catalog.js';
import { specWhere, targetText, type ServerFacts, type SpecRule, type SpecRuleInput } from './rule-input.js';

type Kind = 'roles' | 'groups' | 'users' | 'tokens';

interface Reference {
  readonly id: string;
  /** At the item itself, so validate and plan point at the same place. */
  readonly at: SourcePosition;
  readonly context: string;
  readonly address?: string;
}

/** References of one kind in `acl:` blocks, in file order. */
function aclReferences(loaded: LoadedSpec, kind: Kind): Reference[] {
  return loaded.spec.acl.flatMap((entry, n) =>
    entry[kind].map((id) => ({
      id,
      at: specWhere(loaded, `acl.${n}.${kind}[${id}]`, `acl.${n}.${kind}`, `acl.${n}`),
      context: `ACL entry ${n + 1}`,
    })),
  );
}

function groupReferences(loaded: LoadedSpec): Reference[] {
  const memberships = Object.values(loaded.spec.users).flatMap((user) =>
    user.groups.map((id) => ({
      id,
      at: specWhere(loaded, `users.${user.userid}.groups[${id}]`, `users.${user.userid}.groups`, `users.${user.userid}`),
      context: `user '${user.userid}'`,
      address: `user:${user.userid}`,
    })),
  );
  return [...memberships, ...aclReferences(loaded, 'groups')];
}

/** At plan time: the one wording for a reference the spec and the cluster both lack. */
function missingOnServer(code: string, what: string, refs: readonly Reference[], exists: (id: string) => boolean): Finding[] {
  return refs
    .filter((ref) => !exists(ref.id))
    .map((ref) =>
      finding('error', code, `${ref.context}: ${what} '${ref.id}' is neither declared in the spec nor present on the cluster`, {
        address: ref.address,
        position: ref.at,
      }),
    );
}

const unknownGroup: SpecRule = {
  code: 'unknown-group',
  needs: 'spec',
  check: ({ loaded, options, server }) => {
    const declared = (id: string) => Object.hasOwn(loaded.spec.groups, id);
    const refs = groupReferences(loaded);
    if (server) return missingOnServer('unknown-group', 'group', refs, (id) => declared(id) || Object.hasOwn(server.live.groups, id));
    const existing = new Set(options.existingGroups ?? []);
    return refs
      .filter((ref) => !declared(ref.id) && !existing.has(ref.id))
      .map((ref) =>
        finding('error', 'unknown-group', `${ref.context}: group '${ref.id}' is not declared under groups`, { position: ref.at }),
      );
  },
};

/** Offline only: at plan time an undeclared group on the cluster is simply not managed, as the README's ownership rules say. */
const unmanagedGroup: SpecRule = {
  code: 'unmanaged-group',
  needs: 'spec',
  check: ({ loaded, options, server }) => {
    const existing = new Set(options.existingGroups ?? []);
    if (server || existing.size === 0) return [];
    return groupReferences(loaded)
      .filter((ref) => !Object.hasOwn(loaded.spec.groups, ref.id) && existing.has(ref.id))
      .map((ref) =>
        finding(
          'notice',
          'unmanaged-group',
          `${ref.context}: group '${ref.id}' exists on the server but is not declared, so it is not managed`,
          { position: ref.at },
        ),
      );
  },
};

/** Offline: undeclared roles of an ACL entry the catalogue does not have as built-in roles of the target. */
function unknownRolesOffline({ loaded, options }: SpecRuleInput): { ref: Reference; builtinIn: number[]; inTarget: boolean }[] {
  const major = options.pveMajor;
  const builtinRoles = major !== undefined ? new Set(Object.keys(builtinRolesOf(major))) : undefined;
  return aclReferences(loaded, 'roles')
    .filter((ref) => !Object.hasOwn(loaded.spec.roles, ref.id))
    .map((ref) => {
      const builtinIn = builtinRoleMajors(ref.id);
      return { ref, builtinIn, inTarget: builtinRoles ? builtinRoles.has(ref.id) : builtinIn.includes(LATEST_MAJOR) };
    })
    .filter(({ inTarget }) => !inTarget);
}

const unknownRole: SpecRule = {
  code: 'unknown-role',
  needs: 'spec',
  check: (input) => {
    const { loaded, options, server } = input;
    if (server)
      return missingOnServer(
        'unknown-role',
        'role',
        aclReferences(loaded, 'roles'),
        (id) => Object.hasOwn(loaded.spec.roles, id) || Object.hasOwn(server.live.roles, id),
      );
    return (
      unknownRolesOffline(input)
        // Without a target, a built-in role of an older release is only a warning (role-not-in-latest-version).
        .filter(({ builtinIn }) => options.pveMajor !== undefined || builtinIn.length === 0)
        .map(({ ref, builtinIn }) => {
          const also = builtinIn.length > 0 ? ` (it is built-in only in PVE ${builtinIn.join(', ')})` : '';
          return finding(
            'error',
            'unknown-role',
            `role '${ref.id}' is neither declared under roles nor a built-in role of ${targetText(options.pveMajor)}${also}`,
            { position: ref.at },
          );
        })
    );
  },
};

const roleNotInLatestVersion: SpecRule = {
  code: 'role-not-in-latest-version',
  needs: 'spec',
  check: (input) => {
    if (input.server || input.options.pveMajor !== undefined) return [];
    return unknownRolesOffline(input)
      .filter(({ builtinIn }) => builtinIn.length > 0)
      .map(({ ref, builtinIn }) =>
        finding('warning', 'role-not-in-latest-version', `built-in role '${ref.id}' exists only in PVE ${builtinIn.join(', ')}`, {
          position: ref.at,
        }),
      );
  },
};

const unknownUser: SpecRule = {
  code: 'unknown-user',
  needs: 'spec',
  check: ({ loaded, server }) => {
    const refs = aclReferences(loaded, 'users');
    if (server)
      return missingOnServer(
        'unknown-user',
        'user',
        refs,
        (id) => Object.hasOwn(loaded.spec.users, id) || Object.hasOwn(server.live.users, id),
      );
    return refs
      .filter((ref) => !Object.hasOwn(loaded.spec.users, ref.id))
      .map((ref) => finding('error', 'unknown-user', `ACL subject '${ref.id}' is not declared under users`, { position: ref.at }));
  },
};

/** At plan time a token exists if its user declares it, or, for a user whose tokens the spec leaves alone, if the cluster has it. */
function tokenExists(loaded: LoadedSpec, server: ServerFacts, fullid: string): boolean {
  const split = splitTokenId(fullid);
  if (!split) return false;
  const declared = loaded.spec.users[split.userid]?.tokens;
  if (declared !== undefined) return Object.hasOwn(declared, split.tokenid);
  return Object.hasOwn(server.live.users[split.userid]?.tokens ?? {}, split.tokenid);
}

/** Offline: well-formed token references with what the spec says about each. */
function tokenReferences(loaded: LoadedSpec): { ref: Reference; problem?: string; privsep?: boolean }[] {
  const malformed = new Set(malformedAclTokenIds(loaded).map(({ fullid }) => fullid));
  return aclReferences(loaded, 'tokens')
    .filter((ref) => !malformed.has(ref.id))
    .map((ref) => {
      const { userid, tokenid } = splitTokenId(ref.id)!;
      const owner = loaded.spec.users[userid];
      if (!owner) return { ref, problem: `ACL subject '${ref.id}': user '${userid}' is not declared under users` };
      if (!owner.tokens) return { ref, problem: `ACL subject '${ref.id}' is not declared: add it under users.${userid}.tokens` };
      const token = owner.tokens[tokenid];
      return token ? { ref, privsep: token.privsep } : { ref, problem: `ACL subject '${ref.id}' is not among the tokens of ${userid}` };
    });
}

const unknownToken: SpecRule = {
  code: 'unknown-token',
  needs: 'spec',
  check: ({ loaded, server }) => {
    if (server) return missingOnServer('unknown-token', 'token', aclReferences(loaded, 'tokens'), (id) => tokenExists(loaded, server, id));
    return tokenReferences(loaded).flatMap(({ ref, problem }) =>
      problem === undefined ? [] : [finding('error', 'unknown-token', problem, { position: ref.at })],
    );
  },
};

const aclIgnoredForToken: SpecRule = {
  code: 'acl-ignored-for-token',
  needs: 'spec',
  check: ({ loaded }) =>
    tokenReferences(loaded)
      .filter(({ privsep }) => privsep === false)
      .map(({ ref }) =>
        finding(
          'warning',
          'acl-ignored-for-token',
          `token '${ref.id}' has privsep: false, so PVE ignores its own ACL entries (it acts with its user's privileges)`,
          {
            position: ref.at,
          },
        ),
      ),
};

export const REFERENCE_RULES: readonly SpecRule[] = [
  unknownGroup,
  unmanagedGroup,
  unknownRole,
  roleNotInLatestVersion,
  unknownUser,
  unknownToken,
  aclIgnoredForToken,
];
