/**
 * `GET /access/permissions`: one path as given, or the
 * effective map over the well-known paths and every path of the ACL tree, leaving out paths
 * without privileges. Callers may query themselves and (users) their own tokens; anyone else
 * needs Sys.Audit on /access.
 */
import { splitTokenId, truthy, USER_OR_TOKEN_PATTERN } from './ids.js';
import type { Params } from './params.js';
import type { PrivilegeSet } from './privileges.js';
import type { HandlerContext, Route } from './route.js';

const DEFAULT_PATHS = ['/', '/access', '/access/groups', '/nodes', '/pool', '/sdn', '/storage', '/vms'];

const asObject = (privileges: PrivilegeSet): Record<string, number> =>
  Object.fromEntries([...privileges].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The well-known paths, every node of the ACL tree (intermediate ones included) and every pool member. */
function effectivePaths(ctx: HandlerContext): Set<string> {
  const paths = new Set(DEFAULT_PATHS);
  for (const path of ctx.state.sortedAclPaths()) {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) paths.add(`/${parts.slice(0, i).join('/')}`);
  }
  for (const path of ctx.state.pools.memberPaths()) paths.add(path);
  return paths;
}

function readPermissions(ctx: HandlerContext, params: Params): unknown {
  const caller = ctx.authid!;
  let subject = caller;
  if (params.userid !== undefined) {
    subject = params.userid;
    const token = splitTokenId(subject);
    const self = subject === caller || (token !== undefined && token.userid === caller);
    // Before 8.2 naming any userid, even one's own, needed Sys.Audit.
    if (!(ctx.features.permissionsSelfQuery && self)) ctx.checks.check('/access', ['Sys.Audit'], false);
  }
  if (truthy(params.path)) return { [params.path]: asObject(ctx.engine.permissions(subject, params.path)) };
  const out: Record<string, Record<string, number>> = {};
  for (const path of [...effectivePaths(ctx)].sort()) {
    const privileges = ctx.engine.permissions(subject, path);
    if (privileges.size > 0) out[path] = asObject(privileges);
  }
  return out;
}

/** `GET /access/permissions`. */
export const permissionRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/access/permissions',
    permissions: { user: 'all' },
    schema: () => ({
      userid: { type: 'string', pattern: USER_OR_TOKEN_PATTERN, optional: true },
      path: { type: 'string', optional: true },
    }),
    handler: readPermissions,
  },
];
