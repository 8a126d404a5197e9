/**
 * ACL changes as few `PUT /access/acl` requests as possible. One PUT applies roles × subjects in
 * one transaction, so entries are grouped first per subject (its role set on a path), then
 * subjects with the same path, propagate flag, delete flag and role set share a write.
 *
 * | case                                        | writes                        |
 * |---------------------------------------------|-------------------------------|
 * | n subjects, same role(s), same path         | 1                             |
 * | subjects with different role sets on a path | one per distinct role set     |
 * | same entries, different propagate flags     | one per flag                  |
 * Overlapping (not equal) role sets are not split into shared parts: never more writes than
 * distinct role sets, and no write ever grants a pair that was not asked for.
 */
import type { AclWrite } from '../proxmox/api.js';
import type { AclEntry, AclSubjectType } from '../model/live-state.js';
import type { AclChange } from '../plan/model.js';

interface Grant {
  readonly entry: AclEntry;
  readonly delete: boolean;
}

/** Groups ACL changes into writes; order follows the first change of each write. */
export function aclWritesFor(changes: readonly AclChange[]): AclWrite[] {
  return group(changes.map((c) => ({ entry: c.entry, delete: c.action === 'delete' })));
}

/** The writes that give a recreated token its ACL entries back. */
export function regrantWrites(entries: readonly AclEntry[]): AclWrite[] {
  return group(entries.map((entry) => ({ entry, delete: false })));
}

function group(grants: readonly Grant[]): AclWrite[] {
  // Per subject on a path: which roles it gets.
  const perSubject = new Map<string, { grant: Grant; roles: Set<string> }>();
  for (const g of grants) {
    const key = JSON.stringify([g.entry.path, g.entry.propagate, g.delete, g.entry.type, g.entry.ugid]);
    const slot = perSubject.get(key);
    if (slot) slot.roles.add(g.entry.roleid);
    else perSubject.set(key, { grant: g, roles: new Set([g.entry.roleid]) });
  }
  // Subjects with the same role set share one write.
  const writes = new Map<string, { base: Grant; roles: string[]; subjects: Record<AclSubjectType, string[]> }>();
  for (const { grant, roles } of perSubject.values()) {
    const sorted = [...roles].sort();
    const key = JSON.stringify([grant.entry.path, grant.entry.propagate, grant.delete, sorted]);
    let write = writes.get(key);
    if (!write) writes.set(key, (write = { base: grant, roles: sorted, subjects: { user: [], group: [], token: [] } }));
    write.subjects[grant.entry.type].push(grant.entry.ugid);
  }
  return [...writes.values()].map(({ base, roles, subjects }) => ({
    path: base.entry.path,
    roles,
    ...(subjects.user.length > 0 ? { users: subjects.user } : {}),
    ...(subjects.group.length > 0 ? { groups: subjects.group } : {}),
    ...(subjects.token.length > 0 ? { tokens: subjects.token } : {}),
    propagate: base.entry.propagate,
    ...(base.delete ? { delete: true } : {}),
  }));
}

/**
 * The changes one write carries out. Throws when the write would grant or remove a pair no
 * change asked for (roles × subjects must be exactly the covered changes): a batching mistake
 * must never reach the server.
 */
export function changesOfWrite(write: AclWrite, changes: readonly AclChange[]): AclChange[] {
  const subjects: Record<AclSubjectType, readonly string[]> = {
    user: write.users ?? [],
    group: write.groups ?? [],
    token: write.tokens ?? [],
  };
  const deleting = write.delete === true;
  const covered = changes.filter(
    (c) =>
      c.entry.path === write.path &&
      (c.action === 'delete') === deleting &&
      c.entry.propagate === write.propagate &&
      write.roles.includes(c.entry.roleid) &&
      subjects[c.entry.type].includes(c.entry.ugid),
  );
  const pairs = write.roles.length * (subjects.user.length + subjects.group.length + subjects.token.length);
  if (covered.length !== pairs) {
    throw new Error(`internal: ACL write on ${write.path} covers ${pairs} entries but matches ${covered.length} planned changes`);
  }
  return covered;
}

/** One log line for a write, subjects included, no secrets (ACLs carry none). */
export function describeAclWrite(write: AclWrite): string {
  const subjects = [
    ...(write.users ?? []).map((u) => `user ${u}`),
    ...(write.groups ?? []).map((g) => `group ${g}`),
    ...(write.tokens ?? []).map((t) => `token ${t}`),
  ];
  const verb = write.delete ? 'remove' : 'grant';
  return `${verb} ${write.roles.join(',')} on ${write.path}${write.propagate ? '' : ' (no propagate)'} ${write.delete ? 'from' : 'to'} ${subjects.join(', ')}`;
}
