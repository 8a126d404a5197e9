/** Hand-built plans for the renderer tests. */
import type { AclChange, Change, Plan, PrincipalPrivileges, RoleChange, TokenChange, UserChange } from '../../src/plan/model.js';
import { countChanges } from '../../src/render/summary-line.js';
import type { Finding } from '../../src/model/finding.js';

export const DIGEST = '3f2a9c0d1e2b4a5b6c7d8e9f00112233445566778899aabbccddeeff00112233';
export const HEAD_SHA = '0123456789abcdef0123456789abcdef01234567';

export function plan(changes: readonly Change[], extra: Partial<Omit<Plan, 'changes' | 'counts'>> = {}): Plan {
  return {
    changes,
    counts: countChanges(changes),
    findings: [],
    privileges: [],
    digest: DIGEST,
    server: { version: '9.1.1', release: '9.1', major: 9, minor: 1 },
    ...extra,
  };
}

export const roleCreate = (roleid: string, privileges: readonly string[] = ['VM.Audit', 'VM.Allocate']): RoleChange => ({
  kind: 'role',
  address: `role:${roleid}`,
  action: 'create',
  fields: [],
  roleid,
  privileges,
});

export const userUpdate = (userid: string, before: string, after: string): UserChange => ({
  kind: 'user',
  address: `user:${userid}`,
  action: 'update',
  fields: [
    { field: 'comment', before, after },
    { field: 'groups', before: ['ops'], after: ['automation', 'ops'] },
  ],
  userid,
  set: { comment: after, groups: ['automation', 'ops'] },
});

export const userDelete = (userid: string): UserChange => ({
  kind: 'user',
  address: `user:${userid}`,
  action: 'delete',
  fields: [],
  reason: 'not in spec, matches prune "*@pve"',
  userid,
  set: {},
});

export function token(fullid: string, action: TokenChange['action'], extra: Partial<TokenChange> = {}): TokenChange {
  const [userid = '', tokenid = ''] = fullid.split('!');
  return {
    kind: 'token',
    address: `token:${fullid}`,
    action,
    fields: [],
    userid,
    tokenid,
    fullid,
    privsep: true,
    comment: '',
    deliver: [
      { kind: 'output', name: 'terraform_token' },
      { kind: 'github-secret', name: 'PM_API_TOKEN', repository: 'acme/infra', environment: 'production' },
    ],
    format: 'full',
    ...extra,
  };
}

export const aclCreate = (path: string, ugid: string, roleid: string): AclChange => ({
  kind: 'acl',
  address: `acl:${path}|user:${ugid}|${roleid}`,
  action: 'create',
  fields: [],
  entry: { path, type: 'user', ugid, roleid, propagate: true },
});

export const findings: readonly Finding[] = [
  { severity: 'warning', code: 'privsep-no-acl', message: 'token has no ACL of its own', address: 'token:ci@pve!t' },
  {
    severity: 'error',
    code: 'lockout',
    message: 'deletes the acting identity',
    address: 'user:root@pam',
    position: { file: 'proxmox-access.yml', line: 12, column: 5 },
  },
];

export const privileges: readonly PrincipalPrivileges[] = [
  {
    principal: 'alice@pve',
    type: 'user',
    paths: [
      {
        path: '/vms',
        before: { 'VM.Audit': true, 'Sys.Modify': true },
        after: { 'VM.Audit': true, 'VM.Console': true, 'Permissions.Modify': true },
      },
    ],
  },
  { principal: '@automation', type: 'group', paths: [{ path: '/', before: {}, after: { 'Datastore.Audit': false } }] },
];

/** One change of every kind and action, an implied cascade, findings and privilege diffs. */
export function fullPlan(): Plan {
  return plan(
    [
      roleCreate('TerraformProv'),
      userUpdate('alice@pve', 'old comment', 'new comment'),
      token('alice@pve!ci', 'rotate', { rotation: 'regenerate', reason: 'expires in 3d' }),
      token('bob@pve!old', 'delete', { implied: true, reason: 'deleted with user:bob@pve' }),
      userDelete('bob@pve'),
      aclCreate('/vms', 'alice@pve', 'PVEVMAdmin'),
    ],
    { findings, privileges, actingIdentity: 'root@pam!ci' },
  );
}

/** A plan of `n` user creations, each with a long comment, to overflow any comment. */
export function hugePlan(n: number): Plan {
  const changes: Change[] = [];
  for (let i = 0; i < n; i += 1) {
    changes.push({
      kind: 'user',
      address: `user:user-${String(i).padStart(5, '0')}@pve`,
      action: 'create',
      fields: [{ field: 'comment', before: undefined, after: `automation account number ${i} for the nightly jobs` }],
      userid: `user-${i}@pve`,
      set: { comment: `automation account number ${i}`, enable: true, groups: ['automation'] },
    });
  }
  return plan(changes, { findings });
}
