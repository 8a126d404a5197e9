/**
 * Change addresses: one stable string per object, used for ordering, rendering, the digest and
 * to tie implied cascades to what causes them.
 */
import type { AclEntry } from './live-state.js';

export const roleAddress = (roleid: string): string => `role:${roleid}`;
export const groupAddress = (groupid: string): string => `group:${groupid}`;
export const userAddress = (userid: string): string => `user:${userid}`;
export const tokenAddress = (fullid: string): string => `token:${fullid}`;

/** PVE keys an ACL entry by (path, subject, role); propagate is its only value. */
export const aclKey = (e: Pick<AclEntry, 'path' | 'type' | 'ugid' | 'roleid'>): string => `${e.path}|${e.type}:${e.ugid}|${e.roleid}`;

export const aclAddress = (e: Pick<AclEntry, 'path' | 'type' | 'ugid' | 'roleid'>): string => `acl:${aclKey(e)}`;
