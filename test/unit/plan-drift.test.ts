import { describe, expect, it } from 'vitest';
import { detectDrift, type DriftReport } from '../../src/plan/drift.js';
import { makePlan } from '../../src/plan/make-plan.js';
import type { LoadedSpec } from '../../src/spec/model.js';
import type { LiveState } from '../../src/proxmox/model.js';
import { acl, aclSpec, DAY, live, liveRole, liveToken, liveUser, NOW, options, roleSpec, spec, tokenSpec, userSpec } from './plan-fixtures.js';

function drift(s: LoadedSpec, l: LiveState, secretMissing: string[] = []): DriftReport {
  const plan = makePlan(s, l, options({ secretMissing, serverPrivileges: l.roles['Administrator']?.privileges ?? [] }));
  return detectDrift(s, l, plan, { now: NOW, secretMissing });
}
const kinds = (report: DriftReport) => report.items.map((i) => `${i.kind} ${i.address}`);

const s = spec({
  roles: [roleSpec('Mon', ['VM.Audit', 'VM.Monitor'])],
  users: [userSpec('a@pve', { comment: 'a', tokens: [tokenSpec('ci', { lifetime: 60 * DAY })] })],
  acl: [aclSpec('/', ['Mon'], { users: ['a@pve'], tokens: ['a@pve!ci'] })],
  prune: { users: ['*@pve'] },
});
/** The cluster right after applying `s`, on a PVE 8 that still knew VM.Monitor. */
const clean = (over: { users?: ReturnType<typeof liveUser>[]; roles?: ReturnType<typeof liveRole>[]; acl?: ReturnType<typeof acl>[] } = {}) =>
  live({
    version: '8.2.4',
    roles: over.roles ?? [liveRole('Mon', ['VM.Audit', 'VM.Monitor'])],
    users: over.users ?? [liveUser('a@pve', { comment: 'a', tokens: [liveToken('ci', { expire: NOW + 50 * DAY })] })],
    acl: over.acl ?? [acl('/', 'user', 'a@pve', 'Mon'), acl('/', 'token', 'a@pve!ci', 'Mon')],
  });

describe('detectDrift', () => {
  it('is clean when the cluster matches the spec', () => {
    expect(drift(s, clean())).toEqual({ items: [], clean: true });
  });

  it('reports objects changed outside the spec', () => {
    const report = drift(s, clean({ users: [liveUser('a@pve', { comment: 'edited', tokens: [liveToken('ci', { expire: NOW + 50 * DAY })] })] }));
    expect(report.clean).toBe(false);
    expect(report.items).toEqual([{ kind: 'changed', address: 'user:a@pve', message: 'changed outside the spec: comment "edited" → "a"' }]);
  });

  it('reports a hand-made token on a managed user and a stray user matching prune as added', () => {
    const users = [liveUser('a@pve', { comment: 'a', tokens: [liveToken('ci', { expire: NOW + 50 * DAY }), liveToken('hand')] }), liveUser('stray@pve')];
    expect(kinds(drift(s, clean({ users })))).toEqual(['added token:a@pve!hand', 'added user:stray@pve']);
  });

  it('reports declared objects missing from the cluster as deleted', () => {
    expect(kinds(drift(s, clean({ acl: [acl('/', 'user', 'a@pve', 'Mon')] })))).toEqual(['deleted acl:/|token:a@pve!ci|Mon']);
  });

  it('tells privileges an upgrade stripped apart from privileges edited by hand', () => {
    const upgraded = { ...clean({ roles: [liveRole('Mon', ['VM.Audit'])] }), version: live().version, roles: live({ roles: [liveRole('Mon', ['VM.Audit'])] }).roles };
    expect(drift(s, upgraded).items).toEqual([
      { kind: 'privileges-stripped', address: 'role:Mon', message: expect.stringContaining('no longer knows VM.Monitor') },
    ]);
    const edited = clean({ roles: [liveRole('Mon', ['VM.Monitor', 'Sys.Audit'])] });
    expect(drift(s, edited).items).toEqual([{ kind: 'changed', address: 'role:Mon', message: 'privileges changed outside the spec: +Sys.Audit, -VM.Audit' }]);
  });

  it('reports tokens and users expiring within their window', () => {
    const users = [liveUser('a@pve', { comment: 'a', expire: NOW + 3 * DAY, tokens: [liveToken('ci', { expire: NOW + 5 * DAY })] })];
    const s2 = spec({ users: [userSpec('a@pve', { comment: 'a', expire: NOW + 3 * DAY, tokens: [tokenSpec('ci', { lifetime: 60 * DAY })] })], acl: s.spec.acl, roles: [roleSpec('Mon', ['VM.Audit', 'VM.Monitor'])] });
    expect(kinds(drift(s2, clean({ users })))).toEqual(['expiring token:a@pve!ci', 'expiring user:a@pve']);
    const far = [liveUser('a@pve', { comment: 'a', expire: NOW + 30 * DAY, tokens: [liveToken('ci', { expire: NOW + 30 * DAY })] })];
    const s3 = spec({ users: [userSpec('a@pve', { comment: 'a', expire: NOW + 30 * DAY, tokens: [tokenSpec('ci', { lifetime: 60 * DAY })] })], acl: s.spec.acl, roles: [roleSpec('Mon', ['VM.Audit', 'VM.Monitor'])] });
    expect(drift(s3, clean({ users: far })).clean).toBe(true);
  });

  it('reports tokens whose delivery target lost the secret', () => {
    expect(drift(s, clean(), ['a@pve!ci']).items).toEqual([{ kind: 'secret-missing', address: 'token:a@pve!ci', message: expect.any(String) }]);
  });

  it('does not report implied cascades separately', () => {
    const users = [liveUser('a@pve', { comment: 'a', tokens: [liveToken('ci', { expire: NOW + 50 * DAY })] }), liveUser('stray@pve', { tokens: [liveToken('x')] })];
    expect(kinds(drift(s, clean({ users, acl: [...clean().acl, acl('/', 'user', 'stray@pve', 'PVEAuditor')] })))).toEqual(['added user:stray@pve']);
  });
});
