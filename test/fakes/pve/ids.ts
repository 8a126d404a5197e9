/**
 * PVE's identifier rules with its exact error texts. Every `verify*`
 * throws a plain Error whose message ends in "\n", as the Perl validators `die` it; callers decide
 * whether that becomes a schema error (400), a plain 500, or is swallowed.
 */

const USER_RE = '[^\\s:/]+';
const REALM_RE = '[A-Za-z][A-Za-z0-9.\\-_]+';

const USERID = new RegExp(`^(${USER_RE})@(${REALM_RE})$`);
const FULL_TOKENID = new RegExp(`^(${USER_RE})@(${REALM_RE})!(${REALM_RE})$`);
const REALM = new RegExp(`^${REALM_RE}$`);
/** The `tokenid` path parameter is a pattern, not a format: its error is the generic regex one. */
export const TOKEN_SUBID_PATTERN = new RegExp(`^(?:${REALM_RE})$`);
/** `GET /access/permissions?userid=`: a userid or a full token id, checked as a pattern. */
export const USER_OR_TOKEN_PATTERN = new RegExp(`^(?:${USER_RE})@(?:${REALM_RE})(?:!${REALM_RE})?$`);

/** The superuser: implicit Administrator everywhere, exempt from permission checks. */
export const ROOT = 'root@pam';

/** Perl's length(): characters, not UTF-16 units. */
export const charLength = (value: string): number => [...value].length;

/** `verify_username`: length first, then the shape; the realm is the part after the last `@`. */
export function verifyUsername(value: string): { userid: string; name: string; realm: string } {
  const length = charLength(value);
  if (length < 3) throw new Error(`user name '${value}' is too short\n`);
  if (length > 64) throw new Error(`user name '${value}' is too long (${length} > 64)\n`);
  const match = USERID.exec(value);
  if (!match) throw new Error(`value '${value}' does not look like a valid user name\n`);
  return { userid: value, name: match[1]!, realm: match[2]! };
}

/** Whether `verifyUsername` would accept the value. */
export function isUsername(value: string): boolean {
  try {
    verifyUsername(value);
    return true;
  } catch {
    return false;
  }
}

/** `pve_verify_tokenid`: one regex, one message. */
export function verifyTokenId(value: string): void {
  if (!FULL_TOKENID.test(value)) throw new Error(`value '${value}' does not look like a valid token ID\n`);
}

/** A full token id (`user@realm!name`) as PVE recognises one when deciding "is this caller a token". */
export function parseTokenId(value: string): { userid: string; tokenid: string } | undefined {
  const match = FULL_TOKENID.exec(value);
  return match ? { userid: `${match[1]!}@${match[2]!}`, tokenid: match[3]! } : undefined;
}

/** `split_tokenid`: at the last `!`, no further checks. */
export function splitTokenId(value: string): { userid: string; tokenid: string } | undefined {
  const match = /^(.*)!([^!]+)$/s.exec(value);
  return match ? { userid: match[1]!, tokenid: match[2]! } : undefined;
}

/** `pve-groupid`; `wrapperChars` adds the characters of a compiled regex's `(?^:…)` wrapper. */
export function verifyGroupname(value: string, wrapperChars = false): void {
  const valid = wrapperChars ? /^[A-Za-z0-9.\-_(?^:)]+$/ : /^[A-Za-z0-9.\-_]+$/;
  if (!valid.test(value)) throw new Error(`group name '${value}' contains invalid characters\n`);
}

/** `pve-roleid`. */
export function verifyRolename(value: string): void {
  if (!/^[A-Za-z0-9.\-_]+$/.test(value)) throw new Error(`role name '${value}' contains invalid characters\n`);
}

/** `pve-realm`. */
export function verifyRealm(value: string): void {
  if (!REALM.test(value)) throw new Error('value does not look like a valid realm\n');
}

/** `pve-configid`, the items of a `delete` list. */
export function verifyConfigId(value: string): void {
  if (!/^[a-z][a-z0-9_-]+$/i.test(value)) throw new Error(`invalid configuration ID '${value}'\n`);
}

/** Perl's `\w` on a character string: any Unicode letter, mark, decimal digit or connector. */
const PERL_WORD = String.raw`\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}`;
const EMAIL = new RegExp(String.raw`^[${PERL_WORD}+\-~]+(\.[${PERL_WORD}+\-~]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$`, 'u');

/** The `email` format: the local part takes Perl's Unicode `\w`, the domain is ASCII. */
export function verifyEmail(value: string): void {
  if (!EMAIL.test(value)) throw new Error('value does not look like a valid email address\n');
}

/** `split_list`: NUL separates when present, otherwise any run of `,`, `;` and whitespace. */
export function splitList(text: string | undefined): string[] {
  const value = text ?? '';
  if (value.includes('\u0000')) {
    const parts = value.split('\u0000');
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    return parts;
  }
  return value
    .replace(/[,;]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((item) => item !== '');
}

/** Perl truthiness of a string: `""` and `"0"` are false. */
export const truthy = (value: string | undefined): value is string => value !== undefined && value !== '' && value !== '0';

/** Code-unit order, as Perl's `sort` on these ASCII-dominated ids. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
