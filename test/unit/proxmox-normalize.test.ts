import { describe, expect, it } from 'vitest';
import type { Wire } from '../../src/proxmox/api.js';
import { normalizeLiveState, parseServerVersion, type WireState } from '../../src/proxmox/normalize.js';

// Answers in the shapes of the verified examples in the PVE access API notes: list endpoints
// (comma strings, `tokens` array or null, `email: ""`, numeric strings echoed from parameters).
const listAnswers = (): WireState => ({
  version: { version: '9.1.1', release: '9.1', repoid: '0123456789abcdef' },
  roles: [
    { privs: 'VM.Console,VM.Audit', roleid: 'Custom1', special: 0 },
    { privs: '', roleid: 'NoAccess', special: 1 },
    { privs: 'Pool.Audit,Datastore.Audit', roleid: 'PVEAuditorLite', special: '1' },
  ],
  users: [
    {
      comment: 'hello: world',
      email: '',
      enable: 1,
      expire: 0,
      firstname: 'Alice',
      groups: 'ops',
      'realm-type': 'pve',
      tokens: [
        { expire: 4102444800, privsep: 0, tokenid: 'ro' },
        { expire: 0, privsep: 0, tokenid: 'ci', comment: 'CI token' },
      ],
      userid: 'alice@pve',
    },
    { comment: 'x', email: 'bob@example.com', enable: 0, expire: 0, groups: '', tokens: null, userid: 'bob@pve' },
    // A token created with echoed parameters, and root@pam as PVE re-creates it (no expire).
    {
      enable: '1',
      expire: '1767225600',
      groups: 'ops;qa',
      tokens: [{ tokenid: 'tf', privsep: '1', expire: '+4102444800' }],
      userid: 'carol@pve',
    },
    { enable: 1, userid: 'root@pam', tokens: null, groups: '' },
  ],
  groups: [
    { groupid: 'qa', users: 'bob@pve,carol@pve' },
    { groupid: 'ops', comment: 'Operations', users: 'alice@pve,carol@pve' },
    { groupid: 'empty', users: '' },
  ],
  acl: [
    { path: '/vms', propagate: 1, roleid: 'PVEVMAdmin', type: 'token', ugid: 'alice@pve!ci' },
    { path: '/', propagate: 0, roleid: 'Custom1', type: 'group', ugid: 'ops' },
    { path: '/vms', propagate: '0', roleid: 'Custom1', type: 'user', ugid: 'bob@pve' },
    { path: '/', propagate: 1, roleid: 'Administrator', type: 'user', ugid: 'alice@pve' },
  ],
});

// The same cluster as the per-object endpoints show it (arrays, token objects, role maps).
const perObjectAnswers = (): WireState => ({
  version: { version: '9.1.1', release: '9.1', repoid: '0123456789abcdef' },
  roles: [
    { roleid: 'NoAccess', privs: {}, special: 1 },
    { roleid: 'PVEAuditorLite', privs: { 'Datastore.Audit': 1, 'Pool.Audit': 1 }, special: 1 },
    { roleid: 'Custom1', privs: { 'VM.Audit': 1, 'VM.Console': 1 }, special: 0 },
  ],
  users: [
    { userid: 'root@pam', enable: 1, groups: [], tokens: null },
    { userid: 'bob@pve', comment: 'x', email: 'bob@example.com', enable: 0, expire: 0, groups: ['qa'], tokens: null },
    {
      userid: 'alice@pve',
      comment: 'hello: world',
      email: '',
      enable: 1,
      expire: 0,
      firstname: 'Alice',
      groups: ['ops'],
      tokens: { ci: { expire: 0, privsep: 0, comment: 'CI token' }, ro: { expire: 4102444800, privsep: 0 } },
    },
    { userid: 'carol@pve', enable: 1, expire: 1767225600, groups: ['ops', 'qa'], tokens: { tf: { expire: 4102444800, privsep: 1 } } },
  ],
  groups: [
    { groupid: 'empty', members: [] },
    { groupid: 'ops', comment: 'Operations', members: ['carol@pve', 'alice@pve'] },
    { groupid: 'qa', members: ['carol@pve', 'bob@pve'] },
  ],
  acl: listAnswers().acl,
});

describe('normalizeLiveState', () => {
  it('folds the list answers into the model', () => {
    const state = normalizeLiveState(listAnswers());
    expect(state.version).toEqual({ version: '9.1.1', release: '9.1', major: 9, minor: 1 });
    expect(state.roles.Custom1).toEqual({ roleid: 'Custom1', privileges: ['VM.Audit', 'VM.Console'], builtin: false });
    expect(state.roles.NoAccess).toEqual({ roleid: 'NoAccess', privileges: [], builtin: true });
    expect(state.roles.PVEAuditorLite?.builtin).toBe(true);
    expect(state.users['alice@pve']).toEqual({
      userid: 'alice@pve',
      enable: true,
      expire: 0,
      comment: 'hello: world',
      email: '',
      firstname: 'Alice',
      lastname: '',
      groups: ['ops'],
      tokens: {
        ci: { tokenid: 'ci', privsep: false, expire: 0, comment: 'CI token' },
        ro: { tokenid: 'ro', privsep: false, expire: 4102444800, comment: '' },
      },
    });
    expect(state.users['bob@pve']).toMatchObject({ enable: false, email: 'bob@example.com', tokens: {} });
  });

  it('reads numbers sent as strings, including signed ones', () => {
    const carol = normalizeLiveState(listAnswers()).users['carol@pve']!;
    expect(carol.enable).toBe(true);
    expect(carol.expire).toBe(1767225600);
    expect(carol.tokens.tf).toEqual({ tokenid: 'tf', privsep: true, expire: 4102444800, comment: '' });
  });

  it('gives a user without enable/expire (re-created root@pam) the PVE defaults', () => {
    const root = normalizeLiveState(listAnswers()).users['root@pam']!;
    expect(root).toMatchObject({ enable: true, expire: 0, email: '', comment: '', groups: [], tokens: {} });
  });

  it('treats an empty email and a missing email alike', () => {
    const base = listAnswers();
    const withEmpty = normalizeLiveState({ ...base, users: [{ userid: 'u@pve', email: '', comment: 'c' }] });
    const without = normalizeLiveState({ ...base, users: [{ userid: 'u@pve', comment: 'c' }] });
    expect(withEmpty.users).toEqual(without.users);
  });

  it('takes group membership from both the user list and the group list', () => {
    const state = normalizeLiveState(listAnswers());
    // bob's own `groups` is "", but the group list names him in qa.
    expect(state.users['bob@pve']!.groups).toEqual(['qa']);
    // carol's `groups` uses a ';' separator, as PVE's list parser allows.
    expect(state.users['carol@pve']!.groups).toEqual(['ops', 'qa']);
    expect(state.groups.ops).toEqual({ groupid: 'ops', comment: 'Operations', members: ['alice@pve', 'carol@pve'] });
    expect(state.groups.empty).toEqual({ groupid: 'empty', comment: '', members: [] });

    const onlyUserSide = normalizeLiveState({ ...listAnswers(), groups: [{ groupid: 'ops', users: '' }] });
    expect(onlyUserSide.groups.ops!.members).toEqual(['alice@pve', 'carol@pve']);
  });

  it('sorts the ACL by path, type, ugid and role and reads propagate flags', () => {
    const acl = normalizeLiveState(listAnswers()).acl;
    expect(acl.map((e) => `${e.path}|${e.type}|${e.ugid}|${e.roleid}|${e.propagate}`)).toEqual([
      '/|group|ops|Custom1|false',
      '/|user|alice@pve|Administrator|true',
      '/vms|token|alice@pve!ci|PVEVMAdmin|true',
      '/vms|user|bob@pve|Custom1|false',
    ]);
  });

  it('drops entries it cannot place', () => {
    const state = normalizeLiveState({
      ...listAnswers(),
      roles: [{ privs: 'VM.Audit' }],
      users: [{ enable: 1 }],
      acl: [{ path: '/', type: 'pool', ugid: 'x', roleid: 'R', propagate: 1 }],
    });
    expect(state.roles).toEqual({});
    expect(state.users).toEqual({});
    expect(state.acl).toEqual([]);
  });

  it('gives the same state for the list shapes and the per-object shapes', () => {
    expect(normalizeLiveState(perObjectAnswers())).toEqual(normalizeLiveState(listAnswers()));
  });

  it('does not depend on answer order (PVE leaves most lists unordered)', () => {
    const shuffled = (answers: WireState): WireState => ({
      version: answers.version,
      roles: [...answers.roles].reverse(),
      users: [...answers.users].reverse().map(reverseTokens),
      groups: [...answers.groups].reverse(),
      acl: [...answers.acl].reverse(),
    });
    const a = normalizeLiveState(listAnswers());
    const b = normalizeLiveState(shuffled(listAnswers()));
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

const reverseTokens = (user: Wire): Wire => (Array.isArray(user.tokens) ? { ...user, tokens: [...user.tokens].reverse() } : user);

describe('parseServerVersion', () => {
  it.each([
    [
      { version: '9.1.1', release: '9.1' },
      { version: '9.1.1', release: '9.1', major: 9, minor: 1 },
    ],
    [
      { version: '8.2.4', release: '8.2' },
      { version: '8.2.4', release: '8.2', major: 8, minor: 2 },
    ],
    [
      { version: '7.4-3', release: '7.4' },
      { version: '7.4-3', release: '7.4', major: 7, minor: 4 },
    ],
    [{ version: '7.4-3' }, { version: '7.4-3', release: '7.4', major: 7, minor: 4 }],
  ])('parses %j', (wire, expected) => {
    expect(parseServerVersion(wire)).toEqual(expected);
  });

  it('refuses an answer without a version', () => {
    expect(() => parseServerVersion({ repoid: 'abc' })).toThrow(/version/);
  });
});
