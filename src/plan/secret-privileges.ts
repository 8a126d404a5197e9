/**
 * What a freshly delivered token secret must hold, compared with what PVE says it holds. PVE
 * answers `GET /access/permissions` (asked as the token itself, without a path) with its
 * privileges on a few fixed paths and on every node of the ACL tree, leaving out paths where it
 * holds nothing; the planner's permission engine computes the same map from the state the plan
 * leads to, so the two can be compared path by path, propagate flags included.
 */
import { compareText } from '../model/compare.js';
import { splitTokenId } from '../model/identity.js';
import { serverPrivileges, type AclEntry, type LiveState } from '../model/live-state.js';
import { privilegesAt } from './permissions.js';
import { accessModelOf } from './privileges.js';
import type { PrivilegeMap } from './model.js';

/** What PVE reports: path → privilege → 1 when it propagates, 0 when not. */
export type ReportedPermissions = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** The paths PVE always evaluates, whether an ACL entry sits there or not. */
export const PERMISSION_BASE_PATHS: readonly string[] = ['/', '/access', '/access/groups', '/nodes', '/pool', '/sdn', '/storage', '/vms'];

export interface SecretPrivilegeCheck {
  /** Distinct privileges the token should hold somewhere. */
  readonly privileges: number;
  /** Paths on which it should hold at least one. */
  readonly paths: number;
  /** `/vms, /vms/100: lacks VM.Audit`: where PVE's answer and the plan disagree, and how; empty when they agree. */
  readonly differences: readonly string[];
}

/** Every node of the ACL tree, the intermediate ones included, as PVE lists them. */
function aclTreePaths(acl: readonly AclEntry[]): string[] {
  const out = new Set<string>();
  for (const { path } of acl) {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) out.add(`/${parts.slice(0, i).join('/')}`);
  }
  return [...out];
}

const flag = (propagates: boolean): string => (propagates ? 'propagating' : 'not propagating');

/** How one path differs, or undefined when the token holds exactly the planned privileges there. */
function pathDifference(planned: PrivilegeMap, held: Readonly<Record<string, number>>): string | undefined {
  const missing = Object.keys(planned).filter((p) => !Object.hasOwn(held, p));
  const extra = Object.keys(held).filter((p) => !Object.hasOwn(planned, p));
  const flags = Object.keys(planned).filter((p) => Object.hasOwn(held, p) && Boolean(held[p]) !== planned[p]);
  const parts = [
    ...(missing.length > 0 ? [`lacks ${missing.sort(compareText).join(', ')}`] : []),
    ...(extra.length > 0 ? [`also holds ${extra.sort(compareText).join(', ')}`] : []),
    ...flags.sort(compareText).map((p) => `${p} is ${flag(Boolean(held[p]))}, planned ${flag(planned[p]!)}`),
  ];
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** A guest or storage of a pool: PVE lists it for the pool's roles, which the planner does not model. */
const POOL_MEMBER_PATH = /^\/(vms|storage)\/[^/]+$/;

/**
 * Compares PVE's answer for token `fullid` with the privileges it has in `after`, the state the
 * plan leads to, on the fixed paths, every node of the ACL tree, and every other path PVE names
 * (where the token inherits from above) except a pool's guests and storages.
 */
export function checkSecretPrivileges(after: LiveState, fullid: string, reported: ReportedPermissions): SecretPrivilegeCheck {
  const model = accessModelOf(after, serverPrivileges(after));
  const tree = new Set([...PERMISSION_BASE_PATHS, ...aclTreePaths(after.acl)]);
  const others = Object.keys(reported).filter((path) => !tree.has(path) && !POOL_MEMBER_PATH.test(path));
  const paths = [...tree, ...others].sort(compareText);
  const names = new Set<string>();
  let held = 0;
  // Paths that differ alike are named together: a role on `/` shows on every path below.
  const differences = new Map<string, string[]>();
  for (const path of paths) {
    const planned = privilegesAt(model, fullid, path);
    const difference = pathDifference(planned, reported[path] ?? {});
    if (difference !== undefined) differences.set(difference, [...(differences.get(difference) ?? []), path]);
    if (Object.keys(planned).length > 0) held += 1;
    for (const name of Object.keys(planned)) names.add(name);
  }
  return {
    privileges: names.size,
    paths: held,
    differences: [...differences].map(([difference, where]) => `${where.join(', ')}: ${difference}`),
  };
}

/**
 * Why PVE will refuse the token whatever its secret, in the state the plan leads to: its user is
 * disabled or expired. Undefined when the token can authenticate.
 */
export function tokenCannotAuthenticate(after: LiveState, fullid: string, now: number): string | undefined {
  const userid = splitTokenId(fullid)?.userid;
  const user = userid === undefined ? undefined : after.users[userid];
  if (!user) return undefined;
  if (!user.enable) return `its user ${user.userid} is disabled, and PVE refuses the tokens of a disabled user`;
  if (user.expire !== 0 && user.expire < now) return `its user ${user.userid} has expired, and PVE refuses the tokens of an expired user`;
  return undefined;
}
