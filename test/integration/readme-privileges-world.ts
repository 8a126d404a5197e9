/**
 * What the README's "Tokens the action needs" section grants, and an action identity holding
 * exactly a given set of privileges on `/`, for the tests that prove those privileges suffice.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PveSimulator } from '../fakes/pve/index.js';
import { REPO_ROOT } from './cli-terminal.js';

export const README_TEXT = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

/** The privileges of the first `pveum` line in the README that `pattern` matches (its first group). */
export const readmePrivileges = (pattern: RegExp): string[] => pattern.exec(README_TEXT)?.[1]?.split(',') ?? [];

/** The quickstart role. */
export const README_PRIVILEGES = readmePrivileges(/pveum role add ProxmoxAccess --privs "([^"]+)"/);

/** automation@pve with a role of exactly `privileges` on `/`, and its token (privsep as asked). */
export function actionIdentity(sim: PveSimulator, privileges: readonly string[], privsep = false): { fullTokenId: string; value: string } {
  sim.exec('POST', '/access/roles', { roleid: 'ProxmoxAccess', privs: privileges.join(',') });
  sim.exec('POST', '/access/users', { userid: 'automation@pve' });
  sim.exec('PUT', '/access/acl', { path: '/', roles: 'ProxmoxAccess', users: 'automation@pve' });
  const token = sim.createToken('automation@pve', 'proxmox-access', { privsep });
  if (privsep) sim.exec('PUT', '/access/acl', { path: '/', roles: 'ProxmoxAccess', tokens: token.fullTokenId });
  return token;
}
