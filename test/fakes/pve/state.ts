/**
 * The simulator's in-memory user.cfg, token.cfg and shadow.cfg. Everything is indexed by id so
 * that a cluster of thousands of users costs O(1) per write and O(n log n) per list. What PVE
 * gets from rewriting and re-parsing user.cfg on every write (falsy free text dropped, the
 * e-mail quirk, ACL lines of vanished roles and tokens dropped, root@pam re-created) is applied
 * here to the objects a write touches, which gives the same answers.
 */
import { byText, ROOT, truthy } from './ids.js';
import { PoolConfig } from './pool-config.js';
import { RealmStore } from './realm-config.js';

/** PVE's booleans in user.cfg and its answers. */
export type Flag = 0 | 1;

/** A token as user.cfg keeps it (the secret lives in `tokenSecrets`). */
export interface TokenRecord {
  privsep: Flag;
  expire: number;
  comment?: string;
}

/** A user as user.cfg keeps it. */
export interface UserRecord {
  readonly userid: string;
  enable: Flag;
  /** Undefined only for a re-created root@pam until the next write of user.cfg. */
  expire: number | undefined;
  firstname?: string;
  lastname?: string;
  email?: string;
  comment?: string;
  keys?: string;
  readonly groups: Set<string>;
  readonly tokens: Map<string, TokenRecord>;
}

/** A group and its members. */
export interface GroupRecord {
  readonly groupid: string;
  comment?: string;
  readonly members: Set<string>;
}

/** The three kinds of ACL principal. */
export type AclType = 'user' | 'group' | 'token';
/** In the order PVE lists them on each path. */
export const ACL_TYPES: readonly AclType[] = ['user', 'group', 'token'];

/** ugid → roleid → propagate, per principal type, on one path. */
export type AclNode = Readonly<Record<AclType, Map<string, Map<string, Flag>>>>;

/** One ACL entry as `GET /access/acl` shows it. */
export interface AclEntryView {
  readonly path: string;
  readonly type: AclType;
  readonly ugid: string;
  readonly roleid: string;
  readonly propagate: Flag;
}

const principalKey = (type: AclType, ugid: string): string => `${type}\u0000${ugid}`;

/** Depth-first over the path tree with sorted children = component-wise comparison. */
function comparePaths(a: string, b: string): number {
  const pa = a === '/' ? [] : a.slice(1).split('/');
  const pb = b === '/' ? [] : b.slice(1).split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const c = byText(pa[i]!, pb[i]!);
    if (c !== 0) return c;
  }
  return pa.length - pb.length;
}

/** One node's access configuration. */
export class PveState {
  readonly users = new Map<string, UserRecord>();
  readonly groups = new Map<string, GroupRecord>();
  readonly customRoles = new Map<string, Set<string>>();
  readonly builtinRoles: ReadonlyMap<string, ReadonlySet<string>>;
  /** Normalised path → entries. A path exists only while it holds an entry. */
  readonly acl = new Map<string, AclNode>();
  /** priv/shadow.cfg (pve realm) and, for the simulator, pam accounts: userid → password. */
  readonly passwords = new Map<string, string>();
  /** priv/token.cfg: full token id → secret. */
  readonly tokenSecrets = new Map<string, string>();
  /** The resource pools, which user.cfg also holds. */
  readonly pools = new PoolConfig();
  /** domains.cfg: the realms, pam and pve always among them. */
  readonly realms = new RealmStore();
  readonly allPrivileges: readonly string[];

  readonly #principalPaths = new Map<string, Set<string>>();
  #sortedUsers: string[] | undefined;
  #sortedPaths: string[] | undefined;

  constructor(builtinRoles: Readonly<Record<string, readonly string[]>>, allPrivileges: readonly string[], rootPassword: string) {
    this.builtinRoles = new Map(Object.entries(builtinRoles).map(([id, privs]) => [id, new Set(privs)]));
    this.allPrivileges = allPrivileges;
    // A fresh node: the installer gives root an e-mail address.
    this.users.set(ROOT, newUser(ROOT, { enable: 1, expire: 0, email: 'root@example.com' }));
    this.passwords.set(ROOT, rootPassword);
  }

  role(roleid: string): ReadonlySet<string> | undefined {
    return this.builtinRoles.get(roleid) ?? this.customRoles.get(roleid);
  }

  isBuiltinRole(roleid: string): boolean {
    return this.builtinRoles.has(roleid);
  }

  token(userid: string, tokenid: string): TokenRecord | undefined {
    return this.users.get(userid)?.tokens.get(tokenid);
  }

  sortedUserIds(): readonly string[] {
    this.#sortedUsers ??= [...this.users.keys()].sort(byText);
    return this.#sortedUsers;
  }

  /** Every path holding an entry, in PVE's tree order. */
  sortedAclPaths(): readonly string[] {
    this.#sortedPaths ??= [...this.acl.keys()].sort(comparePaths);
    return this.#sortedPaths;
  }

  aclEntries(): AclEntryView[] {
    const out: AclEntryView[] = [];
    for (const path of this.sortedAclPaths()) {
      const node = this.acl.get(path)!;
      for (const type of ACL_TYPES) {
        for (const ugid of [...node[type].keys()].sort(byText)) {
          const roles = node[type].get(ugid)!;
          for (const roleid of [...roles.keys()].sort(byText)) out.push({ path, type, ugid, roleid, propagate: roles.get(roleid)! });
        }
      }
    }
    return out;
  }

  addUser(user: UserRecord): void {
    this.users.set(user.userid, user);
    this.#sortedUsers = undefined;
  }

  /** Removes the user with its memberships, tokens (and their ACL entries and secrets) and user ACL entries. */
  removeUser(userid: string): void {
    const user = this.users.get(userid);
    if (!user) return;
    for (const groupid of user.groups) this.groups.get(groupid)?.members.delete(userid);
    for (const tokenid of [...user.tokens.keys()]) this.removeToken(userid, tokenid);
    this.dropPrincipal('user', userid);
    // The pve realm drops the shadow entry; a pam account lives on in the node's /etc/shadow.
    if (userid.endsWith('@pve')) this.passwords.delete(userid);
    this.users.delete(userid);
    this.#sortedUsers = undefined;
    // root@pam cannot go: the parser re-creates it with nothing but enable=1.
    if (userid === ROOT) this.addUser(newUser(ROOT, { enable: 1, expire: undefined }));
  }

  /** The token and its ACL entries vanish; PVE leaves the secret in token.cfg, where it can never match again. */
  removeToken(userid: string, tokenid: string): void {
    this.users.get(userid)?.tokens.delete(tokenid);
    this.tokenSecrets.delete(`${userid}!${tokenid}`);
    this.dropPrincipal('token', `${userid}!${tokenid}`);
  }

  removeGroup(groupid: string): void {
    const group = this.groups.get(groupid);
    if (!group) return;
    for (const userid of group.members) this.users.get(userid)?.groups.delete(groupid);
    this.dropPrincipal('group', groupid);
    this.groups.delete(groupid);
  }

  removeRole(roleid: string): void {
    this.customRoles.delete(roleid);
    for (const [path, node] of [...this.acl]) {
      for (const type of ACL_TYPES) {
        for (const [ugid, roles] of node[type]) if (roles.delete(roleid) && roles.size === 0) this.#forget(path, type, ugid);
      }
    }
  }

  addMembership(userid: string, groupid: string): void {
    this.users.get(userid)?.groups.add(groupid);
    this.groups.get(groupid)?.members.add(userid);
  }

  clearMemberships(userid: string): void {
    const user = this.users.get(userid);
    if (!user) return;
    for (const groupid of user.groups) this.groups.get(groupid)?.members.delete(userid);
    user.groups.clear();
  }

  setAcl(path: string, type: AclType, ugid: string, roleid: string, propagate: Flag): void {
    // The writer skips root@pam: it has every privilege anyway.
    if (type === 'user' && ugid === ROOT) return;
    let node = this.acl.get(path);
    if (!node) {
      node = { user: new Map(), group: new Map(), token: new Map() };
      this.acl.set(path, node);
      this.#sortedPaths = undefined;
    }
    let roles = node[type].get(ugid);
    if (!roles) {
      node[type].set(ugid, (roles = new Map()));
      const key = principalKey(type, ugid);
      let paths = this.#principalPaths.get(key);
      if (!paths) this.#principalPaths.set(key, (paths = new Set()));
      paths.add(path);
    }
    roles.set(roleid, propagate);
  }

  deleteAcl(path: string, type: AclType, ugid: string, roleid: string): void {
    const roles = this.acl.get(path)?.[type].get(ugid);
    if (roles?.delete(roleid) && roles.size === 0) this.#forget(path, type, ugid);
  }

  /** Every ACL entry of one principal. */
  dropPrincipal(type: AclType, ugid: string): void {
    const key = principalKey(type, ugid);
    for (const path of this.#principalPaths.get(key) ?? []) this.#forget(path, type, ugid);
    this.#principalPaths.delete(key);
  }

  #forget(path: string, type: AclType, ugid: string): void {
    const node = this.acl.get(path);
    if (!node) return;
    node[type].delete(ugid);
    this.#principalPaths.get(principalKey(type, ugid))?.delete(path);
    if (ACL_TYPES.every((t) => node[t].size === 0)) {
      this.acl.delete(path);
      this.#sortedPaths = undefined;
    }
  }

  /** After every successful write of user.cfg: the writer always emits root@pam with an expire field. */
  committed(): void {
    const root = this.users.get(ROOT);
    if (root && root.expire === undefined) root.expire = 0;
  }
}

/** A user record without groups or tokens. */
export function newUser(
  userid: string,
  fields: Partial<Omit<UserRecord, 'userid' | 'groups' | 'tokens'>> & { enable: Flag; expire: number | undefined },
): UserRecord {
  return { ...fields, userid, groups: new Set(), tokens: new Map() };
}

/**
 * user.cfg's parser trims every field. Free text is written percent-encoded except for printable
 * ASCII, so of all whitespace only plain spaces reach the parser, and only they are trimmed.
 */
export const readBack = (text: string): string => text.replace(/^ +| +$/g, '');

/**
 * What survives user.cfg's writer and parser: falsy free text is not written, free text loses
 * its outer spaces; e-mail is written raw and, when empty, reads back as "" only if a later field
 * on the line (comment, keys) is set.
 */
export function settleUserFields(user: UserRecord): void {
  for (const field of ['firstname', 'lastname', 'comment'] as const) {
    const text = user[field];
    if (text !== undefined) user[field] = readBack(text);
  }
  for (const field of ['firstname', 'lastname', 'comment', 'keys'] as const) if (!truthy(user[field])) delete user[field];
  if (!truthy(user.email)) {
    if (user.comment !== undefined || user.keys !== undefined) user.email = '';
    else delete user.email;
  }
}

/** Tokens keep only a truthy comment, without its outer spaces. */
export function settleTokenFields(token: TokenRecord): void {
  if (token.comment !== undefined) token.comment = readBack(token.comment);
  if (!truthy(token.comment)) delete token.comment;
}

/** Groups likewise. */
export function settleGroupFields(group: GroupRecord): void {
  if (group.comment !== undefined) group.comment = readBack(group.comment);
  if (!truthy(group.comment)) delete group.comment;
}

/** Perl's int() of an already validated integer string. */
export const toInt = (value: string): number => {
  const n = Number.parseInt(value, 10);
  return n === 0 ? 0 : n;
};
