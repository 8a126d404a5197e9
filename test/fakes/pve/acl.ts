/**
 * `/access/acl`: the list filtered per path, and `PUT`
 * over the cross product roles × principals in one transaction, with path normalisation, the
 * per-version whitelist (adds only), and the 8.0 delegation rule for callers without
 * Permissions.Modify. All checks run before anything is written, so a failure writes nothing.
 */
import { isAllowedAclPath, normalizeAclPath } from '../../../src/model/acl-path.js';
import { die, paramError, underLock } from './errors.js';
import { splitList, splitTokenId, truthy, verifyUsername } from './ids.js';
import type { Params } from './params.js';
import type { HandlerContext, Route } from './route.js';
import type { AclType, Flag } from './state.js';

function listAcl(ctx: HandlerContext): unknown {
  const audit = ctx.checks.check('/access', ['Sys.Audit'], true);
  const allowed = new Map<string, boolean>();
  const visible = (path: string): boolean => {
    let ok = allowed.get(path);
    if (ok === undefined) allowed.set(path, (ok = audit || ctx.checks.checkPermModify(path, true)));
    return ok;
  };
  return ctx.state.aclEntries().filter((entry) => visible(entry.path));
}

/** The delegation rule: without Permissions.Modify one may only hand out (or take away) what one holds. */
function checkDelegation(ctx: HandlerContext, path: string, roleid: string, removing: boolean, propagate: Flag): void {
  const verb = removing ? 'remove' : 'add';
  const mine = ctx.engine.permissions(ctx.authid!, path);
  const privs = [...(ctx.state.role(roleid) ?? [])];
  if (privs.some((priv) => !mine.has(priv))) {
    throw paramError({ role: `Cannot ${verb} role '${roleid}' - requires 'Permissions.Modify' or superset of privileges.` });
  }
  if (!removing && propagate && privs.some((priv) => mine.get(priv) !== propagate)) {
    throw paramError({
      role: `Cannot ${verb} role '${roleid}' with propagation - requires 'Permissions.Modify' or propagated superset of privileges.`,
    });
  }
  if (roleid === 'NoAccess') throw paramError({ role: `Cannot ${verb} role '${roleid}' - requires 'Permissions.Modify'` });
}

function updateAcl(ctx: HandlerContext, params: Params): unknown {
  if (!(truthy(params.users) || truthy(params.groups) || truthy(params.tokens))) {
    const message = "either 'users', 'groups' or 'tokens' is required.";
    throw paramError({ users: message, groups: message, tokens: message });
  }
  const removing = params.delete === '1';
  const path = normalizeAclPath(params.path!);
  if (path === null || (!removing && !isAllowedAclPath(path, ctx.features.aclPathVersion))) {
    throw paramError({ path: `invalid ACL path '${params.path!}'` });
  }
  const propagate: Flag = params.propagate === '0' ? 0 : 1;
  underLock('ACL update failed', () => {
    const mayDelegateAnything = !ctx.features.aclDelegationRule || ctx.checks.check(path, ['Permissions.Modify'], true);
    const writes: [AclType, string, string][] = [];
    for (const roleid of splitList(params.roles)) {
      if (!ctx.state.role(roleid)) throw die(`role '${roleid}' does not exist`);
      if (!mayDelegateAnything) checkDelegation(ctx, path, roleid, removing, propagate);
      for (const groupid of splitList(params.groups)) {
        if (!ctx.state.groups.has(groupid)) throw die(`group '${groupid}' does not exist`);
        writes.push(['group', groupid, roleid]);
      }
      for (const userid of splitList(params.users)) {
        const id = verifyUsername(userid).userid;
        if (!ctx.state.users.has(id)) throw die(`user '${id}' does not exist`);
        writes.push(['user', id, roleid]);
      }
      for (const tokenId of splitList(params.tokens)) {
        const { userid, tokenid } = splitTokenId(tokenId)!;
        ctx.checks.userExists(userid, false);
        if (!ctx.state.token(userid, tokenid)) throw die(`no such token '${tokenid}' for user '${userid}'`);
        writes.push(['token', tokenId, roleid]);
      }
    }
    for (const [type, ugid, roleid] of writes) {
      if (removing) ctx.state.deleteAcl(path, type, ugid, roleid);
      else ctx.state.setAcl(path, type, ugid, roleid, propagate);
    }
    ctx.state.committed();
  });
  return null;
}

/** `GET` and `PUT /access/acl`. */
export const aclRoutes: readonly Route[] = [
  { method: 'GET', path: '/access/acl', permissions: { user: 'all' }, schema: () => ({}), handler: listAcl },
  {
    method: 'PUT',
    path: '/access/acl',
    permissions: { check: ['perm-modify', '{path}'] },
    lockLabel: 'ACL update failed',
    schema: () => ({
      path: { type: 'string' },
      roles: { type: 'string', format: 'pve-roleid-list' },
      users: { type: 'string', format: 'pve-userid-list', optional: true },
      groups: { type: 'string', format: 'pve-groupid-list', optional: true },
      tokens: { type: 'string', format: 'pve-tokenid-list', optional: true },
      propagate: { type: 'boolean', optional: true },
      delete: { type: 'boolean', optional: true },
    }),
    handler: updateAcl,
  },
];
