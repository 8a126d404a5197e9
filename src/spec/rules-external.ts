/**
 * `external: true` marks a user or group that realm sync or another system owns: the spec only
 * refers to it, so anything else declared on it could never be applied and is an error.
 */
import { finding } from '../model/finding.js';
import { specWhere, type SpecRule } from './rule-input.js';

const externalWithFields: SpecRule = {
  code: 'external-with-fields',
  needs: 'spec',
  check: ({ loaded }) => {
    const declaredKeys = (base: string): string[] =>
      [...loaded.positions.keys()]
        .filter((key) => key.startsWith(`${base}.`) && !key.slice(base.length + 1).includes('.') && !key.includes('['))
        .map((key) => key.slice(base.length + 1))
        .filter((key) => key !== 'external');
    const principals = [
      ...Object.values(loaded.spec.users)
        .filter((u) => u.external === true)
        .map((u) => ({ base: `users.${u.userid}`, what: `user '${u.userid}'`, address: `user:${u.userid}` })),
      ...Object.values(loaded.spec.groups)
        .filter((g) => g.external === true)
        .map((g) => ({ base: `groups.${g.groupid}`, what: `group '${g.groupid}'`, address: `group:${g.groupid}` })),
    ];
    return principals.flatMap(({ base, what, address }) =>
      declaredKeys(base).map((key) =>
        finding('error', 'external-with-fields', `${what} is external (left to realm sync), so '${key}' cannot be managed here`, {
          address,
          position: specWhere(loaded, `${base}.${key}`, base),
        }),
      ),
    );
  },
};

export const EXTERNAL_RULES: readonly SpecRule[] = [externalWithFields];
