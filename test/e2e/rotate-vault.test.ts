/**
 * Mode `rotate` with a Vault target, from dist/index.js: a Vault secret deleted by hand makes its
 * token due, the scheduled rotation writes the new secret back (it authenticates, the old one does
 * not), and the run after it finds nothing due.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeVault } from '../fakes/vault/index.js';
import { pushEvent, scheduleEvent } from '../harness/events.js';
import { guardLeaks } from '../harness/leaks.js';
import { authenticates } from '../harness/pve-login.js';
import { VAULT_TOKEN, attachVault, vaultJob, vaultTokenSpec } from '../harness/vault-world.js';
import { createWorld, type World } from '../harness/world.js';

const SPEC = `${vaultTokenSpec({ lifetime: '30d' })}acl:
  - path: /vms
    roles: [PVEVMUser]
    tokens: ["${VAULT_TOKEN}"]
`;

describe('end to end: rotate mode restores a deleted Vault secret', () => {
  let world: World;
  let vault: FakeVault;
  guardLeaks(() => world);
  const stored = (): string | undefined => {
    const secret = vault.secret('secret', 'proxmox/terraform');
    return secret && !secret.deleted ? String(secret.data!['token']).slice(`${VAULT_TOKEN}=`.length) : undefined;
  };

  beforeAll(async () => {
    world = await createWorld();
    vault = await attachVault(world);
    await world.writeSpec(SPEC);
    const sha = 'd0'.repeat(20);
    const apply = await world.run('push', pushEvent(sha, 'Apply'), {
      sha,
      ...vaultJob(vault, world, { 'require-approved-plan': 'false' }),
    });
    expect(apply.exitCode, apply.stdout).toBe(0);
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('rotates the token whose Vault secret is gone, and nothing the next night', async () => {
    const old = stored()!;
    const { vaultClient } = await import('../fakes/vault/test-client.js');
    const call = vaultClient(vault);
    try {
      expect((await call('DELETE', '/v1/secret/data/proxmox/terraform', { token: vault.rootToken })).status).toBeLessThan(300);
    } finally {
      await call.close();
    }
    expect(stored()).toBeUndefined();

    const rotate = await world.run('schedule', scheduleEvent(), vaultJob(vault, world, { mode: 'rotate' }));
    expect(rotate.exitCode, rotate.stdout).toBe(0);
    expect(rotate.outputs['applied']).toBe('1');
    expect(rotate.summary).toContain('a delivery target no longer holds the secret');
    const fresh = stored()!;
    expect(fresh).not.toBe(old);
    expect(await authenticates(world, VAULT_TOKEN, fresh)).toBe(true);
    expect(await authenticates(world, VAULT_TOKEN, old)).toBe(401);

    const again = await world.run('schedule', scheduleEvent(), vaultJob(vault, world, { mode: 'rotate' }));
    expect(again.exitCode, again.stdout).toBe(0);
    expect(again.outputs['applied']).toBe('0');
    expect(stored()).toBe(fresh);
  });
});
