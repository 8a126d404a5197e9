/**
 * Writes a spec from a live cluster, as the starting point for managing an existing setup:
 * custom roles, groups, users with their memberships and token metadata, pools with their members,
 * and the ACL folded back
 * into as few entries as express it exactly. Pure; the result parses back with parseSpecText.
 *
 * Token secrets cannot be read from PVE, so exported tokens deliver nowhere and carry a comment
 * saying so; the first `rotate` delivers them. A token's absolute expiry is noted in that comment
 * too, since the spec expresses token expiry as a lifetime from (re)creation.
 */
import { Document, isMap, isScalar, isSeq } from 'yaml';
import { ROOT_USER } from '../model/identity.js';
import type { AclEntry, LiveState, LiveUser } from '../model/live-state.js';
import { formatEpoch } from './duration.js';
import { exportPools } from './export-pools.js';
import { exportRealms, markRealmSecrets } from './realm-export.js';
import { foldGenerations, type ExportedOverlaps } from './export-generations.js';

export interface ExportOptions {
  /** Also export root@pam (by default it is left out: it is never managed). */
  readonly includeBuiltinUsers?: boolean;
  /**
   * Epoch seconds. Given, a token that expires gets the lifetime (whole days, from now) that
   * keeps its current expiry, so the exported spec neither changes nor drops it.
   */
  readonly now?: number;
}

export const SECRET_UNKNOWN_COMMENT = 'secret unknown: rotate to deliver';

const byKey = <T>(record: Readonly<Record<string, T>>): [string, T][] => Object.entries(record).sort(([a], [b]) => a.localeCompare(b));

export function exportSpec(cluster: LiveState, options: ExportOptions = {}): string {
  // Tokens in the middle of an overlap rotation are exported once, as their declared token.
  const { live, overlaps } = foldGenerations(cluster, options.now);
  const users = byKey(live.users).filter(([id]) => options.includeBuiltinUsers || id !== ROOT_USER);
  const exported = new Set(users.map(([id]) => id));
  const roles = byKey(live.roles).filter(([, role]) => !role.builtin);

  const spec: Record<string, unknown> = { version: 1 };
  const realms = exportRealms(live);
  if (realms) spec.realms = realms;
  if (roles.length > 0) spec.roles = Object.fromEntries(roles.map(([id, role]) => [id, { privileges: [...role.privileges].sort() }]));
  const groups = byKey(live.groups);
  if (groups.length > 0) spec.groups = Object.fromEntries(groups.map(([id, g]) => [id, g.comment ? { comment: g.comment } : {}]));
  if (users.length > 0) spec.users = Object.fromEntries(users.map(([id, user]) => [id, exportUser(user, options.now, overlaps)]));
  const pools = exportPools(live);
  if (pools) spec.pools = pools;
  const acl = foldAcl(live.acl.filter((e) => subjectExported(e, exported, live)));
  if (acl.length > 0) spec.acl = acl;

  const doc = new Document(spec);
  doc.commentBefore = ` Exported from Proxmox VE ${live.version.version}. Review before committing: declared objects are owned whole.`;
  markTokens(doc, users, options.now);
  markRealmSecrets(doc, live);
  flowShortLists(doc.contents);
  return doc.toString({ lineWidth: 100, flowCollectionPadding: false });
}

function exportUser(user: LiveUser, now: number | undefined, overlaps: ExportedOverlaps): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (user.comment) out.comment = user.comment;
  if (!user.enable) out.enable = false;
  if (user.expire) out.expire = formatEpoch(user.expire);
  if (user.groups.length > 0) out.groups = [...user.groups].sort();
  if (user.email) out.email = user.email;
  if (user.firstname) out.firstname = user.firstname;
  if (user.lastname) out.lastname = user.lastname;
  const tokens = byKey(user.tokens);
  // Only users that have tokens get `tokens:`; without it their tokens stay unmanaged, which is
  // the safer reading of "nothing there yet".
  if (tokens.length > 0) {
    out.tokens = Object.fromEntries(
      tokens.map(([id, token]) => [
        id,
        {
          ...(token.comment && { comment: token.comment }),
          privsep: token.privsep,
          ...(token.expire > 0 && now !== undefined && { lifetime: lifetimeKeeping(token.expire, now) }),
          ...overlapKeys(overlaps, `${user.userid}!${id}`),
        },
      ]),
    );
  }
  return out;
}

function overlapKeys(overlaps: ExportedOverlaps, fullid: string): Record<string, string> {
  if (!overlaps.has(fullid)) return {};
  const overlap = overlaps.get(fullid);
  return { rotation: 'overlap', ...(overlap !== undefined && { overlap }) };
}

/** ACL entries whose subject is in the export; the others would not validate (undeclared subject). */
function subjectExported(entry: AclEntry, users: ReadonlySet<string>, live: LiveState): boolean {
  if (entry.type === 'group') return entry.ugid in live.groups;
  const userid = entry.type === 'token' ? entry.ugid.slice(0, entry.ugid.lastIndexOf('!')) : entry.ugid;
  return users.has(userid);
}

/**
 * One spec entry per (path, propagate, set of roles): subjects holding exactly the same roles on
 * the same path share an entry, which is how people write them by hand.
 */
function foldAcl(entries: readonly AclEntry[]): Record<string, unknown>[] {
  const rolesBySubject = new Map<string, { path: string; propagate: boolean; type: AclEntry['type']; ugid: string; roles: Set<string> }>();
  for (const e of entries) {
    const key = JSON.stringify([e.path, e.propagate, e.type, e.ugid]);
    const found = rolesBySubject.get(key) ?? { path: e.path, propagate: e.propagate, type: e.type, ugid: e.ugid, roles: new Set<string>() };
    found.roles.add(e.roleid);
    rolesBySubject.set(key, found);
  }
  const grouped = new Map<
    string,
    { path: string; propagate: boolean; roles: string[]; users: string[]; groups: string[]; tokens: string[] }
  >();
  for (const s of rolesBySubject.values()) {
    const roles = [...s.roles].sort();
    const key = JSON.stringify([s.path, s.propagate, roles]);
    const entry = grouped.get(key) ?? { path: s.path, propagate: s.propagate, roles, users: [], groups: [], tokens: [] };
    entry[s.type === 'user' ? 'users' : s.type === 'group' ? 'groups' : 'tokens'].push(s.ugid);
    grouped.set(key, entry);
  }
  return [...grouped.values()]
    .sort(
      (a, b) => a.path.localeCompare(b.path) || a.roles.join().localeCompare(b.roles.join()) || Number(b.propagate) - Number(a.propagate),
    )
    .map((e) => ({
      path: e.path,
      roles: e.roles,
      ...(e.users.length > 0 && { users: e.users.sort() }),
      ...(e.groups.length > 0 && { groups: e.groups.sort() }),
      ...(e.tokens.length > 0 && { tokens: e.tokens.sort() }),
      ...(!e.propagate && { propagate: false }),
    }));
}

function markTokens(doc: Document, users: readonly [string, LiveUser][], now: number | undefined): void {
  for (const [userid, user] of users) {
    const tokens = doc.getIn(['users', userid, 'tokens'], true);
    if (!isMap(tokens)) continue;
    for (const pair of tokens.items) {
      if (!isScalar(pair.key)) continue;
      const token = user.tokens[String(pair.key.value)];
      const expiry = !token?.expire
        ? ''
        : now === undefined
          ? `; expires ${formatEpoch(token.expire)} (set a lifetime to keep expiring it)`
          : `; expires ${formatEpoch(token.expire)}, which the lifetime keeps`;
      pair.key.commentBefore = ` ${SECRET_UNKNOWN_COMMENT}${expiry}`;
    }
  }
}

/** Short lists of names read best inline (`roles: [PVEVMAdmin]`); long ones one per line. */
function flowShortLists(node: unknown): void {
  if (isSeq(node)) {
    const short = node.items.every(isScalar) && node.items.map((i) => String(i.value)).join(', ').length <= 60;
    if (short) node.flow = true;
    else node.items.forEach(flowShortLists);
  } else if (isMap(node)) {
    for (const pair of node.items) flowShortLists(pair.value);
  }
}

const DAY = 86_400;

/** The whole days from now to `expire` (at least one), as a spec duration: the planner keeps an expiry no later than now + lifetime. */
const lifetimeKeeping = (expire: number, now: number): string => `${Math.max(1, Math.ceil((expire - now) / DAY))}d`;
