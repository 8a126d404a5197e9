/**
 * Delivery into Vault end to end, from dist/index.js: the run logs in with the workflow's OIDC
 * token, checks the targets before any PVE write, merges the secret with check-and-set, and
 * revokes its Vault token at the end; a rerun writes nothing, a rotation adds a version, and a
 * deleted secret is found by the drift check from its metadata alone and restored by apply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeVault } from '../fakes/vault/index.js';
import { pushEvent, scheduleEvent } from '../harness/events.js';
import { expectMaskedFirst, guardLeaks, vaultCredentialsOf } from '../harness/leaks.js';
import type { ActionResult } from '../harness/spawned.js';
import { authenticates } from '../harness/pve-login.js';
import { VAULT_TOKEN, attachVault, vaultJob, vaultTokenSpec } from '../harness/vault-world.js';
import { createWorld, type World } from '../harness/world.js';

const TOKEN = VAULT_TOKEN;
const SPEC = `${vaultTokenSpec({ lifetime: '30d' })}acl:
  - path: /vms
    roles: [PVEVMUser]
    tokens: ["${TOKEN}"]
`;
const MANUAL_APPLY = { 'require-approved-plan': 'false' };

describe('end to end: delivering to Vault', () => {
  let world: World;
  let vault: FakeVault;
  let runs = 0;
  guardLeaks(() => world);
  const apply = (inputs: Record<string, string> = {}): Promise<ActionResult> => {
    const sha = (runs += 1).toString(16).padStart(40, 'a');
    const job = vaultJob(vault, world, { ...MANUAL_APPLY, ...inputs });
    return world.run('push', pushEvent(sha, 'Apply'), { sha, ...job });
  };
  const stored = () => vault.secret('secret', 'proxmox/terraform');
  const writes = (from: number) =>
    vault.requests.slice(from).filter((r) => r.method === 'POST' && r.path === '/v1/secret/data/proxmox/terraform');
  const secretOf = (value: unknown): string => String(value).slice(`${TOKEN}=`.length);

  beforeAll(async () => {
    world = await createWorld();
    vault = await attachVault(world);
    await world.writeSpec(SPEC);
    // Another tool keeps the address in the same secret: the delivery must leave it.
    vault.seedSecret('secret', 'proxmox/terraform', { url: 'https://pve.example.com:8006' });
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('logs in with the OIDC token, writes the secret with check-and-set and revokes its Vault token', async () => {
    const before = vault.requests.length;
    const result = await apply();
    expect(result.exitCode, result.stdout).toBe(0);
    expect(world.oidc.minted.map((m) => m.audience)).toEqual([world.vault!.url]);
    const requests = vault.requests.slice(before).map((r) => `${r.method} ${r.path.replace(/\?.*$/, '')} ${r.status}`);
    // Login, the presence check (nothing to check yet), preflight, the merge write, the revoke.
    expect(requests[0]).toBe('POST /v1/auth/jwt/login 200');
    expect(requests.at(-1)).toBe('POST /v1/auth/token/revoke-self 204');
    const preflight = requests.indexOf('POST /v1/sys/capabilities-self 200');
    expect(preflight).toBeGreaterThan(0);
    expect(requests.indexOf('POST /v1/secret/data/proxmox/terraform 200')).toBeGreaterThan(preflight);

    const [write] = writes(before);
    expect(JSON.parse(write!.body).options).toEqual({ cas: 1 });
    const secret = stored()!;
    expect(secret.version).toBe(2);
    expect(Object.keys(secret.data!).sort()).toEqual(['expires_at', 'token', 'token_id', 'url']);
    expect(secret.data).toMatchObject({ token_id: TOKEN, url: 'https://pve.example.com:8006' });
    const expires = Date.parse(String(secret.data!.expires_at));
    expect(Math.abs(expires - (Date.now() + 30 * 86_400_000))).toBeLessThan(120_000);
    expect(await authenticates(world, TOKEN, secretOf(secret.data!.token))).toBe(true);
    expectMaskedFirst(result, String(secret.data!.token));

    // The token the login handed out is masked before anything else and no longer works.
    const [clientToken] = vaultCredentialsOf(world).filter((t) => t.startsWith('hvs.') && t !== vault.rootToken);
    expect(clientToken).toBeDefined();
    expectMaskedFirst(result, clientToken!);
    expect(vault.isLive(clientToken!)).toBe(false);
    expect(vault.liveTokens().map((t) => t.displayName)).toEqual(['root']);
    expect(result.stdout).toContain('secret written to vault secret/proxmox/terraform#token (version 2)');
  });

  it('writes nothing on a rerun', async () => {
    const before = vault.requests.length;
    const result = await apply();
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs['has-changes']).toBe('false');
    expect(writes(before)).toEqual([]);
    // The presence check read the metadata only, never the value.
    const reads = vault.requests.slice(before).filter((r) => r.path.startsWith('/v1/secret/'));
    expect(reads.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/secret/metadata/proxmox/terraform']);
    expect(stored()!.version).toBe(2);
    expect(vault.liveTokens()).toHaveLength(1);
  });

  it('writes a new version on a rotation, keeping the other fields', async () => {
    const old = stored()!;
    const result = await apply({ rotate: 'all' });
    expect(result.exitCode, result.stdout).toBe(0);
    const secret = stored()!;
    expect(secret.version).toBe(3);
    expect(secret.data!.url).toBe('https://pve.example.com:8006');
    expect(secret.data!.token).not.toBe(old.data!.token);
    expect(vault.secret('secret', 'proxmox/terraform', { version: 2 })!.data).toEqual(old.data);
    expect(await authenticates(world, TOKEN, secretOf(secret.data!.token))).toBe(true);
    expect(await authenticates(world, TOKEN, secretOf(old.data!.token))).toBe(401);
  });

  it('reports a deleted Vault secret as drift from its metadata, and apply restores it', async () => {
    await fetchRoot(vault, 'DELETE', '/v1/secret/data/proxmox/terraform');
    const before = vault.requests.length;
    const drift = await world.run('schedule', scheduleEvent(), { ...vaultJob(vault, world) });
    expect(drift.exitCode, drift.stdout).toBe(0);
    expect(drift.outputs['drift']).toBe('true');
    expect(drift.stdout).toContain('vault secret/proxmox/terraform#token of token ci@pve!terraform is missing');
    const secretReads = vault.requests.slice(before).filter((r) => r.path.startsWith('/v1/secret/'));
    expect(secretReads.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/secret/metadata/proxmox/terraform']);
    expect(world.store.issues.at(-1)?.body).toContain(TOKEN);

    const repaired = await apply();
    expect(repaired.exitCode, repaired.stdout).toBe(0);
    const secret = stored()!;
    expect(secret.deleted).toBe(false);
    // A deleted version's fields are not brought back: only what the delivery writes.
    expect(Object.keys(secret.data!).sort()).toEqual(['expires_at', 'token', 'token_id']);
    expect(await authenticates(world, TOKEN, secretOf(secret.data!.token))).toBe(true);
  });
});

/** A request as an operator with the root token would make it (outside the action). */
async function fetchRoot(vault: FakeVault, method: string, path: string): Promise<void> {
  const { vaultClient } = await import('../fakes/vault/test-client.js');
  const call = vaultClient(vault);
  try {
    const res = await call(method, path, { token: vault.rootToken });
    expect(res.status).toBeLessThan(300);
  } finally {
    await call.close();
  }
}
