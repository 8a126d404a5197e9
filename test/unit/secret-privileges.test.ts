import { describe, expect, it } from 'vitest';
import type { LiveUser } from '../../src/model/live-state.js';
import { checkSecretPrivileges, tokenCannotAuthenticate } from '../../src/plan/secret-privileges.js';
import { NOW, entry, liveOf, liveUser } from './apply-fixtures.js';

const withToken = (user: LiveUser, privsep: boolean): LiveUser => ({
  ...user,
  tokens: { ci: { tokenid: 'ci', privsep, expire: 0, comment: '' } },
});

const state = (privsep = true, owner: Partial<LiveUser> = {}) =>
  liveOf({
    roles: { Ops: ['VM.Audit', 'VM.PowerMgmt'], Administrator: ['VM.Audit', 'VM.PowerMgmt', 'Sys.Audit'] },
    users: [{ ...withToken(liveUser('a@pve'), privsep), ...owner }],
    acl: [entry('/vms', 'user', 'a@pve', 'Ops'), entry('/vms', 'token', 'a@pve!ci', 'Ops')],
  });

describe('checkSecretPrivileges', () => {
  it('agrees with an answer that holds exactly the planned privileges, and counts them', () => {
    const check = checkSecretPrivileges(state(), 'a@pve!ci', { '/vms': { 'VM.Audit': 1, 'VM.PowerMgmt': 1 } });
    expect(check).toEqual({ privileges: 2, paths: 1, differences: [] });
  });

  it('names what is missing, what is extra and a propagate flag that differs, path by path', () => {
    const check = checkSecretPrivileges(state(), 'a@pve!ci', {
      '/': { 'Sys.Audit': 1 },
      '/vms': { 'VM.Audit': 0, 'Sys.Audit': 1 },
    });
    expect(check.differences).toEqual([
      '/: also holds Sys.Audit',
      '/vms: lacks VM.PowerMgmt; also holds Sys.Audit; VM.Audit is not propagating, planned propagating',
    ]);
  });

  it('names paths that differ alike together', () => {
    const check = checkSecretPrivileges(state(), 'a@pve!ci', { '/vms': {} });
    expect(check.differences).toEqual(['/vms: lacks VM.Audit, VM.PowerMgmt']);
    const everywhere = checkSecretPrivileges(state(), 'a@pve!ci', {
      '/': { 'Sys.Audit': 1 },
      '/nodes': { 'Sys.Audit': 1 },
      '/vms': { 'VM.Audit': 1, 'VM.PowerMgmt': 1 },
    });
    expect(everywhere.differences).toEqual(['/, /nodes: also holds Sys.Audit']);
  });

  it('leaves a pool guest or storage outside the ACL tree alone, and compares any other path PVE names', () => {
    const answer = { '/vms': { 'VM.Audit': 1, 'VM.PowerMgmt': 1 } };
    // PVE lists these for a pool's roles, which the planner does not model.
    expect(checkSecretPrivileges(state(), 'a@pve!ci', { ...answer, '/vms/100': { 'Sys.Audit': 0 } }).differences).toEqual([]);
    expect(checkSecretPrivileges(state(), 'a@pve!ci', { ...answer, '/storage/local': { 'Datastore.Audit': 0 } }).differences).toEqual([]);
    expect(checkSecretPrivileges(state(), 'a@pve!ci', { ...answer, '/sdn/zones/z': { 'SDN.Audit': 1 } }).differences).toEqual([
      '/sdn/zones/z: also holds SDN.Audit',
    ]);
  });

  it('a token without privilege separation holds exactly its user’s privileges', () => {
    expect(checkSecretPrivileges(state(false), 'a@pve!ci', { '/vms': { 'VM.Audit': 1, 'VM.PowerMgmt': 1 } }).differences).toEqual([]);
  });
});

describe('tokenCannotAuthenticate', () => {
  it('is undefined for an enabled user, and says why for a disabled or expired one', () => {
    expect(tokenCannotAuthenticate(state(), 'a@pve!ci', NOW)).toBeUndefined();
    expect(tokenCannotAuthenticate(state(true, { enable: false }), 'a@pve!ci', NOW)).toMatch(/a@pve is disabled/);
    expect(tokenCannotAuthenticate(state(true, { expire: NOW - 1 }), 'a@pve!ci', NOW)).toMatch(/a@pve has expired/);
    expect(tokenCannotAuthenticate(state(true, { expire: NOW + 1 }), 'a@pve!ci', NOW)).toBeUndefined();
  });
});
