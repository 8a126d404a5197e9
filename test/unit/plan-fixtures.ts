/** Tiny builders for planner tests: a live state, a spec and options, each with overridable parts. */
import privilegeData from '../../src/data/pve-privileges.json' with { type: 'json' };
import type { PlanOptions } from '../../src/plan/model.js';
import type { AclEntry, LiveGroup, LiveRole, LiveState, LiveToken, LiveUser, ServerVersion } from '../../src/model/live-state.js';
import type { AclSpec, GroupSpec, LoadedSpec, RoleSpec, Spec, TokenSpec, UserSpec } from '../../src/spec/model.js';
import type { SourcePosition } from '../../src/model/finding.js';

const data = privilegeData as { versions: Record<string, string[]>; builtin_roles: Record<string, Record<string, string[]>> };

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const NOW = 1_800_000_000;
export const DAY = 86_400;

export const privilegesOf = (major: 7 | 8 | 9): string[] => [...data.versions[String(major)]!];

export function version(v: string): ServerVersion {
  const [major = 0, minor = 0] = v.split(/[.-]/).map(Number);
  return { version: v, release: `${major}.${minor}`, major, minor };
}

export function builtinRoles(major: 7 | 8 | 9 = 9): Record<string, LiveRole> {
  const roles = data.builtin_roles[String(major)]!;
  return Object.fromEntries(
    Object.entries(roles).map(([roleid, privileges]) => [roleid, { roleid, privileges: [...privileges].sort(), builtin: true }]),
  );
}

export const liveRole = (roleid: string, privileges: string[]): LiveRole => ({
  roleid,
  privileges: [...privileges].sort(),
  builtin: false,
});

export const liveToken = (tokenid: string, over: Partial<LiveToken> = {}): LiveToken => ({
  tokenid,
  privsep: true,
  expire: 0,
  comment: '',
  ...over,
});

export function liveUser(userid: string, over: Partial<Omit<LiveUser, 'tokens'>> & { tokens?: LiveToken[] } = {}): LiveUser {
  const { tokens = [], ...rest } = over;
  return {
    userid,
    enable: true,
    expire: 0,
    comment: '',
    email: '',
    firstname: '',
    lastname: '',
    groups: [],
    ...rest,
    tokens: Object.fromEntries(tokens.map((t) => [t.tokenid, t])),
  };
}

export const liveGroup = (groupid: string, over: Partial<LiveGroup> = {}): LiveGroup => ({ groupid, comment: '', members: [], ...over });

export const acl = (path: string, type: AclEntry['type'], ugid: string, roleid: string, propagate = true): AclEntry => ({
  path,
  type,
  ugid,
  roleid,
  propagate,
});

export interface LiveParts {
  version?: string;
  roles?: LiveRole[];
  users?: LiveUser[];
  groups?: LiveGroup[];
  acl?: AclEntry[];
}

/** Built-in roles of the version's major, root@pam, plus the given parts; memberships filled in from users. */
export function live(parts: LiveParts = {}): LiveState {
  const v = version(parts.version ?? '9.1.1');
  const users = [liveUser('root@pam'), ...(parts.users ?? [])];
  const groups = (parts.groups ?? []).map((g) => ({
    ...g,
    members: [...new Set([...g.members, ...users.filter((u) => u.groups.includes(g.groupid)).map((u) => u.userid)])].sort(),
  }));
  return {
    version: v,
    roles: {
      ...builtinRoles(Math.min(Math.max(v.major, 7), 9) as 7 | 8 | 9),
      ...Object.fromEntries((parts.roles ?? []).map((r) => [r.roleid, r])),
    },
    users: Object.fromEntries(users.map((u) => [u.userid, u])),
    groups: Object.fromEntries(groups.map((g) => [g.groupid, g])),
    acl: [...(parts.acl ?? [])].sort(
      (a, b) => byText(a.path, b.path) || byText(a.type, b.type) || byText(a.ugid, b.ugid) || byText(a.roleid, b.roleid),
    ),
  };
}

export const roleSpec = (roleid: string, privileges: string[]): RoleSpec => ({ roleid, privileges: [...new Set(privileges)].sort() });
export const groupSpec = (groupid: string, comment = ''): GroupSpec => ({ groupid, comment });

export const tokenSpec = (tokenid: string, over: Partial<TokenSpec> = {}): TokenSpec => ({
  tokenid,
  comment: '',
  privsep: true,
  deliver: [{ kind: 'output', name: `${tokenid}_token` }],
  format: 'full',
  ...over,
});

export function userSpec(userid: string, over: Partial<Omit<UserSpec, 'tokens'>> & { tokens?: TokenSpec[] } = {}): UserSpec {
  const { tokens, ...rest } = over;
  return {
    userid,
    comment: '',
    enable: true,
    expire: 0,
    groups: [],
    email: '',
    firstname: '',
    lastname: '',
    ...rest,
    ...(tokens !== undefined ? { tokens: Object.fromEntries(tokens.map((t) => [t.tokenid, t])) } : {}),
  };
}

export const aclSpec = (
  path: string,
  roles: string[],
  subjects: Partial<Pick<AclSpec, 'users' | 'groups' | 'tokens'>> & { propagate?: boolean } = {},
): AclSpec => ({
  path,
  roles,
  users: subjects.users ?? [],
  groups: subjects.groups ?? [],
  tokens: subjects.tokens ?? [],
  propagate: subjects.propagate ?? true,
});

export interface SpecParts {
  roles?: RoleSpec[];
  groups?: GroupSpec[];
  users?: UserSpec[];
  acl?: readonly AclSpec[];
  prune?: Partial<Spec['prune']>;
  positions?: Record<string, SourcePosition>;
}

export function spec(parts: SpecParts = {}): LoadedSpec {
  return {
    file: 'proxmox-access.yml',
    spec: {
      version: 1,
      roles: Object.fromEntries((parts.roles ?? []).map((r) => [r.roleid, r])),
      groups: Object.fromEntries((parts.groups ?? []).map((g) => [g.groupid, g])),
      users: Object.fromEntries((parts.users ?? []).map((u) => [u.userid, u])),
      acl: parts.acl ?? [],
      prune: { users: [], roles: [], groups: [], ...parts.prune },
    },
    positions: new Map(Object.entries(parts.positions ?? {})),
  };
}

export const at = (line: number, column = 3): SourcePosition => ({ file: 'proxmox-access.yml', line, column });

export function options(over: Partial<PlanOptions> = {}): PlanOptions {
  return { now: NOW, rotate: [], secretMissing: [], allowDeletions: true, serverPrivileges: privilegesOf(9), ...over };
}
