/** The spec's ACL blocks expanded into PVE's unit: one entry per (path, subject, role). */
import type { AclEntry, AclSubjectType } from '../model/live-state.js';
import type { AclSpec } from './model.js';
import { aclKey } from '../model/addresses.js';
import { ROOT_USER } from '../model/identity.js';

export interface DesiredAclEntry {
  readonly entry: AclEntry;
  /** Index of the first `acl:` block that declares it, for positions. */
  readonly index: number;
}

export interface DesiredAcl {
  /** aclKey -> entry; the first block wins when two disagree about propagate. */
  readonly entries: ReadonlyMap<string, DesiredAclEntry>;
  /** Entries declared twice with different propagate flags: [key, first index, later index]. */
  readonly conflicts: readonly (readonly [string, number, number])[];
  /** Blocks that grant to root@pam, which PVE never stores. */
  readonly rootGrants: readonly number[];
}

export function subjectsOf(acl: AclSpec): [AclSubjectType, string][] {
  return [
    ...acl.users.map((u): [AclSubjectType, string] => ['user', u]),
    ...acl.groups.map((g): [AclSubjectType, string] => ['group', g]),
    ...acl.tokens.map((t): [AclSubjectType, string] => ['token', t]),
  ];
}

export function desiredAcl(blocks: readonly AclSpec[]): DesiredAcl {
  const entries = new Map<string, DesiredAclEntry>();
  const conflicts: [string, number, number][] = [];
  const rootGrants: number[] = [];
  blocks.forEach((block, index) => {
    for (const [type, ugid] of subjectsOf(block)) {
      if (type === 'user' && ugid === ROOT_USER) {
        if (!rootGrants.includes(index)) rootGrants.push(index);
        continue;
      }
      for (const roleid of block.roles) {
        const entry: AclEntry = { path: block.path, type, ugid, roleid, propagate: block.propagate };
        const key = aclKey(entry);
        const seen = entries.get(key);
        if (!seen) entries.set(key, { entry, index });
        else if (seen.entry.propagate !== entry.propagate) conflicts.push([key, seen.index, index]);
      }
    }
  });
  return { entries, conflicts, rootGrants };
}
