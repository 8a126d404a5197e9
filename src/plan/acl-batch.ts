/**
 * ACL changes as `PUT /access/acl` writes. One write applies its roles to every subject it names
 * (the cross product), so a write may only pair subjects and roles that all belong together.
 *
 * Per (path, propagate, delete): either group subjects by their exact role set, or group roles
 * by their exact subject set; both give exact cross products, and the one with fewer writes is
 * used (ties: by role set). Finding the true minimum is a biclique cover, NP-hard in general;
 * these two cover what specs produce: many subjects sharing a role set, or one subject with many.
 *
 * Deletions ignore propagate (PVE removes the (path, subject, role) entry whatever its flag), so
 * they are grouped by path alone. Grants come before revocations, as in the plan's order.
 * Implied changes are never written.
 */
import type { AclSubjectType } from '../proxmox/model.js';
import type { AclWrite } from '../proxmox/api.js';
import { compareText, sortedUnique } from './compare.js';
import type { AclChange } from './model.js';

interface Bucket {
  readonly path: string;
  readonly propagate: boolean;
  readonly remove: boolean;
  /** `type:ugid` -> roles */
  readonly roles: Map<string, Set<string>>;
}

function bucketsOf(changes: readonly AclChange[]): Bucket[] {
  const buckets = new Map<string, Bucket>();
  for (const c of changes) {
    if (c.implied) continue;
    const remove = c.action === 'delete';
    const { path, propagate, type, ugid, roleid } = c.entry;
    const key = remove ? `1|${path}` : `0|${path}|${propagate}`;
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = { path, propagate: remove ? true : propagate, remove, roles: new Map() }));
    const subject = `${type}:${ugid}`;
    const set = bucket.roles.get(subject);
    if (set) set.add(roleid);
    else bucket.roles.set(subject, new Set([roleid]));
  }
  return [...buckets.values()];
}

/** Groups keys by the identical set of values each maps to. */
function groupBySameSet(map: ReadonlyMap<string, ReadonlySet<string>>): [keys: string[], values: string[]][] {
  const groups = new Map<string, [string[], string[]]>();
  for (const [key, values] of map) {
    const sorted = sortedUnique(values);
    const signature = sorted.join('\u0000');
    const group = groups.get(signature);
    if (group) group[0].push(key);
    else groups.set(signature, [[key], sorted]);
  }
  return [...groups.values()];
}

function write(bucket: Bucket, subjects: readonly string[], roles: readonly string[]): AclWrite {
  const of = (type: AclSubjectType) =>
    sortedUnique(subjects.filter((s) => s.startsWith(`${type}:`)).map((s) => s.slice(type.length + 1)));
  const users = of('user');
  const groups = of('group');
  const tokens = of('token');
  return {
    path: bucket.path,
    roles: sortedUnique(roles),
    ...(users.length > 0 ? { users } : {}),
    ...(groups.length > 0 ? { groups } : {}),
    ...(tokens.length > 0 ? { tokens } : {}),
    propagate: bucket.propagate,
    ...(bucket.remove ? { delete: true } : {}),
  };
}

function bucketWrites(bucket: Bucket): AclWrite[] {
  // Subjects with the same role set share a write…
  const subjectsPerRoleSet = groupBySameSet(bucket.roles).map(([subjects, roles]) => write(bucket, subjects, roles));
  const subjectsOfRole = new Map<string, Set<string>>();
  for (const [subject, roles] of bucket.roles) {
    for (const role of roles) {
      const set = subjectsOfRole.get(role);
      if (set) set.add(subject);
      else subjectsOfRole.set(role, new Set([subject]));
    }
  }
  // …or roles with the same subject set do.
  const rolesPerSubjectSet = groupBySameSet(subjectsOfRole).map(([roles, subjects]) => write(bucket, subjects, roles));
  return rolesPerSubjectSet.length < subjectsPerRoleSet.length ? rolesPerSubjectSet : subjectsPerRoleSet;
}

const writeKey = (w: AclWrite): string =>
  [w.path, String(w.propagate), w.roles.join(','), (w.users ?? []).join(','), (w.groups ?? []).join(','), (w.tokens ?? []).join(',')].join('|');

export function batchAclWrites(changes: readonly AclChange[]): AclWrite[] {
  return bucketsOf(changes)
    .flatMap(bucketWrites)
    .sort((a, b) => Number(a.delete ?? false) - Number(b.delete ?? false) || compareText(writeKey(a), writeKey(b)));
}
