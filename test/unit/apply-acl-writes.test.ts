import { describe, expect, it } from 'vitest';
import { aclWritesFor, changesOfWrite } from '../../src/apply/acl-writes.js';
import type { AclWrite } from '../../src/proxmox/api.js';
import type { AclChange } from '../../src/plan/model.js';
import type { AclEntry } from '../../src/model/live-state.js';
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

  it('grants one role to 3 users and 2 groups at a path in one write', () => {
    const changes = [
      ...['a@pve', 'b@pve', 'c@pve'].map((u) => acl('create', entry('/vms', 'user', u, 'PVEVMUser'))),
      ...['g1', 'g2'].map((g) => acl('create', entry('/vms', 'group', g, 'PVEVMUser'))),
    ];
    expect(aclWritesFor(changes)).toEqual([
      { path: '/vms', roles: ['PVEVMUser'], users: ['a@pve', 'b@pve', 'c@pve'], groups: ['g1', 'g2'], propagate: true },
    ]);
  });

  it('puts several roles shared by the same subjects into one write, tokens included', () => {
    const changes = ['R1', 'R2', 'R3'].flatMap((r) => [
      acl('create', entry('/', 'user', 'a@pve', r)),
      acl('create', entry('/', 'token', 'a@pve!t', r)),
    ]);
    expect(aclWritesFor(changes)).toEqual([
      { path: '/', roles: ['R1', 'R2', 'R3'], users: ['a@pve'], tokens: ['a@pve!t'], propagate: true },
    ]);
  });

  it('needs no more writes than distinct role sets, and never more pairs than asked for', () => {
    // a: R1 R2 R3, b: R1, c: R1: two role sets, two writes.
    const changes = [
      ...['R1', 'R2', 'R3'].map((r) => acl('create', entry('/', 'user', 'a@pve', r))),
      acl('create', entry('/', 'user', 'b@pve', 'R1')),
      acl('create', entry('/', 'user', 'c@pve', 'R1')),
    ];
    const writes = aclWritesFor(changes);
    expect(pairsOf(writes).sort()).toEqual(pairsOfChanges(changes).sort());
    expect(writes).toHaveLength(2);
    // Five subjects with one role each and one with all five: six role sets, six writes, exact pairs.
    const roles = ['A', 'B', 'C', 'D', 'E'];
    const skewed = [
      ...roles.map((r, i) => acl('create', entry('/', 'user', `u${i}@pve`, r))),
      ...roles.map((r) => acl('create', entry('/', 'group', 'all', r))),
    ];
    const skewedWrites = aclWritesFor(skewed);
    expect(pairsOf(skewedWrites).sort()).toEqual(pairsOfChanges(skewed).sort());
    expect(skewedWrites).toHaveLength(6);
  });

  it('keeps paths apart', () => {
    const changes = [
      acl('create', entry('/', 'user', 'a@pve', 'R')),
      acl('create', entry('/', 'user', 'b@pve', 'R', false)),
      acl('create', entry('/vms', 'user', 'a@pve', 'R')),
    ];
    const writes = aclWritesFor(changes);
    expect(writes).toHaveLength(3);
    expect(pairsOf(writes).sort()).toEqual(pairsOfChanges(changes).sort());
  });

  it('reproduces exactly the requested entries on a mixed set', () => {
    const subjects: [AclEntry['type'], string][] = [
      ['user', 'a@pve'],
      ['user', 'b@pve'],
      ['group', 'g'],
      ['token', 'a@pve!t'],
    ];
    const changes: AclChange[] = [];
    subjects.forEach(([type, ugid], i) => {
      ['R0', 'R1', 'R2'].forEach((role, j) => {
        if ((i + j) % 2 === 0) changes.push(acl('create', entry(j === 2 ? '/vms' : '/', type, ugid, role, i !== 3)));
      });
    });
    const writes = aclWritesFor(changes);
    expect(pairsOf(writes).sort()).toEqual(pairsOfChanges(changes).sort());
    expect(writes.flatMap((w) => changesOfWrite(w, changes)).length).toBe(changes.length);
  });
});

describe('changesOfWrite', () => {
  it('rejects a write that would grant a pair no change asked for', () => {
    const changes = [acl('create', entry('/', 'user', 'a@pve', 'R')), acl('create', entry('/', 'user', 'b@pve', 'S'))];
    const tooWide: AclWrite = { path: '/', roles: ['R', 'S'], users: ['a@pve', 'b@pve'], propagate: true };
    expect(() => changesOfWrite(tooWide, changes)).toThrow(/covers 4 entries but matches 2/);
  });
});
