/**
 * PVE's id grammar for users and tokens, and the one user PVE treats apart: `root@pam`, which
 * always holds every privilege and is never deleted.
 */

export const ROOT_USER = 'root@pam';

/** A realm id, and a token's own name (the part after `!`): a letter, then at least one more of `A-Za-z0-9.-_`. */
const NAME = '[A-Za-z][A-Za-z0-9.\\-_]+';

/**
 * `name@realm`: the name is anything without whitespace, `:` or `/` (it may hold `@`, so the
 * realm is what follows the last one); the realm starts with a letter and has at least 2 characters.
 */
export const USERID_PATTERN = new RegExp(`^[^\\s:/]+@${NAME}$`);
export const REALM_PATTERN = new RegExp(`^${NAME}$`);
export const TOKEN_NAME_PATTERN = new RegExp(`^${NAME}$`);
/** `user@realm!name`, the full id of an API token. */
export const TOKEN_ID_PATTERN = new RegExp(`^[^\\s:/]+@${NAME}!${NAME}$`);

/**
 * Why `id` is not a full token id, in words that never repeat it (a pasted secret must not be
 * echoed); undefined when it is one.
 */
export function tokenIdProblem(id: string): string | undefined {
  if (TOKEN_ID_PATTERN.test(id)) return undefined;
  if (id.includes('=')) return 'the API token id looks like a whole token string (id=secret): give only user@realm!name';
  const split = splitTokenId(id);
  const shape = 'the API token id must look like user@realm!name, e.g. automation@pve!ci';
  if (!split || !USERID_PATTERN.test(split.userid)) return shape;
  if (!TOKEN_NAME_PATTERN.test(split.tokenid)) {
    return `${shape}; the token name after "!" must start with a letter and have at least 2 characters (letters, digits, ".", "-", "_")`;
  }
  return shape;
}

/** Splits `user@realm!token` at the last `!`; undefined for a plain userid. */
export function splitTokenId(id: string): { userid: string; tokenid: string } | undefined {
  const bang = id.lastIndexOf('!');
  if (bang < 0) return undefined;
  return { userid: id.slice(0, bang), tokenid: id.slice(bang + 1) };
}

export const fullTokenId = (userid: string, tokenid: string): string => `${userid}!${tokenid}`;
