/**
 * The secret checks of one run, from dist/index.js as the runner runs it: twenty new tokens are
 * each tried once as themselves, a few at a time over one kept-alive pool, so far fewer TLS
 * connections carry the checks than there are checks, every one of them made with the pinned
 * fingerprint the run was given (test/integration/proxmox-client-pool.test.ts shows the pin
 * refusing another certificate on a shared pool).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushEvent } from '../harness/events.js';
import { guardLeaks } from '../harness/leaks.js';
import { createWorld, type World } from '../harness/world.js';

const TOKENS = Array.from({ length: 20 }, (_, i) => `t${String(i + 1).padStart(2, '0')}`);
const PERMISSIONS = '/access/permissions';

const SPEC = `version: 1
users:
  ci@pve:
    comment: CI
    tokens:
${TOKENS.map((t) => `      ${t}:\n        deliver:\n          - output: secret_${t}`).join('\n')}
acl:
  - path: /vms
    roles: [PVEVMUser]
    users: [ci@pve]
    tokens: [${TOKENS.map((t) => `"ci@pve!${t}"`).join(', ')}]
`;

describe('end to end: the secret checks of one run share kept-alive connections', () => {
  let world: World;
  guardLeaks(() => world, { secretOutputs: ['tokens', ...TOKENS.map((t) => `secret_${t}`)] });

  beforeAll(async () => {
    world = await createWorld('9.1.1');
    await world.writeSpec(SPEC);
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('twenty checks, each as its own token, over at most eight pinned connections, logged in plan order', async () => {
    const sha = 'a1'.repeat(20);
    const first = world.sim.requests.length;
    const run = await world.run('push', pushEvent(sha, 'Apply'), { sha, inputs: { 'require-approved-plan': 'false' } });
    expect(run.exitCode, run.stdout).toBe(0);
    const checks = world.sim.requests.slice(first).filter((r) => r.method === 'GET' && r.path === PERMISSIONS);
    expect(checks.map((r) => r.status)).toEqual(TOKENS.map(() => 200));
    const connections = new Set(checks.map((r) => r.connection));
    // One shared pool: at most eight connections for twenty checks (one each without the pool).
    expect(connections.size).toBeLessThanOrEqual(8);
    // The run's own client keeps its connections: the checks' credentials never ride on them.
    const ownConnections = new Set(
      world.sim.requests
        .slice(first)
        .filter((r) => r.path !== PERMISSIONS)
        .map((r) => r.connection),
    );
    expect([...connections].filter((c) => ownConnections.has(c))).toEqual([]);
    const verified = run.stdout.split('\n').flatMap((line) => /verified the secret of ci@pve!(t\d\d):/.exec(line)?.[1] ?? []);
    expect(verified).toEqual(TOKENS);
  });
});
