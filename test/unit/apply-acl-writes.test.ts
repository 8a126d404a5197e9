import { describe, expect, it } from 'vitest';
import { aclWritesFor, changesOfWrite } from '../../src/apply/acl-writes.js';
import type { AclWrite } from '../../src/proxmox/api.js';
import type { AclChange } from '../../src/plan/model.js';
import { acl, entry } from './apply-fixtures.js';

/** Every (path, subject, role, propagate, delete) a list of writes would touch. */
function pairsOf(writes: readonly AclWrite[]): string[] {
  return writes.flatMap((w) =>
    w.roles.flatMap((r) =>
      [
        ...(w.users ?? []).map((u) => `user:${u}`),
        ...(w.groups ?? []).map((g) => `group:${g}`),
        ...(w.tokens ?? []).map((t) => `token:${t}`),
      ].map((s) => `${w.path} ${s} ${r} ${w.propagate} ${w.delete === true}`),
    ),
  );
}
const pairsOfChanges = (changes: readonly AclChange[]): string[] =>
  changes.map((c) => `${c.entry.path} ${c.entry.type}:${c.entry.ugid} ${c.entry.roleid} ${c.entry.propagate} ${c.action === 'delete'}`);

describe('aclWritesFor', () => {
  it('never touches a pair that was not asked for when role sets overlap', () => {
    const changes = [
      acl('create', entry('/', 'user', 'a@pve', 'R')),
      acl('create', entry('/', 'user', 'a@pve', 'S')),
      acl('create', entry('/', 'user', 'b@pve', 'R')),
      acl('create', entry('/', 'group', 'g', 'S')),
      acl('create', entry('/', 'group', 'h', 'R')),
      acl('create', entry('/', 'group', 'h', 'S')),
    ];
    const writes = aclWritesFor(changes);
    expect(pairsOf(writes).sort()).toEqual(pairsOfChanges(changes).sort());
    expect(writes).toHaveLength(3); // {R,S}: a, h · {R}: b · {S}: g
  });

  it('keeps adds and deletes, and different propagate flags, in separate writes', () => {
    const changes = [
      acl('create', entry('/vms', 'user', 'a@pve', 'R')),
      acl('delete', entry('/vms', 'user', 'b@pve', 'R')),
      acl('create', entry('/vms', 'user', 'c@pve', 'R', false)),
    ];
    const writes = aclWritesFor(changes);
    expect(writes).toEqual([
      { path: '/vms', roles: ['R'], users: ['a@pve'], propagate: true },
      { path: '/vms', roles: ['R'], users: ['b@pve'], propagate: true, delete: true },
      { path: '/vms', roles: ['R'], users: ['c@pve'], propagate: false },
    ]);
    expect(writes.map((w) => changesOfWrite(w, changes).length)).toEqual([1, 1, 1]);
  });
});

describe('changesOfWrite', () => {
  it('rejects a write that would grant a pair no change asked for', () => {
    const changes = [acl('create', entry('/', 'user', 'a@pve', 'R')), acl('create', entry('/', 'user', 'b@pve', 'S'))];
    const tooWide: AclWrite = { path: '/', roles: ['R', 'S'], users: ['a@pve', 'b@pve'], propagate: true };
    expect(() => changesOfWrite(tooWide, changes)).toThrow(/covers 4 entries but matches 2/);
  });
});
