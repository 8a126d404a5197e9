import { describe, expect, it } from 'vitest';
import { makePlan } from '../../src/plan/make-plan.js';
import { hasErrors, type Plan } from '../../src/plan/model.js';
import { renderPlanMarkdown } from '../../src/render/markdown.js';
import { renderPlanText } from '../../src/render/text.js';
import {
  acl,
  aclSpec,
  at,
  groupSpec,
  live,
  liveGroup,
  liveRole,
  liveToken,
  liveUser,
  options,
  privilegesOf,
  roleSpec,
  spec,
  tokenSpec,
  userSpec,
} from './plan-fixtures.js';
import type { Finding } from '../../src/model/finding.js';

const codes = (plan: Plan, code: string): Finding[] => plan.findings.filter((f) => f.code === code);

describe('lockout', () => {
  const admin = liveUser('ci@pve', { tokens: [liveToken('run', { privsep: false })], groups: ['admins'] });
  const base = {
    roles: [liveRole('Ops', ['Permissions.Modify', 'Sys.Audit', 'VM.Audit'])],
    groups: [liveGroup('admins')],
    users: [admin],
    acl: [acl('/', 'user', 'ci@pve', 'Ops')],
  };
  const acting = { actingIdentity: 'ci@pve!run' };

  it('does not fire for a plan that leaves the acting identity alone', () => {
    const plan = makePlan(spec({ users: [userSpec('x@pve')] }), live(base), options(acting));
    expect(codes(plan, 'lockout')).toEqual([]);
  });

  it('fires when the spec would delete the acting token', () => {
    const s = spec({
      users: [userSpec('ci@pve', { groups: ['admins'], tokens: [] })],
      groups: [groupSpec('admins')],
      acl: [aclSpec('/', ['Ops'], { users: ['ci@pve'] })],
    });
    const plan = makePlan(s, live(base), options(acting));
    const messages = codes(plan, 'lockout').map((f) => f.message);
    expect(messages).toContain('lockout: this plan deletes token ci@pve!run, which this run authenticates with');
    expect(messages.join('\n')).toContain('leaves ci@pve!run without Permissions.Modify');
    expect(hasErrors(plan)).toBe(true);
  });

  it('fires when the acting user is disabled', () => {
    const s = spec({
      users: [userSpec('ci@pve', { enable: false, groups: ['admins'] })],
      groups: [groupSpec('admins')],
      acl: [aclSpec('/', ['Ops'], { users: ['ci@pve'] })],
    });
    expect(codes(makePlan(s, live(base), options(acting)), 'lockout')[0]?.message).toContain('disables user ci@pve');
  });

  it('fires when the acting user gets an earlier expiry, as the apply guard refuses it too', () => {
    const s = spec({
      users: [userSpec('ci@pve', { expire: 2_000_000_000, groups: ['admins'] })],
      groups: [groupSpec('admins')],
      acl: [aclSpec('/', ['Ops'], { users: ['ci@pve'] })],
    });
    expect(codes(makePlan(s, live(base), options(acting)), 'lockout').map((f) => f.message)).toEqual([
      'lockout: this plan brings forward the expiry of user ci@pve, which this run acts as',
    ]);
  });

  it('fires when a role the identity holds is pruned or loses privileges', () => {
    const pruned = makePlan(spec({ prune: { roles: ['*'] } }), live(base), options(acting));
    expect(
      codes(pruned, 'lockout')
        .map((f) => f.message)
        .join('\n'),
    ).toContain('deletes role Ops');
    const shrunk = makePlan(spec({ roles: [roleSpec('Ops', ['Permissions.Modify', 'Sys.Audit'])] }), live(base), options(acting));
    expect(
      codes(shrunk, 'lockout')
        .map((f) => f.message)
        .join('\n'),
    ).toContain('removes VM.Audit from role Ops');
  });

  it('fires when its ACL entry is revoked, and when it only loses privileges through group membership', () => {
    const revoked = makePlan(
      spec({ users: [userSpec('ci@pve', { groups: ['admins'] })], groups: [groupSpec('admins')] }),
      live(base),
      options(acting),
    );
    expect(
      codes(revoked, 'lockout')
        .map((f) => f.message)
        .join('\n'),
    ).toContain('revokes Ops on / for user ci@pve');

    const viaGroup = live({ ...base, acl: [acl('/', 'group', 'admins', 'Ops')] });
    const left = makePlan(spec({ users: [userSpec('ci@pve')] }), viaGroup, options({ actingIdentity: 'ci@pve' }));
    expect(
      codes(left, 'lockout')
        .map((f) => f.message)
        .join('\n'),
    ).toContain('leaves ci@pve without');
  });

  it('fires when nobody but root@pam keeps Permissions.Modify on /', () => {
    const l = live({ users: [liveUser('boss@pve')], acl: [acl('/', 'user', 'boss@pve', 'Administrator')] });
    const plan = makePlan(spec({ prune: { users: ['boss@pve'] } }), l, options());
    expect(codes(plan, 'lockout').map((f) => f.message)).toEqual([expect.stringContaining('Permissions.Modify on /')]);
    const kept = live({
      users: [liveUser('boss@pve'), liveUser('other@pve')],
      acl: [acl('/', 'user', 'boss@pve', 'Administrator'), acl('/', 'user', 'other@pve', 'Administrator')],
    });
    expect(codes(makePlan(spec({ prune: { users: ['boss@pve'] } }), kept, options()), 'lockout')).toEqual([]);
  });

  it('does not count a disabled user as keeping Permissions.Modify', () => {
    const l = live({
      users: [liveUser('boss@pve'), liveUser('off@pve', { enable: false })],
      acl: [acl('/', 'user', 'boss@pve', 'Administrator'), acl('/', 'user', 'off@pve', 'Administrator')],
    });
    expect(codes(makePlan(spec({ prune: { users: ['boss@pve'] } }), l, options()), 'lockout')).toHaveLength(1);
  });
});

describe('deletions-disabled', () => {
  it('is an error for each executed delete, not for implied cascades', () => {
    const l = live({ users: [liveUser('a@pve', { tokens: [liveToken('t')] }), liveUser('b@pve')] });
    const plan = makePlan(
      spec({ prune: { users: ['*@pve'] }, positions: { 'prune.users': at(20) } }),
      l,
      options({ allowDeletions: false }),
    );
    const found = codes(plan, 'deletions-disabled');
    expect(found.map((f) => f.address)).toEqual(['user:a@pve', 'user:b@pve']);
    expect(found[0]?.position).toEqual(at(20));
    expect(codes(makePlan(spec({ prune: { users: ['*@pve'] } }), l, options()), 'deletions-disabled')).toEqual([]);
  });
});

describe('unknown-privilege', () => {
  it('names privileges the server does not know, with a hint and the spec position', () => {
    const s = spec({
      roles: [roleSpec('R', ['VM.Monitor', 'VM.Adit', 'Sys.AccessNetwork', 'Totally.Bogus'])],
      positions: { 'roles.R.privileges': at(4, 17) },
    });
    const plan = makePlan(s, live({ version: '7.4-3' }), options({ serverPrivileges: privilegesOf(7) }));
    const messages = codes(plan, 'unknown-privilege').map((f) => f.message);
    // VM.Monitor still exists on 7.x.
    expect(messages).toEqual([
      "role 'R': PVE 7.4-3 has no privilege 'Sys.AccessNetwork' (Sys.AccessNetwork was added in PVE 8, libpve-access-control 8.1.2)",
      "role 'R': PVE 7.4-3 has no privilege 'Totally.Bogus'",
      "role 'R': PVE 7.4-3 has no privilege 'VM.Adit' (did you mean VM.Audit?)",
    ]);
    expect(codes(plan, 'unknown-privilege').every((f) => f.position?.line === 4)).toBe(true);

    const nine = makePlan(s, live(), options());
    expect(codes(nine, 'unknown-privilege').map((f) => f.message)).toContain(
      "role 'R': PVE 9.1.1 has no privilege 'VM.Monitor' (VM.Monitor was removed in PVE 9: use Sys.Audit / VM.GuestAgent.Audit)",
    );
  });
});

describe('privsep-no-acl', () => {
  it('warns about a privilege-separated token without ACL entries of its own', () => {
    const users = [userSpec('a@pve', { tokens: [tokenSpec('bare'), tokenSpec('granted'), tokenSpec('shared', { privsep: false })] })];
    const plan = makePlan(
      spec({ users, acl: [aclSpec('/', ['PVEAuditor'], { users: ['a@pve'], tokens: ['a@pve!granted'] })] }),
      live(),
      options(),
    );
    expect(codes(plan, 'privsep-no-acl').map((f) => f.address)).toEqual(['token:a@pve!bare']);
  });
});

describe('prune-deletes-admin', () => {
  const l = live({
    roles: [liveRole('Delegate', ['Permissions.Modify', 'Sys.Audit'])],
    groups: [liveGroup('admins')],
    users: [
      liveUser('boss@pve', { groups: ['admins'], tokens: [liveToken('ci', { privsep: false }), liveToken('sep')] }),
      liveUser('lead@pve', { tokens: [liveToken('own')] }),
      liveUser('viewer@pve', { tokens: [liveToken('ro', { privsep: false })] }),
      liveUser('blocked@pve', { groups: ['admins'] }),
    ],
    acl: [
      acl('/', 'group', 'admins', 'Administrator'),
      acl('/vms', 'user', 'lead@pve', 'Delegate'),
      acl('/vms', 'token', 'lead@pve!own', 'Delegate'),
      acl('/', 'user', 'viewer@pve', 'PVEAuditor'),
      acl('/', 'user', 'blocked@pve', 'NoAccess'),
    ],
  });
  const pruned = makePlan(spec({ prune: { users: ['*@pve'] }, positions: { 'prune.users': at(9) } }), l, options());
  const found = codes(pruned, 'prune-deletes-admin');

  it('names each pruned user or token that holds Administrator or Permissions.Modify, with the path and how', () => {
    expect(found.map((f) => [f.address, f.message])).toEqual([
      ['user:boss@pve', 'prune pattern "*@pve" deletes user boss@pve, which holds Administrator on / (through group admins)'],
      [
        'token:boss@pve!ci',
        'prune pattern "*@pve" deletes token boss@pve!ci with its user; the token holds Administrator on / (through its user)',
      ],
      ['user:lead@pve', 'prune pattern "*@pve" deletes user lead@pve, which holds Permissions.Modify on /vms (directly)'],
      [
        'token:lead@pve!own',
        'prune pattern "*@pve" deletes token lead@pve!own with its user; the token holds Permissions.Modify on /vms (directly)',
      ],
    ]);
    expect(found.every((f) => f.severity === 'warning' && f.position?.line === 9)).toBe(true);
  });

  it('leaves out a privilege-separated token without grants of its own, an auditor and a user NoAccess overrides', () => {
    const addresses = found.map((f) => f.address);
    expect(addresses).not.toContain('token:boss@pve!sep');
    expect(addresses).not.toContain('user:viewer@pve');
    expect(addresses).not.toContain('token:viewer@pve!ro');
    expect(addresses).not.toContain('user:blocked@pve');
  });

  it('shows in the risks of the plan comment and in the text plan', () => {
    const md = renderPlanMarkdown(pruned, { specPath: 'proxmox-access.yml', mode: 'plan', pullRequest: true });
    const risks = md.slice(md.indexOf('#### Risks'), md.indexOf('#### Changes'));
    expect(risks).toContain(
      '- ⚠️ **warning** `prune-deletes-admin`: prune pattern "\\*`@pve`" deletes user boss@pve, which holds Administrator on / (through group admins) (`proxmox-access.yml:9:3, user:boss@pve`)',
    );
    expect(risks).toContain('`prune-deletes-admin`: prune pattern "\\*`@pve`" deletes user lead@pve');
    const text = renderPlanText(pruned);
    expect(text).toContain(
      '⚠ warning [prune-deletes-admin] prune pattern "*@pve" deletes user boss@pve, which holds Administrator on / (through group admins) (proxmox-access.yml:9:3, user:boss@pve)',
    );
    expect(text.indexOf('[prune-deletes-admin]')).toBeLessThan(text.indexOf('Changes:'));
  });

  it('says nothing when no prune pattern deletes an administrator', () => {
    expect(codes(makePlan(spec({ prune: { users: ['viewer@pve'] } }), l, options()), 'prune-deletes-admin')).toEqual([]);
  });
});

describe('prune-kept', () => {
  it('says when a prune pattern matches root@pam or the acting user, which are kept', () => {
    const l = live({ users: [liveUser('root@pam'), liveUser('ops@pve', { tokens: [liveToken('ci')] }), liveUser('old@pve')] });
    const plan = makePlan(spec({ prune: { users: ['*'] } }), l, options({ actingIdentity: 'ops@pve!ci' }));
    expect(codes(plan, 'prune-kept').map((f) => f.address)).toEqual(['user:root@pam', 'user:ops@pve']);
    expect(codes(plan, 'prune-kept')[1]?.message).toContain('the user this action authenticates as');
    expect(plan.changes.filter((c) => c.action === 'delete' && c.kind === 'user').map((c) => c.address)).toEqual(['user:old@pve']);
  });

  it('says it once when the action itself runs as root@pam', () => {
    const l = live({ users: [liveUser('root@pam', { tokens: [liveToken('ci', { privsep: false })] }), liveUser('old@pve')] });
    const plan = makePlan(spec({ prune: { users: ['*'] } }), l, options({ actingIdentity: 'root@pam!ci' }));
    const kept = codes(plan, 'prune-kept');
    expect(kept.map((f) => f.address)).toEqual(['user:root@pam']);
    expect(kept[0]?.message).toBe(
      'prune pattern "*" matches root@pam, which is kept: root@pam is never deleted, and it is the user this action authenticates as',
    );
  });

  it('stays quiet when no pattern matches them', () => {
    const l = live({ users: [liveUser('root@pam'), liveUser('ops@pve', { tokens: [liveToken('ci')] })] });
    expect(codes(makePlan(spec({ prune: { users: ['tf-*@pve'] } }), l, options({ actingIdentity: 'ops@pve!ci' })), 'prune-kept')).toEqual(
      [],
    );
  });
});

describe('privsep-intersection', () => {
  it('warns when a privilege-separated token is granted what its user lacks, naming path and privileges', () => {
    const users = [userSpec('a@pve', { tokens: [tokenSpec('cut'), tokenSpec('whole')] })];
    const s = spec({
      users,
      acl: [
        aclSpec('/', ['PVEAuditor'], { users: ['a@pve'], tokens: ['a@pve!whole'] }),
        aclSpec('/vms', ['PVEVMUser'], { tokens: ['a@pve!cut'] }),
      ],
    });
    const found = codes(makePlan(s, live(), options()), 'privsep-intersection');
    expect(found.map((f) => f.address)).toEqual(['token:a@pve!cut']);
    expect(found[0]?.message).toMatch(/\/vms: .*VM\.PowerMgmt/);
    expect(found[0]?.message).not.toContain('VM.Audit,');
  });

  it('stays quiet once the user holds the same roles, or the token is not separated', () => {
    const users = [userSpec('a@pve', { tokens: [tokenSpec('t'), tokenSpec('shared', { privsep: false })] })];
    const s = spec({
      users,
      acl: [aclSpec('/vms', ['PVEVMUser'], { users: ['a@pve'], tokens: ['a@pve!t', 'a@pve!shared'] })],
    });
    expect(codes(makePlan(s, live(), options()), 'privsep-intersection')).toEqual([]);
  });
});

describe('privilege-escalation', () => {
  it('warns when a principal newly gains a privilege that widens access', () => {
    const s = spec({
      users: [userSpec('a@pve'), userSpec('b@pve')],
      acl: [aclSpec('/', ['PVEUserAdmin'], { users: ['a@pve'] }), aclSpec('/', ['PVEAuditor'], { users: ['b@pve'] })],
    });
    const plan = makePlan(s, live({ users: [liveUser('a@pve'), liveUser('b@pve')] }), options());
    const found = codes(plan, 'privilege-escalation');
    expect(found.map((f) => f.address)).toEqual(['user:a@pve']);
    expect(found[0]?.message).toContain('User.Modify');
  });

  it('warns for every holder when a role gains such a privilege', () => {
    const s = spec({ roles: [roleSpec('R', ['VM.Audit', 'Sys.Modify'])] });
    const l = live({
      roles: [liveRole('R', ['VM.Audit'])],
      groups: [liveGroup('g')],
      users: [liveUser('m@pve', { groups: ['g'] })],
      acl: [acl('/nodes', 'group', 'g', 'R')],
    });
    expect(codes(makePlan(s, l, options()), 'privilege-escalation').map((f) => f.address)).toEqual(['user:m@pve', 'group:g']);
  });
});

describe('mass-deletion', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => liveUser(`u${i}@pve`));

  it('warns above the absolute threshold or a large share', () => {
    expect(codes(makePlan(spec({ prune: { users: ['*@pve'] } }), live({ users: many(11) }), options()), 'mass-deletion')).toHaveLength(1);
    expect(
      codes(makePlan(spec({ prune: { users: ['u0@pve', 'u1@pve', 'u2@pve'] } }), live({ users: many(5) }), options()), 'mass-deletion'),
    ).toHaveLength(1);
  });

  it('stays quiet for a few deletions among many objects', () => {
    expect(
      codes(makePlan(spec({ prune: { users: ['u0@pve', 'u1@pve'] } }), live({ users: many(20) }), options()), 'mass-deletion'),
    ).toEqual([]);
  });
});

describe('cascade notices', () => {
  it('tells what a deletion removes by itself', () => {
    const l = live({ users: [liveUser('a@pve', { tokens: [liveToken('t')] })], acl: [acl('/', 'user', 'a@pve', 'PVEAuditor')] });
    const [notice] = codes(makePlan(spec({ prune: { users: ['a@pve'] } }), l, options()), 'cascade');
    expect(notice).toMatchObject({ severity: 'notice', address: 'user:a@pve' });
    expect(notice?.message).toContain('1 token(s) and 1 ACL entry');
  });

  it('sums many cascades up in one notice', () => {
    const users = Array.from({ length: 8 }, (_, i) => liveUser(`u${i}@pve`, { tokens: [liveToken('t')] }));
    const found = codes(makePlan(spec({ prune: { users: ['u*@pve'] } }), live({ users }), options()), 'cascade');
    expect(found.map((f) => f.message)).toEqual(['8 deletions also remove 8 token(s): PVE does this by itself']);
  });
});

describe('checks of the spec against the server', () => {
  it('rejects references to objects neither declared nor on the cluster', () => {
    const s = spec({
      users: [userSpec('a@pve', { groups: ['nogroup'], tokens: [] })],
      acl: [aclSpec('/', ['NoRole'], { users: ['ghost@pve'], groups: ['nogroup'], tokens: ['a@pve!undeclared', 'b@pve!missing'] })],
      positions: { 'acl.0': at(30) },
    });
    const plan = makePlan(s, live({ users: [liveUser('b@pve')] }), options());
    const found = plan.findings.filter((f) => f.code.startsWith('unknown-'));
    expect(found.map((f) => f.code).sort()).toEqual([
      'unknown-group',
      'unknown-group',
      'unknown-role',
      'unknown-token',
      'unknown-token',
      'unknown-user',
    ]);
    expect(found.find((f) => f.code === 'unknown-role')?.position).toEqual(at(30));
  });

  it('rejects declaring a built-in role and, on PVE 8+, new roles named PVE*', () => {
    const plan = makePlan(
      spec({ roles: [roleSpec('PVEAuditor', ['Sys.Audit']), roleSpec('PveCustom', ['Sys.Audit'])] }),
      live(),
      options(),
    );
    expect(plan.findings.map((f) => f.code)).toEqual(['builtin-role-collision', 'reserved-role-id']);
    expect(plan.changes.map((c) => c.address)).toEqual(['role:PveCustom']);
    expect(
      codes(
        makePlan(
          spec({ roles: [roleSpec('PveCustom', ['Sys.Audit'])] }),
          live({ version: '7.4-3' }),
          options({ serverPrivileges: privilegesOf(7) }),
        ),
        'reserved-role-id',
      ),
    ).toEqual([]);
  });

  it('rejects ACL paths the server version does not accept', () => {
    const s = spec({ users: [userSpec('a@pve')], acl: [aclSpec('/sdn/fabrics/f1', ['PVEAuditor'], { users: ['a@pve'] })] });
    expect(codes(makePlan(s, live({ version: '8.2.4' }), options({ serverPrivileges: privilegesOf(8) })), 'invalid-acl-path')).toHaveLength(
      1,
    );
    expect(codes(makePlan(s, live(), options()), 'invalid-acl-path')).toEqual([]);
  });

  it('warns that grants to root@pam are skipped and flags conflicting propagate flags', () => {
    const s = spec({
      users: [userSpec('a@pve')],
      acl: [
        aclSpec('/', ['PVEAuditor'], { users: ['root@pam', 'a@pve'] }),
        aclSpec('/', ['PVEAuditor'], { users: ['a@pve'], propagate: false }),
      ],
    });
    const plan = makePlan(s, live(), options());
    expect(plan.findings.map((f) => f.code)).toEqual(['acl-conflict', 'root-acl']);
    expect(plan.changes.map((c) => c.address)).toEqual(['user:a@pve', 'acl:/|user:a@pve|PVEAuditor']);
  });
});
