/**
 * Reads the `token_setup.json` of older Ansible setups, so a team can point the action at the file
 * it already has and migrate later:
 *
 *   {"token_setup": [{"name": "terraform", "ugid": "terraform@pve", "role": "TerraformProv",
 *                     "comment": "...", "expire": 0, "privsep": 0, "privileges": ["VM.Audit", ...]}]}
 *
 * Each entry becomes:
 * - `ugid`: a declared user (`user@realm`) with default fields. Its `tokens:` holds exactly the
 *   entries naming it, as the old playbook owned those tokens.
 * - `name`: the token id; `comment` the token comment; `privsep` (true/false, 0/1, "0"/"1",
 *   "yes"/"no") its privilege separation, default true as in PVE.
 * - `expire`: 0, "never" or absent = never; a duration (`90d`, or seconds below 10^9) = the token's
 *   lifetime. An absolute date or epoch cannot be expressed per token (tokens have lifetimes here)
 *   and is reported as an error that says what to write instead.
 * - `role` with `privileges` (a list, or one string separated by commas or spaces): a declared
 *   custom role. Entries naming the same role must agree on its privileges. `role` without
 *   `privileges`: a role that exists already (built-in such as PVEVMAdmin, or declared elsewhere).
 * - An ACL on `/` (propagating) granting `role`: to the user when privsep is off (the token then
 *   inherits the user's permissions), to the user and the token when privsep is on (a privsep
 *   token holds the intersection of both, so both need the grant). Entries sharing a role share
 *   one ACL entry. An entry without `role` gets no ACL.
 *
 * Positions point into the JSON file, so every problem still has its line and column.
 */
import type { SpecProblem } from '../errors.js';
import { sameSet } from '../model/compare.js';
import { parseDuration } from './duration.js';
import { issuesToProblems } from './issues.js';
import { legacySchema, type LegacyEntryInput, type SpecInput, type TokenInput } from './schema.js';
import { locate, type PathSegment, type SpecSource } from './source.js';
import type { SourcePosition } from '../model/finding.js';

export interface LegacyResult {
  readonly input: SpecInput;
  readonly positions: Map<string, SourcePosition>;
  readonly problems: readonly SpecProblem[];
}

/** Whether a parsed document is the legacy format rather than a spec. */
export function isLegacyDocument(data: unknown): boolean {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && 'token_setup' in data && !('version' in data);
}

/** Epoch seconds start here (2001-09-09); smaller numbers are read as lifetimes in seconds. */
const EPOCH_THRESHOLD = 1_000_000_000;

export function convertLegacy(source: SpecSource): LegacyResult {
  const parsed = legacySchema.safeParse(source.data);
  if (!parsed.success)
    return { input: { version: 1 }, positions: new Map(), problems: issuesToProblems(parsed.error.issues, source, legacySchema) };
  const c: Conversion = { source, problems: [], positions: new Map(), users: {}, roles: {}, grants: new Map() };
  parsed.data.token_setup.forEach((entry, i) => addEntry(c, entry, i));
  return { input: specInput(c), positions: c.positions, problems: c.problems };
}

/** What the entries add up to so far, and where each part of it is written in the file. */
interface Conversion {
  readonly source: SpecSource;
  readonly problems: SpecProblem[];
  readonly positions: Map<string, SourcePosition>;
  readonly users: Record<string, { tokens: Record<string, TokenInput> }>;
  readonly roles: Record<string, { privileges: string[]; entry: number }>;
  readonly grants: Map<string, { users: Set<string>; tokens: Set<string>; entry: number }>;
}

const entryPath = (i: number, ...rest: PathSegment[]): PathSegment[] => ['token_setup', i, ...rest];
const keyAt = (c: Conversion, i: number, field?: string): SourcePosition =>
  locate(c.source, field ? entryPath(i, field) : entryPath(i), 'key');
const valueAt = (c: Conversion, i: number, field: string): SourcePosition => locate(c.source, entryPath(i, field), 'value');

function problem(c: Conversion, i: number, field: string, message: string): void {
  c.problems.push({ message, position: valueAt(c, i, field), path: `token_setup.${i}.${field}` });
}

/** The first place that declares a part of the spec is where its problems point. */
function remember(c: Conversion, key: string, position: SourcePosition): void {
  if (!c.positions.has(key)) c.positions.set(key, position);
}

function addEntry(c: Conversion, entry: LegacyEntryInput, i: number): void {
  const userid = entry.ugid;
  const user = (c.users[userid] ??= { tokens: {} });
  remember(c, '', keyAt(c, 0));
  remember(c, `users.${userid}`, valueAt(c, i, 'ugid'));
  remember(c, `users.${userid}.tokens`, valueAt(c, i, 'ugid'));
  if (user.tokens[entry.name]) {
    problem(c, i, 'name', `token '${userid}!${entry.name}' appears twice in token_setup`);
    return;
  }
  const privsep = addToken(c, entry, i, user.tokens);
  if (entry.role === undefined) return;
  addRole(c, entry, i, entry.role);
  addGrant(c, entry, i, entry.role, privsep);
}

/** Declares the entry's token on its user; returns its privilege separation. */
function addToken(c: Conversion, entry: LegacyEntryInput, i: number, tokens: Record<string, TokenInput>): boolean {
  const tokenKey = `users.${entry.ugid}.tokens.${entry.name}`;
  remember(c, tokenKey, valueAt(c, i, 'name'));
  for (const field of ['comment', 'privsep', 'expire'] as const) {
    if (entry[field] !== undefined) remember(c, `${tokenKey}.${field === 'expire' ? 'lifetime' : field}`, keyAt(c, i, field));
  }
  const privsep = readPrivsep(entry.privsep);
  const lifetime = readLifetime(entry.expire);
  if (lifetime === 'absolute') {
    problem(
      c,
      i,
      'expire',
      `'expire' is an absolute date; tokens here expire a lifetime after creation: write a duration such as 365d, or 0 for never`,
    );
  } else if (lifetime === 'invalid') {
    problem(c, i, 'expire', `'expire' must be 0 / never or a duration such as 90d`);
  }
  tokens[entry.name] = {
    privsep,
    ...(entry.comment !== undefined && { comment: entry.comment }),
    ...(typeof lifetime === 'number' && { lifetime }),
  };
  return privsep;
}

/** Declares the custom role the entry's privileges describe; a role without them exists already. */
function addRole(c: Conversion, entry: LegacyEntryInput, i: number, role: string): void {
  const privileges = readPrivileges(entry.privileges);
  if (privileges === undefined) return;
  const declared = c.roles[role];
  if (!declared) {
    c.roles[role] = { privileges, entry: i };
    remember(c, `roles.${role}`, valueAt(c, i, 'role'));
    remember(c, `roles.${role}.privileges`, keyAt(c, i, 'privileges'));
    privilegePositions(c.source, i, entry, (name, position) => remember(c, `roles.${role}.privileges[${name}]`, position));
  } else if (!sameSet(declared.privileges, privileges)) {
    problem(c, i, 'privileges', `role '${role}' is given different privileges by entry ${declared.entry + 1} and entry ${i + 1}`);
  }
}

/** Adds the entry's user, and its token when privilege-separated, to the one ACL entry of its role. */
function addGrant(c: Conversion, entry: LegacyEntryInput, i: number, role: string, privsep: boolean): void {
  const userid = entry.ugid;
  const fullid = `${userid}!${entry.name}`;
  const grant = c.grants.get(role) ?? { users: new Set<string>(), tokens: new Set<string>(), entry: i };
  c.grants.set(role, grant);
  grant.users.add(userid);
  if (privsep) grant.tokens.add(fullid);
  const n = [...c.grants.keys()].indexOf(role);
  remember(c, `acl.${n}`, keyAt(c, grant.entry));
  remember(c, `acl.${n}.path`, keyAt(c, grant.entry));
  remember(c, `acl.${n}.roles[${role}]`, valueAt(c, i, 'role'));
  remember(c, `acl.${n}.users[${userid}]`, valueAt(c, i, 'ugid'));
  if (privsep) remember(c, `acl.${n}.tokens[${fullid}]`, valueAt(c, i, 'name'));
}

function specInput(c: Conversion): SpecInput {
  return {
    version: 1,
    roles: Object.fromEntries(Object.entries(c.roles).map(([id, r]) => [id, { privileges: r.privileges }])),
    users: c.users,
    acl: [...c.grants].map(([role, g]) => ({
      path: '/',
      roles: [role],
      users: [...g.users],
      ...(g.tokens.size > 0 && { tokens: [...g.tokens] }),
      propagate: true,
    })),
  };
}

function readPrivsep(value: LegacyEntryInput['privsep']): boolean {
  if (value === undefined) return true;
  if (typeof value === 'boolean') return value;
  return value === 1 || value === '1' || value === 'true' || value === 'yes';
}

function readLifetime(value: LegacyEntryInput['expire']): number | undefined | 'absolute' | 'invalid' {
  if (value === undefined || value === 0 || value === '0' || value === 'never') return undefined;
  if (typeof value === 'number') return value >= EPOCH_THRESHOLD ? 'absolute' : value;
  if (/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return 'absolute';
  const seconds = parseDuration(value);
  if (seconds === undefined) return 'invalid';
  return /^\d+$/.test(value.trim()) && seconds >= EPOCH_THRESHOLD ? 'absolute' : seconds;
}

function readPrivileges(value: LegacyEntryInput['privileges']): string[] | undefined {
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? value.split(/[\s,;]+/) : value;
  return [...new Set(list.map((p) => p.trim()).filter(Boolean))];
}

/** Where each privilege name is written: its list item, or the one string holding them all. */
function privilegePositions(source: SpecSource, i: number, entry: LegacyEntryInput, set: (name: string, at: SourcePosition) => void): void {
  if (Array.isArray(entry.privileges)) {
    entry.privileges.forEach((name, j) => set(name.trim(), locate(source, ['token_setup', i, 'privileges', j], 'value')));
  } else if (typeof entry.privileges === 'string') {
    const at = locate(source, ['token_setup', i, 'privileges'], 'value');
    for (const name of entry.privileges.split(/[\s,;]+/).filter(Boolean)) set(name, at);
  }
}
