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

/** Splits `user@realm!token` at the last `!`; undefined for a plain userid. */
export function splitTokenId(id: string): { userid: string; tokenid: string } | undefined {
  const bang = id.lastIndexOf('!');
  if (bang < 0) return undefined;
  return { userid: id.slice(0, bang), tokenid: id.slice(bang + 1) };
}

export const fullTokenId = (userid: string, tokenid: string): string => `${userid}!${tokenid}`;
