/**
 * `/access/roles`: built-in roles of the simulated major are listed
 * with `special: 1` and cannot be changed; `PUT` replaces the set unless `append=1`; deleting a
 * role makes its ACL entries vanish for good.
 */
import { die, paramError, underLock } from './errors.js';
import { byText, splitList } from './ids.js';
import type { Params } from './params.js';
import type { HandlerContext, Route } from './route.js';

const roleid = { type: 'string', format: 'pve-roleid' } as const;
const privs = { type: 'string', format: 'pve-priv-list', optional: true } as const;
const permissions = { check: ['perm', '/access', ['Sys.Modify']] } as const;

function listRoles(ctx: HandlerContext): unknown {
  const entry = (id: string, set: ReadonlySet<string>, special: 0 | 1) => ({
    roleid: id,
    privs: [...set].sort(byText).join(','),
    special,
  });
  return [
    ...[...ctx.state.builtinRoles].map(([id, set]) => entry(id, set, 1)),
    ...[...ctx.state.customRoles].map(([id, set]) => entry(id, set, 0)),
  ].sort((a, b) => byText(a.roleid, b.roleid));
}

function readRole(ctx: HandlerContext, params: Params): unknown {
  const set = ctx.state.role(params.roleid!);
  if (!set) throw die(`role '${params.roleid!}' does not exist`);
  return Object.fromEntries([...set].sort(byText).map((priv) => [priv, 1]));
}

function createRole(ctx: HandlerContext, params: Params): unknown {
  const id = params.roleid!;
  if (ctx.features.reservedRolePrefix && /^PVE/i.test(id)) {
    throw paramError({ roleid: "cannot use role ID starting with the (case-insensitive) 'PVE' namespace" });
  }
  underLock('create role failed', () => {
    if (ctx.state.role(id)) throw die(`role '${id}' already exists`);
    ctx.state.customRoles.set(id, new Set(splitList(params.privs)));
    ctx.state.committed();
  });
  return null;
}

function updateRole(ctx: HandlerContext, params: Params): unknown {
  const id = params.roleid!;
  if (ctx.state.isBuiltinRole(id)) throw die(`auto-generated role '${id}' cannot be modified`);
  underLock('update role failed', () => {
    const current = ctx.state.customRoles.get(id);
    if (!current) throw die(`role '${id}' does not exist`);
    const next = new Set(params.append === '1' ? current : []);
    for (const priv of splitList(params.privs)) next.add(priv);
    ctx.state.customRoles.set(id, next);
    ctx.state.committed();
  });
  return null;
}

function deleteRole(ctx: HandlerContext, params: Params): unknown {
  const id = params.roleid!;
  if (ctx.state.isBuiltinRole(id)) throw die(`auto-generated role '${id}' cannot be deleted`);
  underLock('delete role failed', () => {
    if (!ctx.state.customRoles.has(id)) throw die(`role '${id}' does not exist`);
    ctx.state.removeRole(id);
    ctx.state.committed();
  });
  return null;
}

/** The `/access/roles` methods. */
export const roleRoutes: readonly Route[] = [
  { method: 'GET', path: '/access/roles', permissions: { user: 'all' }, schema: () => ({}), handler: listRoles },
  {
    method: 'POST',
    path: '/access/roles',
    permissions,
    lockLabel: 'create role failed',
    schema: () => ({ roleid, privs }),
    handler: createRole,
  },
  { method: 'GET', path: '/access/roles/{roleid}', permissions: { user: 'all' }, schema: () => ({ roleid }), handler: readRole },
  {
    method: 'PUT',
    path: '/access/roles/{roleid}',
    permissions,
    lockLabel: 'update role failed',
    schema: () => ({ roleid, privs, append: { type: 'boolean', optional: true, requires: 'privs' } }),
    handler: updateRole,
  },
  {
    method: 'DELETE',
    path: '/access/roles/{roleid}',
    permissions,
    lockLabel: 'delete role failed',
    schema: () => ({ roleid }),
    handler: deleteRole,
  },
];
