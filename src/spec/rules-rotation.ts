/**
 * Rules for `rotation: overlap` (README, "Tokens and rotation"): the new generation has a new id,
 * so its consumers must be told the id along with the secret; `overlap` means nothing without
 * it; and a declared token must not take an id that an overlap rotation hands out.
 */
import { finding } from '../model/finding.js';
import { generationOf } from '../model/token-generations.js';
import type { LoadedSpec } from './model.js';
import { declaredTokens, type DeclaredToken } from './declared-tokens.js';
import { specWhere, type SpecRule } from './rule-input.js';

const overlap = (loaded: LoadedSpec): DeclaredToken[] => declaredTokens(loaded).filter(({ token }) => token.rotation === 'overlap');

const overlapFormatSecret: SpecRule = {
  code: 'overlap-format-secret',
  needs: 'spec',
  check: ({ loaded }) =>
    overlap(loaded)
      .filter(({ token }) => token.format === 'secret')
      .map(({ fullid, base }) =>
        finding(
          'error',
          'overlap-format-secret',
          `token '${fullid}': rotation overlap gives each new secret a new token id, which format secret does not carry; use full, header or json`,
          { address: `token:${fullid}`, position: specWhere(loaded, `${base}.format`, `${base}.rotation`, base) },
        ),
      ),
};

const overlapWithoutRotation: SpecRule = {
  code: 'overlap-without-rotation',
  needs: 'spec',
  check: ({ loaded }) =>
    declaredTokens(loaded)
      .filter(({ token }) => token.overlap !== undefined && token.rotation !== 'overlap')
      .map(({ fullid, base }) =>
        finding('error', 'overlap-without-rotation', `token '${fullid}': overlap applies only with rotation: overlap`, {
          address: `token:${fullid}`,
          position: specWhere(loaded, `${base}.overlap`, base),
        }),
      ),
};

const overlapGenerationName: SpecRule = {
  code: 'overlap-generation-name',
  needs: 'spec',
  check: ({ loaded }) =>
    overlap(loaded).flatMap(({ user, token, fullid }) =>
      Object.values(user.tokens ?? {})
        .filter((other) => other.tokenid !== token.tokenid && generationOf(token.tokenid, other.tokenid) !== undefined)
        .map((other) =>
          finding(
            'error',
            'overlap-generation-name',
            `token '${user.userid}!${other.tokenid}' has the id a rotation of '${fullid}' (rotation: overlap) would give its next generation; rename one of them`,
            {
              address: `token:${user.userid}!${other.tokenid}`,
              position: specWhere(loaded, `users.${user.userid}.tokens.${other.tokenid}`),
            },
          ),
        ),
    ),
};

export const ROTATION_RULES: readonly SpecRule[] = [overlapFormatSecret, overlapWithoutRotation, overlapGenerationName];
