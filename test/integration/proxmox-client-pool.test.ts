/**
 * Clients sharing one connection pool (a run's one-off clients, one per new secret tried): each
 * request carries its own client's credentials over kept-alive connections, closing a client
 * leaves the pool to its owner, and the pool's TLS trust applies to every connection it makes.
 */
import { randomUUID } from 'node:crypto';
import type { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectionPool } from '../../src/proxmox/agent.js';
import { createProxmoxClient } from '../../src/proxmox/client.js';
import { useClientHarness } from './proxmox-client-harness.js';

const h = useClientHarness();
const pools: Agent[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

const pool = async (fingerprint: string, connections?: number): Promise<Agent> => {
  const made = await createConnectionPool({ fingerprint }, undefined, connections);
  pools.push(made);
  return made;
};
const version = () => ({ json: { data: { version: '9.1.1', release: '9.1', repoid: 'abc' } } });
const clientOn = (agent: Agent, tokenId: string, secret: string) =>
  createProxmoxClient({ url: h.server.url, auth: { tokenId, secret }, fingerprint: h.certs.selfSigned.fingerprint, pool: agent });

describe('a shared connection pool', () => {
  it('carries the requests of several clients over one kept-alive connection, each with its own credentials', async () => {
    h.server.connections = 0;
    h.server.reply = version;
    const shared = await pool(h.certs.selfSigned.fingerprint, 1);
    const tokens = ['ta', 'tb', 'tc', 'td', 'te'].map((name) => `ci@pve!${name}`).map((tokenId) => ({ tokenId, secret: randomUUID() }));
    for (const { tokenId, secret } of tokens) {
      const client = await clientOn(shared, tokenId, secret);
      await client.getVersion();
      await client.close();
    }
    expect(h.server.connections).toBe(1);
    expect(h.server.requests.map((r) => r.headers.authorization)).toEqual(tokens.map((t) => `PVEAPIToken=${t.tokenId}=${t.secret}`));
  });

  it('opens no more connections than it is allowed, however many requests are in flight', async () => {
    h.server.connections = 0;
    h.server.reply = version;
    const shared = await pool(h.certs.selfSigned.fingerprint, 2);
    const clients = await Promise.all(Array.from({ length: 6 }, (_, i) => clientOn(shared, `ci@pve!t${i}x`, randomUUID())));
    await Promise.all(clients.map((c) => c.getVersion()));
    expect(h.server.requests).toHaveLength(6);
    expect(h.server.connections).toBeLessThanOrEqual(2);
  });

  it('pins every connection it makes: a server with another certificate is refused before any request', async () => {
    const shared = await pool(h.certs.other.fingerprint);
    const client = await clientOn(shared, 'ci@pve!ta', randomUUID());
    await expect(client.getPermissions()).rejects.toThrow(/does not match the pinned fingerprint/);
    expect(h.server.requests).toHaveLength(0);
  });
});
