/**
 * A Proxmox that cannot be reached at all (nothing listens on the port, the name does not
 * resolve) fails at once with one plain sentence, instead of a retry line per parallel read and
 * a raw socket error. Once the server has answered, a refused connection is a restart and is
 * retried as before.
 */
import { describe, expect, it } from 'vitest';
import { TransportError } from '../../src/errors.js';
import { recordingLogger } from '../../src/log.js';
import { createProxmoxClient } from '../../src/proxmox/client.js';
import { ProxmoxUnreachableError } from '../../src/proxmox/transport.js';
import { SECRET, TOKEN_ID, useClientHarness } from './proxmox-client-harness.js';
import { TinyHttpsServer } from './tiny-https-server.js';

const h = useClientHarness();

/** The URL of a loopback port nothing listens on any more. */
async function closedPortUrl(): Promise<string> {
  const server = await TinyHttpsServer.start(h.certs.selfSigned);
  await server.close();
  return server.url;
}

describe('an unreachable Proxmox', () => {
  it('connection refused: fails at once, says where and why in one line, logs no retries', async () => {
    const url = await closedPortUrl();
    const logger = recordingLogger();
    const api = await h.client({ logger }, url);
    const reads = [api.getVersion(), api.listRoles(), api.listUsersFull(), api.listGroups(), api.listAcl()];
    const errors = await Promise.all(
      reads.map((read) =>
        read.then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    );
    const port = new URL(url).port;
    for (const err of errors) {
      expect(err).toBeInstanceOf(ProxmoxUnreachableError);
      expect((err as Error).message).toBe(
        `could not reach Proxmox at ${url}: connection refused (connect ECONNREFUSED 127.0.0.1:${port}); ` +
          'is proxmox-url right, and is its port open to this machine?',
      );
    }
    expect(h.sleeps).toEqual([]);
    expect(logger.lines.filter((line) => /retrying/.test(line))).toEqual([]);
  });

  it('a name that does not resolve: says so, without retrying', async () => {
    const api = await h.client({}, 'https://pve.invalid:8006');
    const err = await api.getVersion().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProxmoxUnreachableError);
    expect((err as Error).message).toMatch(
      /^could not reach Proxmox at https:\/\/pve\.invalid:8006: DNS lookup (found no such host|failed for now) \(getaddrinfo \w+ pve\.invalid\); /,
    );
    expect(h.sleeps).toEqual([]);
  });

  it('a password login fails the same way when creating the client', async () => {
    const url = await closedPortUrl();
    const err = await createProxmoxClient({
      url,
      auth: { username: 'alice@pve', password: 'x' },
      fingerprint: h.certs.selfSigned.fingerprint,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProxmoxUnreachableError);
    expect((err as Error).message).toMatch(/^could not reach Proxmox at https:\/\/127\.0\.0\.1:\d+: connection refused/);
  });

  it('after the server has answered, a refused connection is retried as a restart would be', async () => {
    const server = await TinyHttpsServer.start(h.certs.selfSigned);
    const api = await createProxmoxClient({
      url: server.url,
      auth: { tokenId: TOKEN_ID, secret: SECRET },
      fingerprint: h.certs.selfSigned.fingerprint,
      sleep: async (ms) => void h.sleeps.push(ms),
      random: () => 0.5,
      retry: { attempts: 3 },
    });
    try {
      server.reply = () => ({ json: { data: { version: '9.1.1', release: '9.1', repoid: 'x' } } });
      await api.getVersion();
      await server.close();
      const err = await api.listRoles().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TransportError);
      expect(err).not.toBeInstanceOf(ProxmoxUnreachableError);
      expect((err as Error).message).toMatch(/ECONNREFUSED/);
      expect(h.sleeps).toHaveLength(2);
    } finally {
      await api.close();
    }
  });
});
