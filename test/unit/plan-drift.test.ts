import { describe, expect, it } from 'vitest';
import { detectDrift, type DriftReport } from '../../src/plan/drift.js';
import { fieldDrift } from '../../src/plan/drift-wording.js';
import { makePlan } from '../../src/plan/make-plan.js';
import type { LoadedSpec } from '../../src/spec/model.js';
import type { LiveState } from '../../src/model/live-state.js';
import {
  acl,
  aclSpec,
  DAY,
  live,
  liveRole,
  liveToken,
  liveUser,
  NOW,
  options,
  roleSpec,
  spec,
  tokenSpec,
  userSpec,
} from './plan-fixtures.js';

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
const clean = (
  over: { users?: ReturnType<typeof liveUser>[]; roles?: ReturnType<typeof liveRole>[]; acl?: ReturnType<typeof acl>[] } = {},
) =>
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
    const report = drift(
      s,
      clean({ users: [liveUser('a@pve', { comment: 'edited', tokens: [liveToken('ci', { expire: NOW + 50 * DAY })] })] }),
    );
    expect(report.clean).toBe(false);
    expect(report.items).toEqual([
      { kind: 'changed', address: 'user:a@pve', message: 'comment is "edited" on the cluster, the spec says "a"' },
    ]);
  });

  it('reports a hand-made token on a managed user and a stray user matching prune as added', () => {
    const users = [
      liveUser('a@pve', { comment: 'a', tokens: [liveToken('ci', { expire: NOW + 50 * DAY }), liveToken('hand')] }),
      liveUser('stray@pve'),
    ];
    expect(kinds(drift(s, clean({ users })))).toEqual(['added token:a@pve!hand', 'added user:stray@pve']);
  });

  it('reads the cluster first and the spec second for every kind of object and field', () => {
    const declared = spec({
      roles: [roleSpec('Mon', ['VM.Audit', 'VM.Monitor'])],
      acl: s.spec.acl,
      users: [userSpec('a@pve', { comment: 'a', tokens: [tokenSpec('ci', { lifetime: 60 * DAY, comment: 'CI' })] })],
    });
    const users = [
      liveUser('a@pve', {
        comment: 'a',
        enable: false,
        tokens: [liveToken('ci', { expire: NOW + 50 * DAY, comment: 'laptop', privsep: false })],
      }),
    ];
    const report = drift(declared, clean({ users, acl: [acl('/', 'user', 'a@pve', 'Mon', false), acl('/', 'token', 'a@pve!ci', 'Mon')] }));
    const messages = Object.fromEntries(report.items.map((i) => [i.address, i.message]));
    expect(messages['user:a@pve']).toBe('enable is false on the cluster, the spec says true');
    expect(messages['token:a@pve!ci']).toBe(
      'privsep is false on the cluster, the spec says true; comment is "laptop" on the cluster, the spec says "CI"',
    );
    expect(messages['acl:/|user:a@pve|Mon']).toBe('propagate is false on the cluster, the spec says true');
    // No item still uses an arrow whose direction a reader has to guess.
    expect(report.items.map((i) => i.message).join('\n')).not.toMatch(/→|^[+-]/m);
  });

  it('reports declared objects missing from the cluster as deleted', () => {
    expect(kinds(drift(s, clean({ acl: [acl('/', 'user', 'a@pve', 'Mon')] })))).toEqual(['deleted acl:/|token:a@pve!ci|Mon']);
  });

  it('tells privileges an upgrade stripped apart from privileges edited by hand', () => {
    const upgraded = {
      ...clean({ roles: [liveRole('Mon', ['VM.Audit'])] }),
      version: live().version,
      roles: live({ roles: [liveRole('Mon', ['VM.Audit'])] }).roles,
    };
    expect(drift(s, upgraded).items).toEqual([
      {
        kind: 'privileges-stripped',
        address: 'role:Mon',
        message: 'the role on the cluster lacks VM.Monitor, which the spec lists: PVE 9.1.1 no longer knows it',
      },
    ]);
    const edited = clean({ roles: [liveRole('Mon', ['VM.Monitor', 'Sys.Audit'])] });
    expect(drift(s, edited).items).toEqual([
      {
        kind: 'changed',
        address: 'role:Mon',
        message: 'privileges on the cluster include Sys.Audit, which the spec does not list, and lack VM.Audit, which the spec lists',
      },
    ]);
  });

  it('reports tokens and users expiring within their window', () => {
    const users = [liveUser('a@pve', { comment: 'a', expire: NOW + 3 * DAY, tokens: [liveToken('ci', { expire: NOW + 5 * DAY })] })];
    const s2 = spec({
      users: [userSpec('a@pve', { comment: 'a', expire: NOW + 3 * DAY, tokens: [tokenSpec('ci', { lifetime: 60 * DAY })] })],
      acl: s.spec.acl,
      roles: [roleSpec('Mon', ['VM.Audit', 'VM.Monitor'])],
    });
    expect(kinds(drift(s2, clean({ users })))).toEqual(['expiring token:a@pve!ci', 'expiring user:a@pve']);
    const far = [liveUser('a@pve', { comment: 'a', expire: NOW + 30 * DAY, tokens: [liveToken('ci', { expire: NOW + 30 * DAY })] })];
    const s3 = spec({
      users: [userSpec('a@pve', { comment: 'a', expire: NOW + 30 * DAY, tokens: [tokenSpec('ci', { lifetime: 60 * DAY })] })],
      acl: s.spec.acl,
      roles: [roleSpec('Mon', ['VM.Audit', 'VM.Monitor'])],
    });
    expect(drift(s3, clean({ users: far })).clean).toBe(true);
  });

  it('reports tokens whose delivery target lost the secret', () => {
    expect(drift(s, clean(), ['a@pve!ci']).items).toEqual([
      { kind: 'secret-missing', address: 'token:a@pve!ci', message: expect.any(String) },
    ]);
  });

  it('does not report implied cascades separately', () => {
    const users = [
      liveUser('a@pve', { comment: 'a', tokens: [liveToken('ci', { expire: NOW + 50 * DAY })] }),
      liveUser('stray@pve', { tokens: [liveToken('x')] }),
    ];
    expect(kinds(drift(s, clean({ users, acl: [...clean().acl, acl('/', 'user', 'stray@pve', 'PVEAuditor')] })))).toEqual([
      'added user:stray@pve',
    ]);
  });
});

describe('drift wording', () => {
  it('shows dates, durations and unset values the way the spec writes them', () => {
    expect(fieldDrift({ field: 'expire', before: Date.UTC(2027, 0, 1) / 1000, after: 0 })).toBe(
      'expire is 2027-01-01 on the cluster, the spec says never',
    );
    expect(fieldDrift({ field: 'email', before: undefined, after: 'a@example.com' })).toBe(
      'email is not set on the cluster, the spec says "a@example.com"',
    );
    expect(fieldDrift({ field: 'lifetime', before: undefined, after: 90 * DAY })).toBe(
      "expires later on the cluster than the spec's lifetime of 90d allows",
    );
    expect(fieldDrift({ field: 'groups', before: ['ops', 'admins'], after: ['ops'] })).toBe(
      'groups on the cluster include admins, which the spec does not list',
    );
  });
});
