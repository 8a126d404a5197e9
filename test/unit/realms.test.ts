/** Realms in the spec, the planner and export: validation at the line, the diff, order, lockout and round trip. */
import { describe, expect, it } from 'vitest';
import { makePlan } from '../../src/plan/make-plan.js';
import { validateSpec } from '../../src/spec/validate.js';
import { parseSpecText } from '../../src/spec/load.js';
import { exportSpec } from '../../src/spec/export.js';
import type { LiveRealm } from '../../src/model/realm.js';
import type { LiveState } from '../../src/model/live-state.js';
import type { RealmChange } from '../../src/plan/realm-change.js';
import { realmOptions } from '../../src/proxmox/normalize-realms.js';
import { reviewedChanges } from '../../src/plan/reviewed.js';
import { acl, live, liveUser, options } from './plan-fixtures.js';

const BUILTIN: Record<string, LiveRealm> = {
  pam: { realm: 'pam', type: 'pam', options: { comment: 'Linux PAM standard authentication' }, detailed: true },
  pve: { realm: 'pve', type: 'pve', options: { comment: 'Proxmox VE authentication server' }, detailed: true },
};

const withRealms = (state: LiveState, ...realms: LiveRealm[]): LiveState => ({
  ...state,
  realms: { ...BUILTIN, ...Object.fromEntries(realms.map((r) => [r.realm, r])) },
});

const LDAP_SPEC = `version: 1
realms:
  ldap1:
    type: ldap
    server1: ldap.example.com
    port: 636
    mode: ldaps
    base-dn: dc=example,dc=com
    user-attr: uid
    bind-dn: cn=pve,dc=example,dc=com
    sync:
      scope: both
      enable-new: true
      remove-vanished: [entry, acl]
  sso:
    type: openid
    issuer-url: https://id.example.com/realms/pve
    client-id: pve
    username-claim: email
    autocreate: true
users:
  alice@ldap1:
    external: true
  bob@sso:
    comment: OpenID user
acl:
  - path: /vms
    roles: [PVEVMUser]
    users: [alice@ldap1]
`;

/** The LDAP realm as PVE holds it after the spec above was applied (PVE prints sync keys sorted). */
const LDAP1_LIVE: LiveRealm = {
  realm: 'ldap1',
  type: 'ldap',
  detailed: true,
  options: realmOptions({
    server1: 'ldap.example.com',
    port: 636,
    mode: 'ldaps',
    base_dn: 'dc=example,dc=com',
    user_attr: 'uid',
    bind_dn: 'cn=pve,dc=example,dc=com',
    'sync-defaults-options': 'enable-new=1,remove-vanished=entry;acl,scope=both',
    digest: 'abc',
  }),
};

const SSO_LIVE: LiveRealm = {
  realm: 'sso',
  type: 'openid',
  detailed: true,
  options: realmOptions({
    'issuer-url': 'https://id.example.com/realms/pve',
    'client-id': 'pve',
    'client-key': 'never-in-the-live-state',
    'username-claim': 'email',
    autocreate: 1,
  }),
};

const realmChanges = (changes: readonly { kind: string }[]): RealmChange[] => changes.filter((c): c is RealmChange => c.kind === 'realm');
const codes = (findings: readonly { code: string }[]) => findings.map((f) => f.code);

describe('realm validation', () => {
  const findingsOf = (text: string) => validateSpec(parseSpecText(text, 'spec.yml'));
  const where = (text: string, code: string) =>
    findingsOf(text)
      .filter((f) => f.code === code)
      .map((f) => `${f.position?.line}:${f.position?.column} ${f.message}`);

  it('accepts a well-formed spec', () => {
    expect(findingsOf(LDAP_SPEC).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('points at an option the type does not take', () => {
    const text =
      'version: 1\nrealms:\n  ldap2:\n    type: ldap\n    server1: a.example\n    base-dn: dc=a\n    user-attr: uid\n    domain: a.example\n';
    expect(where(text, 'realm-option-not-for-type')).toEqual(["8:5 realm 'ldap2': a ldap realm takes no 'domain' (only ad realms do)"]);
  });

  it('names the options a type needs', () => {
    const text =
      'version: 1\nrealms:\n  corp:\n    type: ad\n    server1: dc1.example\n  sso:\n    type: openid\n    client-id: pve\n  dir:\n    type: ldap\n';
    expect(where(text, 'realm-missing-option')).toEqual([
      "3:3 realm 'corp': a ad realm needs 'domain'",
      "6:3 realm 'sso': a openid realm needs 'issuer-url'",
      "9:3 realm 'dir': a ldap realm needs 'server1' and 'base-dn' and 'user-attr'",
    ]);
  });

  it('refuses realm ids PVE rejects, two defaults, a second pam, a changed built-in type and a sync without scope', () => {
    const text = [
      'version: 1',
      'realms:',
      '  1ldap:',
      '    type: openid',
      '    issuer-url: https://id.example',
      '    client-id: pve',
      '    default: true',
      '  pve:',
      '    type: ldap',
      '    server1: a.example',
      '    base-dn: dc=a',
      '    user-attr: uid',
      '    default: true',
      '  pam2:',
      '    type: pam',
      '  dir:',
      '    type: ad',
      '    server1: a.example',
      '    domain: a.example',
      '    sync: { enable-new: false }',
      '',
    ].join('\n');
    expect(where(text, 'invalid-realm-id')).toHaveLength(1);
    expect(where(text, 'invalid-realm-id')[0]).toMatch(/^3:3 realm id '1ldap' must start with a letter/);
    expect(where(text, 'two-default-realms')).toEqual([
      "13:5 realm 'pve' is marked default, and so is '1ldap'; PVE keeps only one default realm",
    ]);
    expect(where(text, 'realm-builtin-type').map((s) => s.slice(0, 5))).toEqual(['9:5 r', '15:5 ']);
    expect(where(text, 'realm-sync-without-scope')).toEqual([
      "20:5 realm 'dir': sync needs a scope (users, groups or both), or PVE refuses the sync",
    ]);
  });

  it('needs the realm of every user once the spec manages realms, and external principals declare nothing else', () => {
    const text = 'version: 1\nrealms:\n  pve: { type: pve }\nusers:\n  carol@ldap9: {}\n  dave@pve:\n    external: true\n    comment: x\n';
    expect(where(text, 'unknown-realm')).toEqual([
      "5:3 user 'carol@ldap9': realm 'ldap9' is not declared under realms (the plan checks the cluster)",
    ]);
    // Offline the realm may exist on the cluster, so validate only warns; the plan decides.
    expect(findingsOf(text).find((f) => f.code === 'unknown-realm')?.severity).toBe('warning');
    expect(where(text, 'external-with-fields')).toEqual([
      "8:5 user 'dave@pve' is external (left to realm sync), so 'comment' cannot be managed here",
    ]);
  });

  it('rejects secrets in the spec: there is no key for them', () => {
    const text =
      'version: 1\nrealms:\n  sso:\n    type: openid\n    issuer-url: https://id.example\n    client-id: pve\n    client-key: s3cret\n';
    expect(() => parseSpecText(text, 'spec.yml')).toThrow(/spec\.yml:7:5/);
  });
});

describe('realm plan', () => {
  const loaded = parseSpecText(LDAP_SPEC, 'spec.yml');
  const base = live({ users: [liveUser('alice@ldap1')] });

  it('creates the realms first, with every option, the secret and a sync for the directory', () => {
    const plan = makePlan(loaded, withRealms(base), options({ realmSecretNames: ['ldap1'] }));
    expect(plan.changes.slice(0, 2).map((c) => `${c.action} ${c.address}`)).toEqual(['create realm:ldap1', 'create realm:sso']);
    const [ldap, sso] = realmChanges(plan.changes);
    expect(ldap!.set).toEqual({
      server1: 'ldap.example.com',
      port: 636,
      mode: 'ldaps',
      'base-dn': 'dc=example,dc=com',
      'user-attr': 'uid',
      'bind-dn': 'cn=pve,dc=example,dc=com',
      sync: 'enable-new=1,remove-vanished=acl;entry,scope=both',
    });
    expect(ldap).toMatchObject({ secret: true, sync: true });
    expect(sso).toMatchObject({ secret: true });
    expect(sso!.sync).toBeUndefined();
    expect(codes(plan.findings)).toContain('realm-secret-missing');
    expect(plan.findings.find((f) => f.code === 'realm-secret-missing')?.message).toMatch(/'sso'/);
    // The external user is referenced only: no user change for it, its grant is planned.
    expect(plan.changes.map((c) => c.address)).not.toContain('user:alice@ldap1');
    expect(plan.changes.map((c) => c.address)).toContain('acl:/vms|user:alice@ldap1|PVEVMUser');
    expect(plan.findings.find((f) => f.code === 'external-principal')?.message).toMatch(/left to realm sync/);
  });

  it('plans nothing when the cluster holds what the spec says, and the secret never enters the live state', () => {
    const state = withRealms(base, LDAP1_LIVE, SSO_LIVE);
    expect(JSON.stringify(state)).not.toContain('never-in-the-live-state');
    const plan = makePlan(loaded, state, options());
    expect(realmChanges(plan.changes)).toEqual([]);
  });

  it('updates changed options, removes undeclared ones with delete, and syncs when the sync defaults change', () => {
    const drifted: LiveRealm = {
      ...LDAP1_LIVE,
      options: { ...LDAP1_LIVE.options, port: 389, filter: '(objectClass=person)', sync: 'scope=users' },
    };
    const [change] = realmChanges(makePlan(loaded, withRealms(base, drifted, SSO_LIVE), options()).changes);
    expect(change).toMatchObject({
      action: 'update',
      set: { port: 636, sync: 'enable-new=1,remove-vanished=acl;entry,scope=both' },
      unset: ['filter'],
      sync: true,
    });
    expect(change!.secret).toBeUndefined();
  });

  it('reports a type change and a changed username-claim as errors instead of planning them', () => {
    const other: LiveRealm = { ...SSO_LIVE, options: { ...SSO_LIVE.options, 'username-claim': 'subject' } };
    const asAd: LiveRealm = { ...LDAP1_LIVE, type: 'ad' };
    const plan = makePlan(loaded, withRealms(base, asAd, other), options());
    expect(realmChanges(plan.changes)).toEqual([]);
    expect(plan.findings.map((f) => `${f.severity} ${f.code}`)).toEqual(
      expect.arrayContaining(['error realm-type-change', 'error realm-fixed-option']),
    );
    expect(plan.findings.find((f) => f.code === 'realm-type-change')?.position?.line).toBe(3);
  });

  it("deletes an undeclared realm only when pruned, after the users, and never the acting identity's realm", () => {
    const extra: LiveRealm = {
      realm: 'old',
      type: 'ldap',
      options: { server1: 'x', 'base-dn': 'dc=x', 'user-attr': 'uid' },
      detailed: true,
    };
    const users = [liveUser('alice@ldap1'), liveUser('bob@sso', { comment: 'OpenID user' }), liveUser('zed@pve')];
    const state = withRealms(live({ users }), LDAP1_LIVE, SSO_LIVE, extra);
    const spec = parseSpecText(`${LDAP_SPEC}prune:\n  realms: ["*"]\n  users: ["zed@pve"]\n`, 'spec.yml');
    const plan = makePlan(spec, state, options());
    const deletions = plan.changes.filter((c) => c.action === 'delete');
    expect(deletions.map((c) => `${c.action} ${c.address}`)).toEqual(['delete user:zed@pve', 'delete realm:old']);
    expect(plan.changes.at(-1)?.address).toBe('realm:old');
    const acting = makePlan(spec, state, options({ actingIdentity: 'ops@old!ci' }));
    expect(acting.findings.filter((f) => f.code === 'lockout').map((f) => f.message)).toEqual([
      expect.stringContaining("deletes realm old, which this run's identity logs in through"),
    ]);
  });

  it('errors for a missing external principal something refers to, and for a secret given to pve', () => {
    const plan = makePlan(loaded, withRealms(live(), LDAP1_LIVE, SSO_LIVE), options({ realmSecretNames: ['pve', 'ldap1'] }));
    const missing = plan.findings.filter((f) => f.code === 'external-missing');
    expect(missing.map((f) => [f.severity, f.message])).toEqual([
      [
        'error',
        "external user 'alice@ldap1' is not on the cluster: the grants and memberships that name it would fail; sync the realm first",
      ],
    ]);
    expect(plan.findings.filter((f) => f.code === 'realm-secret-not-taken').map((f) => f.severity)).toEqual(['error']);
  });

  it('sets a secret again only when the run asks, as a repair the reviewed digest leaves out', () => {
    const state = withRealms(
      live({ users: [liveUser('alice@ldap1'), liveUser('bob@sso', { comment: 'OpenID user' })] }),
      LDAP1_LIVE,
      SSO_LIVE,
    );
    const plain = makePlan(loaded, state, options());
    const asked = makePlan(loaded, state, options({ setRealmSecrets: ['ldap1'], realmSecretNames: ['ldap1'] }));
    expect(realmChanges(plain.changes)).toEqual([]);
    expect(realmChanges(asked.changes)).toEqual([
      expect.objectContaining({ action: 'update', realm: 'ldap1', fields: [], secret: true, repair: true }),
    ]);
    expect(asked.digest).toBe(plain.digest);
    expect(reviewedChanges(asked.changes).filter((c) => c.kind === 'realm')).toEqual([]);
    // Riding along a declared update, the update stays reviewed, without the secret.
    const drifted = withRealms(state, { ...LDAP1_LIVE, options: { ...LDAP1_LIVE.options, port: 389 } }, SSO_LIVE);
    const both = makePlan(loaded, drifted, options({ setRealmSecrets: ['ldap1'] }));
    const alone = makePlan(loaded, drifted, options());
    expect(both.digest).toBe(alone.digest);
    expect(reviewedChanges(both.changes).find((c) => c.kind === 'realm')).toEqual(realmChanges(alone.changes)[0]);
  });

  it('refuses, in a plan, a user whose realm is neither declared nor on the cluster, and accepts one the cluster has', () => {
    const text = 'version: 1\nrealms:\n  pve: { type: pve }\nusers:\n  carol@ldap9: {}\n';
    const state = withRealms(live({}));
    const missing = makePlan(parseSpecText(text, 'spec.yml'), state, options());
    expect(missing.findings.filter((f) => f.code === 'unknown-realm').map((f) => `${f.severity} ${f.message}`)).toEqual([
      "error user 'carol@ldap9': realm 'ldap9' is neither declared under realms nor present on the cluster",
    ]);
    const ldap9: LiveRealm = { ...LDAP1_LIVE, realm: 'ldap9' };
    const present = makePlan(parseSpecText(text, 'spec.yml'), withRealms(state, ldap9), options());
    expect(present.findings.filter((f) => f.code === 'unknown-realm')).toEqual([]);
  });

  it('syncs a directory realm only when the run asks, as a repair the reviewed digest leaves out', () => {
    const state = withRealms(
      live({ users: [liveUser('alice@ldap1'), liveUser('bob@sso', { comment: 'OpenID user' })] }),
      LDAP1_LIVE,
      SSO_LIVE,
    );
    const plain = makePlan(loaded, state, options());
    const asked = makePlan(loaded, state, options({ syncRealms: 'all' }));
    // sso is an OpenID realm: there is no directory to sync.
    expect(realmChanges(asked.changes)).toEqual([
      expect.objectContaining({ action: 'update', realm: 'ldap1', fields: [], set: {}, syncRequested: true, repair: true }),
    ]);
    expect(asked.digest).toBe(plain.digest);
    expect(reviewedChanges(asked.changes).filter((c) => c.kind === 'realm')).toEqual([]);
    const drifted = withRealms(state, { ...LDAP1_LIVE, options: { ...LDAP1_LIVE.options, port: 389 } }, SSO_LIVE);
    const both = makePlan(loaded, drifted, options({ syncRealms: ['ldap1'] }));
    const alone = makePlan(loaded, drifted, options());
    expect(both.digest).toBe(alone.digest);
    expect(reviewedChanges(both.changes).find((c) => c.kind === 'realm')).toEqual(realmChanges(alone.changes)[0]);
  });

  it('unsets the default of pve with default: false, and takes default: false as no default elsewhere', () => {
    const text =
      'version: 1\nrealms:\n  pve: { type: pve, default: false }\n  sso: { type: openid, issuer-url: https://id.example, client-id: pve, default: false, comment: "" }\n';
    const pveDefault: LiveRealm = { ...BUILTIN.pve!, options: { ...BUILTIN.pve!.options, default: true } };
    const sso: LiveRealm = {
      realm: 'sso',
      type: 'openid',
      options: { 'issuer-url': 'https://id.example', 'client-id': 'pve' },
      detailed: true,
    };
    const plan = makePlan(parseSpecText(text, 'spec.yml'), withRealms(live(), pveDefault, sso), options());
    expect(realmChanges(plan.changes).map((c) => [c.address, c.set, c.unset])).toEqual([['realm:pve', { default: false }, []]]);
    const created = makePlan(parseSpecText(text, 'spec.yml'), withRealms(live()), options());
    expect(realmChanges(created.changes)[0]?.set).toEqual({ 'issuer-url': 'https://id.example', 'client-id': 'pve' });
  });

  it('leaves the ACL entries of an external user that the spec does not declare alone', () => {
    const state = withRealms(
      live({ users: [liveUser('alice@ldap1')], acl: [acl('/', 'user', 'alice@ldap1', 'PVEAuditor')] }),
      LDAP1_LIVE,
      SSO_LIVE,
    );
    const plan = makePlan(loaded, state, options());
    expect(plan.changes.filter((c) => c.action === 'delete')).toEqual([]);
  });
});

describe('realm export', () => {
  it('exports realms to a spec that plans no change and carries no secret', () => {
    const state = withRealms(
      live({ users: [liveUser('alice@ldap1'), liveUser('bob@sso', { comment: 'OpenID user' })] }),
      LDAP1_LIVE,
      SSO_LIVE,
    );
    const text = exportSpec(state);
    expect(text).not.toContain('never-in-the-live-state');
    expect(text).toContain('bind password not exported: give it in the realm-secrets input');
    const back = parseSpecText(text, 'exported.yml');
    expect(validateSpec(back).filter((f) => f.severity === 'error')).toEqual([]);
    expect(makePlan(back, state, options()).changes).toEqual([]);
    expect(back.spec.realms?.ldap1?.options.sync).toBe('enable-new=1,remove-vanished=acl;entry,scope=both');
    expect(Object.keys(back.spec.realms ?? {})).toEqual(['ldap1', 'sso']);
  });
});
