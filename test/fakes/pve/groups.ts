/**
 * `/access/groups`: the list filtered per group, members as a comma
 * string there and an array on the single group; only the comment is editable; deleting a group
 * drops its memberships and its group ACL entries, not the ACLs on `/access/groups/<id>`.
 */
import { die, underLock } from './errors.js';
import { byText } from './ids.js';
import type { Params } from './params.js';
import type { HandlerContext, Route } from './route.js';
import { settleGroupFields, type GroupRecord } from './state.js';

const groupid = { type: 'string', format: 'pve-groupid' } as const;

function listGroups(ctx: HandlerContext): unknown {
  const privs = ['User.Modify', 'Sys.Audit', 'Group.Allocate'];
  return [...ctx.state.groups.values()]
    .filter((group) => ctx.checks.checkAny(`/access/groups/${group.groupid}`, privs, true))
    .sort((a, b) => byText(a.groupid, b.groupid))
    .map((group) => ({
      groupid: group.groupid,
      ...(group.comment !== undefined ? { comment: group.comment } : {}),
      users: [...group.members].sort(byText).join(','),
    }));
}

function existingGroup(ctx: HandlerContext, id: string) {
  const group = ctx.state.groups.get(id);
  if (!group) throw die(`group '${id}' does not exist`);
  return group;
}

function readGroup(ctx: HandlerContext, params: Params): unknown {
  const group = existingGroup(ctx, params.groupid!);
  return { members: [...group.members].sort(byText), ...(group.comment !== undefined ? { comment: group.comment } : {}) };
}

function createGroup(ctx: HandlerContext, params: Params): unknown {
  underLock('create group failed', () => {
    const id = params.groupid!;
    if (ctx.state.groups.has(id)) throw die(`group '${id}' already exists`);
    const group: GroupRecord = { groupid: id, members: new Set(), ...(params.comment !== undefined ? { comment: params.comment } : {}) };
    settleGroupFields(group);
    ctx.state.groups.set(id, group);
    ctx.state.committed();
  });
  return null;
}

function updateGroup(ctx: HandlerContext, params: Params): unknown {
  underLock('update group failed', () => {
    const group = existingGroup(ctx, params.groupid!);
    if (params.comment !== undefined) {
      group.comment = params.comment;
      settleGroupFields(group);
    }
    ctx.state.committed();
  });
  return null;
}

function deleteGroup(ctx: HandlerContext, params: Params): unknown {
  underLock('delete group failed', () => {
    existingGroup(ctx, params.groupid!);
    ctx.state.removeGroup(params.groupid!);
    ctx.state.committed();
  });
  return null;
}

/** The `/access/groups` methods. */
export const groupRoutes: readonly Route[] = [
  { method: 'GET', path: '/access/groups', permissions: { user: 'all' }, schema: () => ({}), handler: listGroups },
  {
    method: 'POST',
    path: '/access/groups',
    permissions: { check: ['perm', '/access/groups', ['Group.Allocate']] },
    lockLabel: 'create group failed',
    schema: () => ({ groupid, comment: { type: 'string', optional: true } }),
    handler: createGroup,
  },
  {
    method: 'GET',
    path: '/access/groups/{groupid}',
    permissions: { check: ['perm', '/access/groups', ['Sys.Audit', 'Group.Allocate'], { any: true }] },
    schema: () => ({ groupid }),
    handler: readGroup,
  },
  {
    method: 'PUT',
    path: '/access/groups/{groupid}',
    permissions: { check: ['perm', '/access/groups', ['Group.Allocate']] },
    lockLabel: 'update group failed',
    schema: () => ({ groupid, comment: { type: 'string', optional: true } }),
    handler: updateGroup,
  },
  {
    method: 'DELETE',
    path: '/access/groups/{groupid}',
    permissions: { check: ['perm', '/access/groups', ['Group.Allocate']] },
    lockLabel: 'delete group failed',
    schema: () => ({ groupid }),
    handler: deleteGroup,
  },
];
