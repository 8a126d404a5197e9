/**
 * Where in the spec file a change or finding comes from. Keys follow LoadedSpec.positions
 * (`users.alice@pve.tokens.ci`, `acl.2`); ids may contain dots, so candidates are built
 * explicitly, most specific first, rather than by trimming a key.
 */
import type { AclEntry } from '../model/live-state.js';
import type { LoadedSpec } from '../spec/model.js';
import type { Change } from './model.js';
import type { SourcePosition } from '../model/finding.js';
import { splitTokenId } from '../model/identity.js';
import { positionOf } from '../spec/positions.js';

/** The `acl:` block that declares an entry, if any. */
export function aclBlockIndex(spec: LoadedSpec, e: AclEntry): number | undefined {
  const index = spec.spec.acl.findIndex((block) => {
    if (block.path !== e.path || !block.roles.includes(e.roleid)) return false;
    const subjects = e.type === 'user' ? block.users : e.type === 'group' ? block.groups : block.tokens;
    return subjects.includes(e.ugid);
  });
  return index < 0 ? undefined : index;
}

/** The declaration a change comes from; for a prune deletion, the prune list that matched it. */
export function changePosition(spec: LoadedSpec, change: Change): SourcePosition | undefined {
  switch (change.kind) {
    case 'role':
      return positionOf(spec, `roles.${change.roleid}`, 'prune.roles');
    case 'realm':
      return positionOf(spec, `realms.${change.realm}`, 'prune.realms');
    case 'group':
      return positionOf(spec, `groups.${change.groupid}`, 'prune.groups');
    case 'user':
      return positionOf(spec, `users.${change.userid}`, 'prune.users');
    case 'token':
      return positionOf(
        spec,
        `users.${change.userid}.tokens.${change.tokenid}`,
        `users.${change.userid}.tokens`,
        `users.${change.userid}`,
        'prune.users',
      );
    case 'pool':
      return positionOf(spec, `pools.${change.poolid}`, 'prune.pools');
    case 'acl': {
      const index = aclBlockIndex(spec, change.entry);
      if (index !== undefined) return positionOf(spec, `acl.${index}`);
      const { type, ugid } = change.entry;
      const owner = type === 'token' ? splitTokenId(ugid) : undefined;
      if (owner) return positionOf(spec, `users.${owner.userid}.tokens.${owner.tokenid}`, `users.${owner.userid}`);
      return positionOf(spec, type === 'group' ? `groups.${ugid}` : `users.${ugid}`);
    }
  }
}
