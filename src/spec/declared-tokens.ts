import type { LoadedSpec, TokenSpec, UserSpec } from './model.js';

/** A declared token with its owner and where it is written, for rules that point at its lines. */
export interface DeclaredToken {
  readonly user: UserSpec;
  readonly token: TokenSpec;
  readonly fullid: string;
  /** The key path of the token in the spec, e.g. `users.ci@pve.tokens.deploy`. */
  readonly base: string;
}

export function declaredTokens(loaded: LoadedSpec): DeclaredToken[] {
  return Object.values(loaded.spec.users).flatMap((user) =>
    Object.values(user.tokens ?? {}).map((token) => ({
      user,
      token,
      fullid: `${user.userid}!${token.tokenid}`,
      base: `users.${user.userid}.tokens.${token.tokenid}`,
    })),
  );
}
