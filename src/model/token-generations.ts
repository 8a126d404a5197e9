/**
 * Token generations (README, "Tokens and rotation"): a token rotated with `rotation: overlap`
 * gets a new id beside the old one, the declared name plus `-N`. The declared name itself is
 * generation 1; `-2`, `-3`, … follow, without leading zeros, so every id maps to one generation.
 * Appending `-N` to a valid token name gives a valid one (PVE's grammar allows `-` and digits
 * after the first letter and sets no maximum length).
 */
import type { LiveToken } from './live-state.js';

const SUFFIX = /^-([2-9]|[1-9]\d+)$/;

/** The id of generation `n` of the token declared as `name`. */
export const generationTokenId = (name: string, n: number): string => (n <= 1 ? name : `${name}-${n}`);

/** Which generation of `name` the token `tokenid` is; undefined when it is none. */
export function generationOf(name: string, tokenid: string): number | undefined {
  if (tokenid === name) return 1;
  if (!tokenid.startsWith(name)) return undefined;
  const match = SUFFIX.exec(tokenid.slice(name.length));
  return match ? Number(match[1]) : undefined;
}

export interface TokenGeneration {
  readonly generation: number;
  readonly token: LiveToken;
}

/** The live generations of `name` among a user's tokens, oldest first; the last one is current. */
export function liveGenerations(name: string, tokens: Readonly<Record<string, LiveToken>>): TokenGeneration[] {
  const found: TokenGeneration[] = [];
  for (const token of Object.values(tokens)) {
    const generation = generationOf(name, token.tokenid);
    if (generation !== undefined) found.push({ generation, token });
  }
  return found.sort((a, b) => a.generation - b.generation);
}

/** Whether a declared token is on the cluster: under its name, or (rotated with overlap) as any generation. */
export function tokenOnCluster(tokens: Readonly<Record<string, LiveToken>> | undefined, name: string, overlap: boolean): boolean {
  if (!tokens) return false;
  return tokens[name] !== undefined || (overlap && liveGenerations(name, tokens).length > 0);
}
