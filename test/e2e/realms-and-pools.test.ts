/**
 * One organisation's access from dist/index.js: an LDAP realm with sync defaults, an OpenID realm,
 * two pools (one nested) with members, and group grants on the pool paths, in one spec. It is
 * planned on a pull request, applied on merge, re-planned with no change, exported back to a spec
 * that plans no change, and a realm option and a pool member changed by hand are reported as
 * drift. The realm secrets travel only in the requests that create the realms.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullRequestEvent, pushEvent, scheduleEvent } from '../harness/events.js';
import { expectNoLeaks, guardLeaks } from '../harness/leaks.js';
import type { ActionResult } from '../harness/spawned.js';
import { REPO, createWorld, type World } from '../harness/world.js';
import { cliEnv, spawnBundledCli } from '../integration/cli-terminal.js';

const BIND_PASSWORD = 'org-bind-Secret-5b7d02';
const CLIENT_KEY = 'org-client-Key-e8a4c6';
const REALM_SECRETS = { 'realm-secrets': JSON.stringify({ corp: BIND_PASSWORD, sso: CLIENT_KEY }) };

const SPEC = `version: 1
realms:
  corp:
    type: ldap
    comment: Corporate directory
    server1: ldap.example.com
    mode: ldaps
    base-dn: ou=people,dc=example,dc=com
    user-attr: uid
    bind-dn: cn=pve,dc=example,dc=com
    sync:
      scope: both
      enable-new: false
  sso:
    type: openid
    issuer-url: https://id.example.com/realms/pve
    client-id: pve
    username-claim: email
groups:
  web-ops: { comment: Web operators }
  auditors: { comment: Read-only }
users:
  carol@sso:
    comment: Signs in with SSO
    groups: [web-ops]
pools:
  prod:
    comment: Production
    members: { vms: [100, 101], storage: [local] }
  prod/web:
    comment: Web tier
    members: { vms: [200] }
acl:
  - { path: /pool/prod, roles: [PVEAuditor], groups: [auditors] }
  - { path: /pool/prod/web, roles: [PVEVMUser], groups: [web-ops] }
`;

const data = (answer: { status: number; body: unknown }): unknown => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return (answer.body as { data: unknown }).data;
};

describe('end to end: realms and pools in one spec', () => {
  let world: World;
  guardLeaks(() => world, { secretOutputs: [] });
  const runs: ActionResult[] = [];
  const run = async (...args: Parameters<World['run']>): Promise<ActionResult> => {
    const result = await world.run(...args);
    runs.push(result);
    return result;
  };

  beforeAll(async () => {
    world = await createWorld('9.1.1');
    await world.writeSpec(SPEC);
  });
  afterAll(async () => {
    if (runs.length > 0) expectNoLeaks([BIND_PASSWORD, CLIENT_KEY], { runs, secretOutputs: [], texts: world.githubTexts() });
    await world?.stop();
  });

  it('plans realms, pools and grants, and shows what the pool grant gives on each member guest', async () => {
    world.store.addPull(REPO, { number: 11, headSha: 'a7'.repeat(20) });
    const plan = await run('pull_request', pullRequestEvent(11, 'a7'.repeat(20)), { inputs: REALM_SECRETS });
    expect(plan.exitCode, plan.stdout).toBe(0);
    const comment = world.store.commentsOn(REPO, 11)[0]?.body ?? '';
    for (const address of ['realm:corp', 'realm:sso', 'pool:prod', 'pool:prod/web', 'user:carol@sso']) expect(comment).toContain(address);
    expect(comment.indexOf('realm:sso')).toBeLessThan(comment.indexOf('user:carol@sso'));
    // carol reaches guest 200 through web-ops' grant on the nested pool.
    const carol = comment.slice(comment.indexOf('**`carol@sso`**'), comment.indexOf('**`@auditors`**'));
    expect(carol).toContain('| `/vms/200` | `VM.Audit (this path only)`');
    expect(carol).not.toContain('/vms/100');
  });

  it('applies on merge: realms before their users, pools before their grants; secrets only in the creating requests', async () => {
    const pull = world.store.pull(REPO, 11)!;
    pull.mergedAt = new Date().toISOString();
    pull.mergeCommitSha = 'b8'.repeat(20);
    const apply = await run('push', pushEvent('b8'.repeat(20), 'Organisation (#11)'), { sha: 'b8'.repeat(20), inputs: REALM_SECRETS });
    expect(apply.exitCode, apply.stdout).toBe(0);
    const writes = world.sim.requests.filter((r) => r.method !== 'GET');
    const carrying = writes.filter(
      (r) => r.body.includes(encodeURIComponent(BIND_PASSWORD)) || r.body.includes(encodeURIComponent(CLIENT_KEY)),
    );
    expect(carrying.map((r) => `${r.method} ${r.path} ${new URLSearchParams(r.body).get('realm')}`)).toEqual([
      'POST /access/domains corp',
      'POST /access/domains sso',
    ]);
    const order = writes.map((r) => `${r.method} ${r.path}`);
    expect(order.indexOf('POST /access/domains')).toBeLessThan(order.indexOf('POST /access/users'));
    expect(order.lastIndexOf('POST /pools')).toBeLessThan(order.indexOf('PUT /access/acl'));
    const realm = data(world.sim.exec('GET', '/access/domains/corp')) as Record<string, unknown>;
    expect(realm).toMatchObject({ base_dn: 'ou=people,dc=example,dc=com', 'sync-defaults-options': 'enable-new=0,scope=both' });
    const pools = data(world.sim.exec('GET', '/pools', { poolid: 'prod/web' })) as { members: { id: string }[] }[];
    expect(pools[0]!.members.map((m) => m.id)).toEqual(['lxc/200']);
  });

  it('re-plans with no change', async () => {
    const replan = await run('pull_request', pullRequestEvent(11, 'a7'.repeat(20), 'synchronize'), { inputs: REALM_SECRETS });
    expect(replan.exitCode, replan.stdout).toBe(0);
    expect(replan.outputs['has-changes']).toBe('false');
    const clean = await run('schedule', scheduleEvent());
    expect(clean.outputs['drift']).toBe('false');
  });

  it('exports the cluster to a spec with the realms and pools, without secrets, that plans no change', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pa-org-'));
    try {
      const env = cliEnv(world.sim, world.actionToken);
      const out = path.join(dir, 'exported.yml');
      const exported = await spawnBundledCli(['export', '--out', out], { env, stdin: null });
      expect(exported.code, exported.stderr).toBe(0);
      const text = await readFile(out, 'utf8');
      for (const key of ['  corp:\n    type: ldap', '  sso:\n    type: openid', '  prod:\n', '  prod/web:\n', 'path: /pool/prod/web']) {
        expect(text).toContain(key);
      }
      for (const secret of [BIND_PASSWORD, CLIENT_KEY]) expect(text).not.toContain(secret);
      const plan = await spawnBundledCli(['plan', '--json', '--spec', out], { env, stdin: null });
      expect(plan.code, plan.stderr).toBe(0);
      expect(JSON.parse(plan.stdout)).toMatchObject({ hasChanges: false });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports a realm option and a pool member changed by hand as drift', async () => {
    data(world.sim.exec('PUT', '/access/domains/corp', { port: 389 }));
    data(world.sim.exec('PUT', '/pools', { poolid: 'prod', vms: '101', delete: 1 }));
    const drift = await run('schedule', scheduleEvent());
    expect(drift.exitCode, drift.stdout).toBe(0);
    expect(drift.outputs['drift']).toBe('true');
    const [issue] = world.store.issuesOf(REPO).filter((i) => !i.isPullRequest);
    expect(issue?.body).toMatch(/realm:corp.*port is 389 on the cluster, the spec sets none/);
    expect(issue?.body).toMatch(/pool:prod`.*vms on the cluster lack 101, which the spec lists/);
  });
});
