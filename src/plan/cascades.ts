/**
 * What PVE removes by itself: deleting a user drops its tokens and their
 * ACL entries and its own entries; deleting a token, group or role drops the ACL entries naming
 * it; deleting a pool drops the entries on its path and below. Those removals are planned as `implied` changes: shown to the reviewer, never executed (an
 * explicit ACL delete after its role is gone would even fail with "role does not exist").
 */
import type { AclEntry, LiveState } from '../model/live-state.js';
import { aclAddress, tokenAddress } from '../model/addresses.js';
import type { AclChange, Change, TokenChange } from './model.js';
import { fullTokenId } from '../model/identity.js';
import { goesWithPool } from './pool-state.js';

const describe = (c: Change): string => c.address.replace(':', ' ');

/** For a plan's changes: which explicit deletion each implied change goes with. */
export function causeFinder(changes: readonly Change[]): (implied: Change) => Change | undefined {
  const deletes = changes.filter((c) => c.action === 'delete' && !c.implied && c.kind !== 'acl');
  const ofEntry = causeIndex(deletes);
  const users = new Map(deletes.filter((d) => d.kind === 'user').map((d) => [d.userid, d]));
  return (implied) => {
    if (!implied.implied) return undefined;
    if (implied.kind === 'token') return users.get(implied.userid);
    return implied.kind === 'acl' ? ofEntry(implied.entry) : undefined;
  };
}

/** Finds the deleted object an ACL entry goes with, in constant time per entry. */
function causeIndex(deletes: readonly Change[]): (e: AclEntry) => Change | undefined {
  const by = new Map<string, Change>();
  for (const d of deletes) {
    if (d.kind === 'user') by.set(`user:${d.userid}`, d);
    else if (d.kind === 'token') by.set(`token:${d.fullid}`, d);
    else if (d.kind === 'group') by.set(`group:${d.groupid}`, d);
    else if (d.kind === 'role') by.set(`role:${d.roleid}`, d);
  }
  // Deepest first, so an entry is shown with the pool whose path it is on.
  const pools = deletes.filter((d) => d.kind === 'pool').sort((a, b) => b.poolid.length - a.poolid.length);
  const owner = (ugid: string): string => ugid.slice(0, ugid.lastIndexOf('!'));
  return (e) =>
    by.get(`${e.type}:${e.ugid}`) ??
    (e.type === 'token' ? by.get(`user:${owner(e.ugid)}`) : undefined) ??
    by.get(`role:${e.roleid}`) ??
    pools.find((p) => goesWithPool(p.poolid)(e));
}

/**
 * The explicit changes plus every cascade they cause. An explicit ACL delete that a cascade
 * already covers becomes implied, so each address appears once.
 */
export function withCascades(explicit: readonly Change[], live: LiveState): Change[] {
  const deletes = explicit.filter((c) => c.action === 'delete' && c.kind !== 'acl');
  if (deletes.length === 0) return [...explicit];
  const causeOf = causeIndex(deletes);
  const byAddress = new Map(explicit.map((c) => [c.address, c]));
  for (const user of deletes.filter((d) => d.kind === 'user')) {
    const liveUser = live.users[user.userid];
    for (const token of Object.values(liveUser?.tokens ?? {})) {
      const fullid = fullTokenId(user.userid, token.tokenid);
      const implied: TokenChange = {
        kind: 'token',
        userid: user.userid,
        tokenid: token.tokenid,
        fullid,
        address: tokenAddress(fullid),
        action: 'delete',
        fields: [],
        privsep: token.privsep,
        comment: token.comment,
        deliver: [],
        format: 'full',
        implied: true,
        reason: `removed with ${describe(user)}`,
      };
      byAddress.set(implied.address, implied);
    }
  }
  for (const entry of live.acl) {
    const candidate: AclChange = { kind: 'acl', address: aclAddress(entry), action: 'delete', entry, fields: [] };
    const cause = causeOf(entry);
    if (!cause) continue;
    const existing = byAddress.get(candidate.address);
    // A grant or propagate change for an entry whose subject or role is going cannot be meant; keep the explicit change visible.
    if (existing && existing.action !== 'delete') continue;
    byAddress.set(candidate.address, { ...candidate, implied: true, reason: `removed with ${describe(cause)}` });
  }
  return [...byAddress.values()];
}
