/**
 * How the action reaches the cluster: with a ticket instead of a token, refusing a certificate
 * that is not the pinned one (once, without retries or secrets in the log), and with
 * verification turned off only when asked, saying so loudly wherever the plan is shown.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullRequestEvent } from '../harness/events.js';
import { expectNoLeaks, guardLeaks } from '../harness/leaks.js';
import { countingPveRequests } from '../harness/pve-requests.js';
import { REPO, createWorld, type World } from '../harness/world.js';

const SPEC = `version: 1
users:
  reporter@pve:
    comment: Reads metrics
acl:
  - path: /
    roles: [PVEAuditor]
    users: [reporter@pve]
`;

/** A TCP relay in front of the simulator that counts the connections made through it. */
async function countingRelay(target: string): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  const { hostname, port } = new URL(target);
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    connections += 1;
    const upstream = net.connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A well-formed SHA-256 fingerprint that belongs to no certificate here. */
const otherFingerprint = (real: string): string =>
  real
    .split(':')
    .map((byte) => ((parseInt(byte, 16) + 1) % 256).toString(16).padStart(2, '0').toUpperCase())
    .join(':');

describe('end to end: connecting to the cluster', () => {
  let world: World;
  guardLeaks(() => world, { secretOutputs: [] });

  beforeAll(async () => {
    world = await createWorld('9.1.1');
    await world.writeSpec(SPEC);
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('plans with a ticket login (root@pam and its password)', async () => {
    world.store.addPull(REPO, { number: 11, headSha: '11'.repeat(20) });
    const { result, counts } = await countingPveRequests(world.sim, () =>
      world.run('pull_request', pullRequestEvent(11, '11'.repeat(20)), {
        inputs: {
          'proxmox-token-id': '',
          'proxmox-token-secret': '',
          'proxmox-username': 'root@pam',
          'proxmox-password': world.sim.rootPassword,
        },
      }),
    );
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs['mode']).toBe('plan');
    expect(result.outputs['has-changes']).toBe('true');
    expect(result.outputs['summary']).toBe('2 to create, 0 to update, 0 to delete');
    expect(world.sim.requests.filter((r) => r.method === 'POST' && r.path === '/access/ticket')).toHaveLength(1);
    // The login, then the seven reads (the five access lists, the realm list and the pool list).
    expect(counts).toMatchObject({ total: 8, reads: 7, writes: 0 });
    expect(world.store.commentsOn(REPO, 11)[0]?.body).toContain('reporter@pve');
  });

  it('refuses a certificate that is not the pinned one, once, naming the mismatch', async () => {
    const relay = await countingRelay(world.sim.url);
    const wrong = otherFingerprint(world.sim.fingerprint);
    try {
      const started = Date.now();
      const { result, counts } = await countingPveRequests(world.sim, () =>
        world.run('pull_request', pullRequestEvent(12, '12'.repeat(20)), {
          inputs: { 'proxmox-url': relay.url, 'proxmox-fingerprint': wrong },
        }),
      );
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(result.exitCode).toBe(1);
      const failure = result.stdout.split('\n').find((line) => line.startsWith('::error::'));
      expect(failure).toMatch(/certificate fingerprint/);
      expect(failure).toContain(world.sim.fingerprint);
      expect(failure).toContain(wrong);
      expect(result.stdout).not.toMatch(/retrying/);
      // The seven reads go out together; each connection is refused once and none is tried again.
      expect(relay.connections()).toBeGreaterThanOrEqual(1);
      expect(relay.connections()).toBeLessThanOrEqual(7);
      expect(counts.total).toBe(0);
      expect(result.summary).toMatch(/fingerprint/);
      expect(world.store.commentsOn(REPO, 12)).toHaveLength(0);
    } finally {
      await relay.close();
    }
  });

  it('plans with verification off when asked, and warns about it in the log, the comment and the summary', async () => {
    world.store.addPull(REPO, { number: 13, headSha: '13'.repeat(20) });
    const result = await world.run('pull_request', pullRequestEvent(13, '13'.repeat(20)), {
      inputs: { 'proxmox-fingerprint': '', 'proxmox-insecure': 'true' },
    });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs['has-changes']).toBe('true');
    expect(result.stdout).toMatch(/^::warning.*NOT verified/m);
    expect(result.stdout).toMatch(/^::warning title=proxmox-access%3A insecure-tls::TLS verification is OFF/m);
    const comment = world.store.commentsOn(REPO, 13)[0]!.body;
    const summary = result.summary;
    for (const text of [comment, summary]) {
      expect(text).toMatch(/> \[!CAUTION\]\n> \*\*TLS verification is off\*\*/);
      // Loud: before the list of changes, not buried under it.
      expect(text.indexOf('TLS verification is off')).toBeLessThan(text.indexOf('reporter@pve'));
    }
    const verified = await world.run('pull_request', pullRequestEvent(13, '14'.repeat(20), 'synchronize'));
    expect(world.store.commentsOn(REPO, 13)[0]?.body).not.toMatch(/TLS verification/);
    expect(verified.summary).not.toMatch(/TLS verification/);
  });

  it('never prints the credentials it was given', () => {
    expectNoLeaks([world.actionToken.value, world.sim.rootPassword], {
      runs: world.runs,
      secretOutputs: [],
      texts: world.githubTexts(),
    });
  });
});
