/**
 * Rules for the ids PVE would reject half-way through an apply (groups, users, e-mail addresses,
 * tokens) and for token rotation settings that cannot work. They need nothing but the spec.
 */
import { finding, type Finding } from '../model/finding.js';
import { splitTokenId, TOKEN_NAME_PATTERN, USERID_PATTERN } from '../model/identity.js';
import { EMAIL_PATTERN, LENGTH_LIMITS, ROLE_OR_GROUP_ID_PATTERN, USERID_MIN_LENGTH } from './limits.js';
import type { LoadedSpec } from './model.js';
import { declaredTokens } from './declared-tokens.js';
import { specWhere, type SpecRule } from './rule-input.js';

/** Full token ids written in `acl:` that do not follow PVE's grammar. */
export function malformedAclTokenIds(loaded: LoadedSpec): { fullid: string; index: number }[] {
  return loaded.spec.acl.flatMap((entry, index) =>
    entry.tokens
      .filter((fullid) => {
        const parts = splitTokenId(fullid);
        return !parts || !USERID_PATTERN.test(parts.userid) || !TOKEN_NAME_PATTERN.test(parts.tokenid);
      })
      .map((fullid) => ({ fullid, index })),
  );
}

const invalidGroupId: SpecRule = {
  code: 'invalid-group-id',
  needs: 'spec',
  check: ({ loaded }) =>
    Object.values(loaded.spec.groups)
      .filter((group) => !ROLE_OR_GROUP_ID_PATTERN.test(group.groupid))
      .map((group) =>
        finding('error', 'invalid-group-id', `group name '${group.groupid}' may only contain letters, digits, '.', '-' and '_'`, {
          address: `group:${group.groupid}`,
          position: specWhere(loaded, `groups.${group.groupid}`),
        }),
      ),
};

const invalidUserId: SpecRule = {
  code: 'invalid-user-id',
  needs: 'spec',
  check: ({ loaded }) =>
    Object.values(loaded.spec.users)
      .filter((user) => {
        const length = [...user.userid].length;
        return !USERID_PATTERN.test(user.userid) || length < USERID_MIN_LENGTH || length > LENGTH_LIMITS.userid.max;
      })
      .map((user) => {
        const message = `user id '${user.userid}' must be name@realm (${USERID_MIN_LENGTH} to ${LENGTH_LIMITS.userid.max} characters, no spaces, ':' or '/')`;
        return finding('error', 'invalid-user-id', message, {
          address: `user:${user.userid}`,
          position: specWhere(loaded, `users.${user.userid}`),
        });
      }),
};

const invalidEmail: SpecRule = {
  code: 'invalid-email',
  needs: 'spec',
  check: ({ loaded }) =>
    Object.values(loaded.spec.users)
      .filter((user) => user.email !== '' && !EMAIL_PATTERN.test(user.email))
      .map((user) =>
        finding('error', 'invalid-email', `'${user.email}' does not look like an e-mail address PVE accepts`, {
          address: `user:${user.userid}`,
          position: specWhere(loaded, `users.${user.userid}.email`, `users.${user.userid}`),
        }),
      ),
};

const invalidTokenId: SpecRule = {
  code: 'invalid-token-id',
  needs: 'spec',
  check: ({ loaded }) => {
    const declared: Finding[] = declaredTokens(loaded)
      .filter(({ token }) => !TOKEN_NAME_PATTERN.test(token.tokenid))
      .map(({ token, fullid, base }) =>
        finding(
          'error',
          'invalid-token-id',
          `token id '${token.tokenid}' must start with a letter, be at least 2 characters and contain only letters, digits, '.', '-' and '_'`,
          {
            address: `token:${fullid}`,
            position: specWhere(loaded, base),
          },
        ),
      );
    const referenced = malformedAclTokenIds(loaded).map(({ fullid, index }) =>
      finding('error', 'invalid-token-id', `'${fullid}' is not a full token id (user@realm!token)`, {
        position: specWhere(loaded, `acl.${index}.tokens[${fullid}]`, `acl.${index}.tokens`, `acl.${index}`),
      }),
    );
    return [...declared, ...referenced];
  },
};

const rotateBeforeExceedsLifetime: SpecRule = {
  code: 'rotate-before-exceeds-lifetime',
  needs: 'spec',
  check: ({ loaded }) =>
    declaredTokens(loaded)
      .filter(({ token }) => token.lifetime !== undefined && token.rotateBefore !== undefined && token.rotateBefore >= token.lifetime)
      .map(({ fullid, base }) =>
        finding(
          'error',
          'rotate-before-exceeds-lifetime',
          `token '${fullid}': rotate-before must be shorter than lifetime, or it rotates on every run`,
          {
            address: `token:${fullid}`,
            position: specWhere(loaded, `${base}.rotate-before`, base),
          },
        ),
      ),
};

const rotateBeforeWithoutLifetime: SpecRule = {
  code: 'rotate-before-without-lifetime',
  needs: 'spec',
  check: ({ loaded }) =>
    declaredTokens(loaded)
      .filter(({ token }) => token.lifetime === undefined && token.rotateBefore !== undefined)
      .map(({ fullid, base }) =>
        finding('warning', 'rotate-before-without-lifetime', `token '${fullid}': rotate-before has no effect without a lifetime`, {
          address: `token:${fullid}`,
          position: specWhere(loaded, `${base}.rotate-before`, base),
        }),
      ),
};

export const IDENTITY_RULES: readonly SpecRule[] = [
  invalidGroupId,
  invalidUserId,
  invalidEmail,
  invalidTokenId,
  rotateBeforeExceedsLifetime,
  rotateBeforeWithoutLifetime,
];
