/**
 * The Vault preflight against the Vault fake: capabilities the token lacks come back per target
 * with the exact policy line that would allow them, mount problems beside them, nothing written.
 */
import { describe, expect, it } from 'vitest';
import { preflightVaultTargets } from '../../src/vault/preflight.js';
import { resolveVaultTarget } from '../../src/spec/vault-target.js';
import { useVaultHarness } from './vault-client-harness.js';

const h = useVaultHarness();

describe('capabilities preflight', () => {
  it('passes a token whose policies allow every target, asking Vault once', async () => {
    const client = await h.client();
    client.useToken(h.vault.createToken({ policies: ['default', 'deliver'] }));
    const targets = [resolveVaultTarget({ path: 'proxmox/terraform' }), resolveVaultTarget({ path: 'proxmox/ansible', field: 'api' })];
    expect(await preflightVaultTargets(client, targets)).toEqual({ problems: [], missing: [] });
    const asked = h.vault.requests.filter((r) => r.path === '/v1/sys/capabilities-self');
    expect(asked).toHaveLength(1);
    expect(JSON.parse(asked[0]!.body)).toEqual({
      paths: [
        'secret/data/proxmox/terraform',
        'secret/metadata/proxmox/terraform',
        'secret/data/proxmox/ansible',
        'secret/metadata/proxmox/ansible',
      ],
    });
  });

  it('names every missing capability with the policy line that allows it, and writes nothing', async () => {
    h.vault.writePolicy('partial', {
      'secret/data/proxmox/*': ['create', 'update'],
      'secret/data/team/*': ['read'],
      'secret/metadata/team/*': ['read'],
      'secret/data/team/locked': ['deny'],
    });
    const client = await h.client();
    client.useToken(h.vault.createToken({ policies: ['default', 'partial'] }));
    const report = await preflightVaultTargets(client, [
      resolveVaultTarget({ path: 'proxmox/terraform' }),
      resolveVaultTarget({ path: 'team/locked' }),
      resolveVaultTarget({ path: 'team/app' }),
    ]);
    expect(report.missing.map((m) => m.policyLine)).toEqual([
      'path "secret/data/proxmox/terraform" { capabilities = ["create", "update", "read"] }',
      'path "secret/metadata/proxmox/terraform" { capabilities = ["read"] }',
      'path "secret/data/team/locked" { capabilities = ["create", "update", "read"] }',
      'path "secret/data/team/app" { capabilities = ["create", "update", "read"] }',
    ]);
    expect(report.problems).toEqual([
      {
        target: 'secret/proxmox/terraform',
        message:
          'the Vault token lacks read on secret/data/proxmox/terraform; a policy with path "secret/data/proxmox/terraform" { capabilities = ["create", "update", "read"] } allows it',
      },
      {
        target: 'secret/proxmox/terraform',
        message:
          'the Vault token lacks read on secret/metadata/proxmox/terraform; a policy with path "secret/metadata/proxmox/terraform" { capabilities = ["read"] } allows it',
      },
      {
        target: 'secret/team/locked',
        message:
          'the Vault token lacks create, update, read on secret/data/team/locked; a policy with path "secret/data/team/locked" { capabilities = ["create", "update", "read"] } allows it',
      },
      {
        target: 'secret/team/app',
        message:
          'the Vault token lacks create, update on secret/data/team/app; a policy with path "secret/data/team/app" { capabilities = ["create", "update", "read"] } allows it',
      },
    ]);
    expect(h.vault.requests.filter((r) => r.method === 'POST' && r.path !== '/v1/sys/capabilities-self')).toEqual([]);
  });

  it('reports a KV version 1 mount and a missing mount beside the capability problems', async () => {
    const client = await h.client();
    client.useToken(h.vault.rootToken);
    const report = await preflightVaultTargets(client, [
      resolveVaultTarget({ path: 'proxmox/a', mount: 'kv' }),
      resolveVaultTarget({ path: 'proxmox/b', mount: 'nowhere' }),
      resolveVaultTarget({ path: 'proxmox/c' }),
    ]);
    expect(report.problems.map((p) => p.target)).toEqual(['kv/proxmox/a', 'nowhere/proxmox/b']);
    expect(report.problems[0]!.message).toMatch(/^the Vault mount 'kv' is KV version 1/);
    expect(report.problems[1]!.message).toMatch(/^no Vault mount 'nowhere' is visible to this token/);
    // Only the usable target's paths are asked about; root may do everything there.
    const asked = h.vault.requests.find((r) => r.path === '/v1/sys/capabilities-self')!;
    expect(JSON.parse(asked.body)).toEqual({ paths: ['secret/data/proxmox/c', 'secret/metadata/proxmox/c'] });
    expect(report.missing).toEqual([]);
  });
});
