/**
 * Realms from dist/index.js as the runner runs it: an LDAP realm with sync defaults and an OpenID
 * realm are planned, applied (the bind password from `realm-secrets` reaches the simulator, and
 * nothing else), re-planned with no change; a hand edit on the cluster is drift; export gives back
 * a spec that plans nothing; external users are referenced only; bad input changes nothing.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullRequestEvent, pushEvent, scheduleEvent } from '../harness/events.js';
import { expectNoLeaks, guardLeaks } from '../harness/leaks.js';
import { countingPveRequests } from '../harness/pve-requests.js';
import type { ActionResult } from '../harness/spawned.js';
import { REPO, createWorld, type World } from '../harness/world.js';
import { cliEnv, spawnBundledCli } from '../integration/cli-terminal.js';

const MANUAL_APPLY = { 'require-approved-plan': 'false' };
const BIND_PASSWORD = 'ldap-bind-Secret-7c1e9f';
const CLIENT_KEY = 'oidc-client-Key-41d2a8';
const ROTATED_BIND = 'ldap-bind-Rotated-93b0e1';
const REALM_SECRETS = { 'realm-secrets': JSON.stringify({ ldap1: BIND_PASSWORD, sso: CLIENT_KEY }) };

const SPEC = `version: 1
realms:
  ldap1:
    type: ldap
    comment: Corporate directory
    server1: ldap.example.com
    mode: ldaps
    verify: true
    base-dn: ou=people,dc=example,dc=com
    user-attr: uid
    bind-dn: cn=pve,dc=example,dc=com
    sync:
      scope: both
      enable-new: false
      remove-vanished: [acl, entry]
  sso:
    type: openid
    issuer-url: https://id.example.com/realms/pve
    client-id: pve
    username-claim: email
    autocreate: true
users:
  bob@sso:
    comment: Signs in with SSO
acl:
  - path: /vms
    roles: [PVEVMUser]
    users: [bob@sso]
`;

/** Directory principals the realm sync owns: alice is granted, bob joins the synced group. */
const WITH_EXTERNAL = SPEC.replace(
  'users:\n  bob@sso:\n    comment: Signs in with SSO\n',
  'groups:\n  staff-ldap1:\n    external: true\nusers:\n  bob@sso:\n    comment: Signs in with SSO\n    groups: [staff-ldap1]\n  alice@ldap1:\n    external: true\n',
).replace('users: [bob@sso]', 'users: [alice@ldap1, bob@sso]');

const data = (answer: { status: number; body: unknown }): unknown => {
  expect(answer.status).toBe(200);
  return (answer.body as { data: unknown }).data;
};

describe('end to end: realms', () => {
  let world: World;
  guardLeaks(() => world, { secretOutputs: [] });
  const runs: ActionResult[] = [];
  const apply = async (inputs: Record<string, string> = {}): Promise<ActionResult> => {
    const sha = `${runs.length}`.padStart(2, '0').repeat(20);
    const run = await world.run('push', pushEvent(sha, 'Apply'), { sha, inputs: { ...MANUAL_APPLY, ...REALM_SECRETS, ...inputs } });
    runs.push(run);
    return run;
  };
  const plan = async (number: number, inputs: Record<string, string> = {}): Promise<ActionResult> => {
    const sha = `${number}`.padStart(2, '0').repeat(20);
    world.store.addPull(REPO, { number, headSha: sha });
    const run = await world.run('pull_request', pullRequestEvent(number, sha), { inputs });
    runs.push(run);
    return run;
  };
  const realmRequests = () => world.sim.requests.filter((r) => r.path.startsWith('/access/domains'));

  beforeAll(async () => {
    world = await createWorld('9.1.1');
    await world.writeSpec(SPEC);
  });
  afterAll(async () => {
    // The realm secrets are in no log, output, summary, comment or issue of any run.
    if (runs.length > 0) expectNoLeaks([BIND_PASSWORD, CLIENT_KEY, ROTATED_BIND], { runs, secretOutputs: [], texts: world.githubTexts() });
    await world?.stop();
  });

  it('plans the realms before the user that lives in one, and says when each secret is set', async () => {
    const run = await plan(1);
    expect(run.exitCode, run.stdout).toBe(0);
    const comment = world.store.commentsOn(REPO, 1)[0]?.body ?? '';
    expect(comment).toContain('Realms');
    expect(comment).toMatch(/realm:ldap1/);
    expect(comment).toMatch(/bind password set from the realm-secrets input/);
    expect(comment).toMatch(/a realm sync starts after the write/);
    expect(comment.indexOf('realm:sso')).toBeLessThan(comment.indexOf('user:bob@sso'));
  });

  it('applies: the secrets go only into the creating requests, the sync starts and its task id is logged', async () => {
    const run = await apply();
    expect(run.exitCode, run.stdout).toBe(0);
    // Each secret is masked on its own (not only inside the JSON input) before anything else is written.
    for (const secret of [BIND_PASSWORD, CLIENT_KEY]) {
      expect(run.stdout.split('\n')).toContain(`::add-mask::${secret}`);
      expect(run.stdout.split('\n').filter((l) => l.includes(secret) && !l.startsWith('::add-mask::'))).toEqual([]);
    }
    const creates = realmRequests().filter((r) => r.method === 'POST' && r.path === '/access/domains');
    expect(creates.map((r) => new URLSearchParams(r.body).get('realm'))).toEqual(['ldap1', 'sso']);
    expect(new URLSearchParams(creates[0]!.body).get('password')).toBe(BIND_PASSWORD);
    expect(new URLSearchParams(creates[0]!.body).get('sync-defaults-options')).toBe('enable-new=0,remove-vanished=acl;entry,scope=both');
    expect(new URLSearchParams(creates[1]!.body).get('client-key')).toBe(CLIENT_KEY);
    const elsewhere = world.sim.requests.filter((r) => !creates.includes(r)).map((r) => `${r.path}\n${r.body}`);
    for (const secret of [BIND_PASSWORD, CLIENT_KEY]) expect(elsewhere.filter((t) => t.includes(secret))).toEqual([]);
    expect(run.stdout).toMatch(/sync of realm ldap1 started: task UPID:pve1:[0-9A-F:]+auth-realm-sync:ldap1:/);
    const realm = data(world.sim.exec('GET', '/access/domains/ldap1')) as Record<string, unknown>;
    expect(realm).toMatchObject({ base_dn: 'ou=people,dc=example,dc=com', user_attr: 'uid', verify: 1, mode: 'ldaps' });
    expect(data(world.sim.exec('GET', '/access/users/bob@sso'))).toMatchObject({ comment: 'Signs in with SSO' });
  });

  it('re-plans with no change, reading 1 + N realm requests', async () => {
    const { result, counts } = await countingPveRequests(world.sim, () => plan(2));
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs['summary']).toBe('0 to create, 0 to update, 0 to delete');
    expect(counts.writes).toBe(0);
    // The list, then ldap1 and sso; pam and pve come whole with the list.
    expect(realmRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /access/domains',
      'GET /access/domains/ldap1',
      'GET /access/domains/sso',
    ]);
  });

  it('reports a realm option changed by hand as drift, in the words used for every field', async () => {
    data(world.sim.exec('PUT', '/access/domains/ldap1', { 'sync-defaults-options': 'scope=users', port: 389 }));
    const run = await world.run('schedule', scheduleEvent());
    runs.push(run);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.summary).toContain('realm:ldap1');
    expect(run.summary).toMatch(/port is 389 on the cluster, the spec sets none/);
    expect(run.summary).toContain(
      'sync is "scope=users" on the cluster, the spec says "enable-new=0,remove-vanished=acl;entry,scope=both"',
    );
    const repaired = await apply();
    expect(repaired.exitCode, repaired.stdout).toBe(0);
    const update = realmRequests()
      .filter((r) => r.method === 'PUT')
      .at(-1)!;
    expect(new URLSearchParams(update.body).get('delete')).toBe('port');
    expect(update.body).not.toContain('password');
    expect(repaired.stdout).toMatch(/sync of realm ldap1 started/);
  });

  it('sets a bind password again only when the run asks, in one PUT that carries nothing else', async () => {
    const before = realmRequests().length;
    const again = await apply({
      'realm-secrets': JSON.stringify({ ldap1: ROTATED_BIND, sso: CLIENT_KEY }),
      'set-realm-secrets': 'ldap1',
    });
    expect(again.exitCode, again.stdout).toBe(0);
    const writes = realmRequests()
      .slice(before)
      .filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path} ${r.body}`)).toEqual([
      `PUT /access/domains/ldap1 password=${encodeURIComponent(ROTATED_BIND)}`,
    ]);
    expect(again.stdout).toMatch(/update realm ldap1 \(bind password from realm-secrets\)/);
    const after = await plan(3);
    expect(after.outputs['summary']).toBe('0 to create, 0 to update, 0 to delete');
  });

  it('syncs a directory realm on request although nothing changed, writing nothing else', async () => {
    const before = world.sim.requests.length;
    const synced = await apply({ 'sync-realms': 'all' });
    expect(synced.exitCode, synced.stdout).toBe(0);
    const writes = world.sim.requests.slice(before).filter((r) => r.method !== 'GET');
    // sso is an OpenID realm: nothing to sync.
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /access/domains/ldap1/sync']);
    expect(synced.stdout).toMatch(/sync of realm ldap1 started: task UPID:/);
    const bad = await apply({ 'sync-realms': 'ldap1,not a realm' });
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toContain("sync-realms: 'not a realm' is not a realm id");
  });

  it('refers to external users and groups without writing them, and grants them what the spec says', async () => {
    data(world.sim.exec('POST', '/access/users', { userid: 'alice@ldap1', comment: 'from the directory' }));
    data(world.sim.exec('POST', '/access/groups', { groupid: 'staff-ldap1', comment: 'synced' }));
    await world.writeSpec(WITH_EXTERNAL);
    const run = await apply();
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/user 'alice@ldap1' is external: left to realm sync/);
    // Only grants and memberships may name them: no write creates or changes alice or staff-ldap1 itself.
    const writes = world.sim.requests
      .filter((r) => r.method !== 'GET' && r.path !== '/access/acl')
      .map((r) => `${r.method} ${r.path} ${r.body}`);
    expect(writes.filter((w) => /alice|staff-ldap1/.test(w.replace(/groups=staff-ldap1/, '')))).toEqual([]);
    const acl = data(world.sim.exec('GET', '/access/acl')) as { path: string; ugid: string; roleid: string }[];
    expect(acl.filter((e) => e.ugid === 'alice@ldap1').map((e) => `${e.path} ${e.roleid}`)).toEqual(['/vms PVEVMUser']);
    expect(data(world.sim.exec('GET', '/access/groups/staff-ldap1'))).toMatchObject({ comment: 'synced' });
    expect(data(world.sim.exec('GET', '/access/users/bob@sso'))).toMatchObject({ groups: ['staff-ldap1'] });
  });

  it('exports realms back to a spec that plans no change, without any secret', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pa-realms-'));
    try {
      const env = cliEnv(world.sim, world.actionToken);
      const out = path.join(dir, 'exported.yml');
      const exported = await spawnBundledCli(['export', '--out', out], { env, stdin: null });
      expect(exported.code, exported.stderr).toBe(0);
      const text = await readFile(out, 'utf8');
      expect(text).toContain('bind password not exported');
      for (const secret of [BIND_PASSWORD, CLIENT_KEY]) expect(text).not.toContain(secret);
      const planned = await spawnBundledCli(['plan', '--spec', out], { env, stdin: null });
      expect(planned.code, planned.stdout + planned.stderr).toBe(0);
      expect(planned.stdout).toMatch(/no changes|0 to create, 0 to update, 0 to delete/i);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails on bad realm input with file:line and writes nothing', async () => {
    await world.writeSpec(SPEC.replace('    user-attr: uid\n', '    user-attr: uid\n    domain: example.com\n'));
    const { result, counts } = await countingPveRequests(world.sim, () => apply());
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^::error title=proxmox-access%3A realm-option-not-for-type,file=proxmox-access\.yml,line=11,col=5::/m);
    expect(counts.writes).toBe(0);
    await world.writeSpec(SPEC);
    const bad = await apply({ 'realm-secrets': `{"ldap1": ${JSON.stringify(BIND_PASSWORD)}` });
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toMatch(/realm-secrets must be a JSON object/);
    const pve = await apply({ 'realm-secrets': JSON.stringify({ pve: BIND_PASSWORD }) });
    expect(pve.exitCode).toBe(1);
    expect(pve.stdout).toMatch(/realm-secret-not-taken/);
  });
});
