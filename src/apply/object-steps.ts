/**
 * Roles, groups and users: one request per change, with a log line saying what it does.
 */
import type { UserWrite } from '../proxmox/api.js';
import type { GroupChange, RoleChange, UserChange } from '../plan/model.js';
import type { ApplyContext } from './context.js';

export async function applyRoleChange(ctx: ApplyContext, change: RoleChange): Promise<void> {
  const { api, logger } = ctx;
  switch (change.action) {
    case 'create':
      logger.info(`create role ${change.roleid} (${count(change.privileges.length, 'privilege')})`);
      return api.createRole(change.roleid, change.privileges);
    case 'update':
    case 'rotate':
      // PVE replaces the whole privilege set, which is exactly what the plan carries.
      logger.info(`update role ${change.roleid} (${count(change.privileges.length, 'privilege')})`);
      return api.updateRole(change.roleid, change.privileges);
    case 'delete':
      logger.info(`delete role ${change.roleid}`);
      return api.deleteRole(change.roleid);
  }
}

export async function applyGroupChange(ctx: ApplyContext, change: GroupChange): Promise<void> {
  const { api, logger } = ctx;
  switch (change.action) {
    case 'create':
      logger.info(`create group ${change.groupid}`);
      return api.createGroup(change.groupid, change.comment);
    case 'update':
    case 'rotate':
      logger.info(`update group ${change.groupid} (comment)`);
      return api.updateGroup(change.groupid, change.comment);
    case 'delete':
      logger.info(`delete group ${change.groupid}`);
      return api.deleteGroup(change.groupid);
  }
}

export async function applyUserChange(ctx: ApplyContext, change: UserChange): Promise<void> {
  const { api, logger } = ctx;
  switch (change.action) {
    case 'create':
      logger.info(`create user ${change.userid}`);
      return api.createUser(change.userid, creationFields(change.set));
    case 'update':
    case 'rotate':
      // Only the changed fields: PVE leaves the rest alone, and `groups` replaces membership exactly.
      logger.info(`update user ${change.userid} (${Object.keys(change.set).join(', ')})`);
      return api.updateUser(change.userid, { ...change.set });
    case 'delete':
      logger.info(`delete user ${change.userid}`);
      return api.deleteUser(change.userid);
  }
}

/** PVE stores free text only when non-empty, so empty values are left out of a create. */
function creationFields(set: UserChange['set']): UserWrite {
  const entries = Object.entries(set).filter(([, value]) => value !== '' && !(Array.isArray(value) && value.length === 0));
  return Object.fromEntries(entries);
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
