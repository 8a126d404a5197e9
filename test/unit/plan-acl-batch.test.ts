import { describe, expect, it } from 'vitest';
import { batchAclWrites } from '../../src/plan/acl-batch.js';
import type { AclChange } from '../../src/plan/model.js';
import type { AclWrite } from '../../src/proxmox/api.js';
import type { AclEntry } from '../../src/proxmox/model.js';
import { acl } from './plan-fixtures.js';

const grant = (e: AclEntry): AclChange => ({ kind: 'acl', address: `acl:${e.path}|${e.type}:${e.ugid}|${e.roleid}`, action: 'create', entry: e, fields: [] });
const revoke = (e: AclEntry): AclChange => ({ ...grant(e), action: 'delete' });

/** What PVE does with the writes: the cross product of roles and subjects, per path. */
function expand(writes: readonly AclWrite[]): string[] {
  const out: string[] = [];
  for (const w of writes) {
    const subjects = [...(w.users ?? []).map((u) => `user:${u}`), ...(w.groups ?? []).map((g) => `group:${g}`), ...(w.tokens ?? []).map((t) => `token:${t}`)];
    for (const r of w.roles) for (const s of subjects) out.push(`${w.delete ? 'del' : `add/${w.propagate}`} ${w.path}|${s}|${r}`);
  }
  return out.sort();
}
const expected = (changes: readonly AclChange[]) =>
  changes
    .filter((c) => !c.implied)
    .map((c) => `${c.action === 'delete' ? 'del' : `add/${c.entry.propagate}`} ${c.entry.path}|${c.entry.type}:${c.entry.ugid}|${c.entry.roleid}`)
    .sort();

describe('batchAclWrites', () => {
  it('grants one role to 3 users and 2 groups at a path in one write', () => {
    const changes = [
      ...['a@pve', 'b@pve', 'c@pve'].map((u) => grant(acl('/vms', 'user', u, 'PVEVMUser'))),
      ...['g1', 'g2'].map((g) => grant(acl('/vms', 'group', g, 'PVEVMUser'))),
    ];
    expect(batchAclWrites(changes)).toEqual([{ path: '/vms', roles: ['PVEVMUser'], users: ['a@pve', 'b@pve', 'c@pve'], groups: ['g1', 'g2'], propagate: true }]);
  });

  it('puts several roles shared by the same subjects into one write, tokens included', () => {
    const changes = ['R1', 'R2', 'R3'].flatMap((r) => [grant(acl('/', 'user', 'a@pve', r)), grant(acl('/', 'token', 'a@pve!t', r))]);
    const writes = batchAclWrites(changes);
    expect(writes).toEqual([{ path: '/', roles: ['R1', 'R2', 'R3'], users: ['a@pve'], tokens: ['a@pve!t'], propagate: true }]);
  });

  it('never grants a pair that was not asked for, and picks the smaller grouping', () => {
    // a: R1 R2 R3, b: R1, c: R1 — by role set 2 writes; by subject set 2 writes as well; 3 singles would be worse.
    const changes = [...['R1', 'R2', 'R3'].map((r) => grant(acl('/', 'user', 'a@pve', r))), grant(acl('/', 'user', 'b@pve', 'R1')), grant(acl('/', 'user', 'c@pve', 'R1'))];
    const writes = batchAclWrites(changes);
    expect(expand(writes)).toEqual(expected(changes));
    expect(writes).toHaveLength(2);
    // Five subjects with one role each, one subject with all five roles: grouping roles by subject set wins (5 < 6).
    const roles = ['A', 'B', 'C', 'D', 'E'];
    const skewed = [...roles.map((r, i) => grant(acl('/', 'user', `u${i}@pve`, r))), ...roles.map((r) => grant(acl('/', 'group', 'all', r)))];
    const w2 = batchAclWrites(skewed);
    expect(expand(w2)).toEqual(expected(skewed));
    expect(w2).toHaveLength(5);
  });

  it('keeps paths and propagate flags apart', () => {
    const changes = [grant(acl('/', 'user', 'a@pve', 'R')), grant(acl('/', 'user', 'b@pve', 'R', false)), grant(acl('/vms', 'user', 'a@pve', 'R'))];
    const writes = batchAclWrites(changes);
    expect(writes).toHaveLength(3);
    expect(expand(writes)).toEqual(expected(changes));
  });

  it('batches revocations by path whatever their propagate flag, after the grants, and skips implied ones', () => {
    const changes = [
      revoke(acl('/', 'user', 'a@pve', 'R', true)),
      revoke(acl('/', 'user', 'b@pve', 'R', false)),
      { ...revoke(acl('/', 'user', 'c@pve', 'R')), implied: true },
      grant(acl('/', 'user', 'd@pve', 'R')),
    ];
    const writes = batchAclWrites(changes);
    expect(writes).toEqual([
      { path: '/', roles: ['R'], users: ['d@pve'], propagate: true },
      { path: '/', roles: ['R'], users: ['a@pve', 'b@pve'], propagate: true, delete: true },
    ]);
  });

  it('reproduces exactly the requested entries on a mixed set', () => {
    const subjects: [AclEntry['type'], string][] = [['user', 'a@pve'], ['user', 'b@pve'], ['group', 'g'], ['token', 'a@pve!t']];
    const changes: AclChange[] = [];
    subjects.forEach(([type, ugid], i) => {
      ['R0', 'R1', 'R2'].forEach((role, j) => {
        if ((i + j) % 2 === 0) changes.push(grant(acl(j === 2 ? '/vms' : '/', type, ugid, role, i !== 3)));
      });
    });
    expect(expand(batchAclWrites(changes))).toEqual(expected(changes));
  });
});
