/**
 * What goes wrong with Vault, end to end from dist/index.js: each fault ends with no token on
 * Proxmox that nobody holds a secret for, a message that says what to fix, and a rerun (once
 * the fault is gone) that converges. Faults found before the first PVE write leave PVE untouched.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pullRequestEvent, pushEvent } from '../harness/events.js';
import { NO_RUNS, expectNoLeaksSince } from '../harness/leaks.js';
import { countingPveRequests } from '../harness/pve-requests.js';
import type { ActionResult } from '../harness/spawned.js';
import { authenticates } from '../harness/pve-login.js';
import { VAULT_TOKEN, attachVault, vaultJob, vaultTokenSpec } from '../harness/vault-world.js';
import { createWorld, type World } from '../harness/world.js';
import type { FakeVault } from '../fakes/vault/index.js';

const TOKEN = VAULT_TOKEN;
const SPEC = vaultTokenSpec();
const MANUAL_APPLY = { 'require-approved-plan': 'false' };

describe('end to end: Vault faults', () => {
  let world: World;
  let vault: FakeVault;
  let runs = 0;
  beforeEach(async () => {
    world = await createWorld();
    vault = await attachVault(world);
    await world.writeSpec(SPEC);
  });
  afterEach(async () => {
    expectNoLeaksSince(world, NO_RUNS);
    await world.stop();
  });

  const apply = (inputs: Record<string, string> = {}): Promise<ActionResult> => {
    const sha = (runs += 1).toString(16).padStart(40, 'b');
    return world.run('push', pushEvent(sha, 'Apply'), { sha, ...vaultJob(vault, world, { ...MANUAL_APPLY, ...inputs }) });
  };
  const tokenOnPve = (): boolean => world.sim.exec('GET', '/access/users/ci@pve/token/terraform').status === 200;
  const storedToken = (): string => String(vault.secret('secret', 'proxmox/terraform')?.data?.token ?? '');
  /** No Vault token of a run outlives it: only the root token is left (and `kept` tokens of runs that could not revoke theirs). */
  const noVaultTokensLeft = (kept = 0) => expect(vault.liveTokens().filter((t) => t.displayName !== 'root')).toHaveLength(kept);

  /** After the fault is gone, one apply delivers a working secret and a second has nothing to do. */
  async function expectRerunConverges(options: { inputs?: Record<string, string>; kept?: number } = {}): Promise<void> {
    const fixed = await apply(options.inputs);
    expect(fixed.exitCode, fixed.stdout).toBe(0);
    expect(await authenticates(world, TOKEN, storedToken().slice(TOKEN.length + 1))).toBe(true);
    const again = await apply();
    expect(again.exitCode, again.stdout).toBe(0);
    expect(again.outputs['has-changes']).toBe('false');
    noVaultTokensLeft(options.kept);
  }

  it('reads again and writes once more after a check-and-set conflict', async () => {
    vault.seedSecret('secret', 'proxmox/terraform', { url: 'https://pve.example.com:8006' });
    vault.raceNextWrite('secret', 'proxmox/terraform', { url: 'https://pve.example.com:8006', owner: 'packer' });
    const result = await apply();
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/changed while it was being written .*; reading it again and writing once more/);
    const secret = vault.secret('secret', 'proxmox/terraform')!;
    expect(secret.version).toBe(3);
    // The other writer's field survives the merge.
    expect(secret.data).toMatchObject({ owner: 'packer', token_id: TOKEN });
    noVaultTokensLeft();
    await expectRerunConverges();
  });

  it('deletes the new token again when Vault refuses the write, and names the path', async () => {
    vault.faults.denyPath('secret/data/proxmox/terraform', ['POST']);
    const result = await apply();
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).toMatch(/could not be delivered .*Vault denied POST secret\/data\/proxmox\/terraform/);
    expect(tokenOnPve()).toBe(false);
    noVaultTokensLeft();
    vault.faults.clearDenied();
    await expectRerunConverges();
  });

  it('names the dead consumer when a rotation cannot be delivered', async () => {
    expect((await apply()).exitCode).toBe(0);
    vault.faults.denyPath('secret/data/proxmox/terraform', ['POST']);
    const result = await apply({ rotate: 'all' });
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).toContain('these consumers now hold a dead secret: vault secret/proxmox/terraform#token');
    expect(result.stdout).toContain(`run apply again with rotate: ${TOKEN}`);
    noVaultTokensLeft();
    vault.faults.clearDenied();
    // As the message says: the rotation is asked for again.
    await expectRerunConverges({ inputs: { rotate: TOKEN } });
  });

  it('stops before any PVE write when the policy lacks a capability, with the policy line', async () => {
    vault.writePolicy('proxmox-access', 'path "secret/data/proxmox/*" {\n  capabilities = ["create", "update", "read"]\n}\n');
    const { result, counts } = await countingPveRequests(world.sim, () => apply());
    expect(result.exitCode).not.toBe(0);
    expect(counts.writes).toBe(0);
    expect(result.stdout).toContain('path "secret/metadata/proxmox/terraform" { capabilities = ["read"] }');
    noVaultTokensLeft();
    vault.writePolicy('proxmox-access', 'path "secret/*" {\n  capabilities = ["create", "update", "read"]\n}\n');
    await expectRerunConverges();
  });

  it('stops with Vault sealed mid-run, leaving no token on PVE', async () => {
    // Login, mount lookup and capability check pass; the write's read finds Vault sealed.
    vault.faults.sealAfter(3);
    const result = await apply();
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).toContain('Vault is sealed');
    expect(tokenOnPve()).toBe(false);
    // The revoke found Vault sealed too: said as a warning; the token ends with its TTL.
    expect(result.stdout).toMatch(/::warning::could not revoke this run's Vault token/);
    noVaultTokensLeft(1);
    vault.faults.unseal();
    await expectRerunConverges({ kept: 1 });
  });

  it('stops before any PVE write when the login is refused, naming the claim', async () => {
    world.oidc.identity = { ...world.oidc.identity, ref: 'refs/heads/feature' };
    const { result, counts } = await countingPveRequests(world.sim, () => apply());
    expect(result.exitCode).not.toBe(0);
    expect(counts.writes).toBe(0);
    expect(result.stdout).toContain("Vault refused the JWT login for role 'proxmox-access'");
    expect(result.stdout).toContain("this run's token has ref 'refs/heads/feature'");
    noVaultTokensLeft();
    world.oidc.identity = { ...world.oidc.identity, ref: 'refs/heads/main' };
    await expectRerunConverges();
  });

  it('stops before any PVE write when the OIDC token had expired', async () => {
    world.oidc.now = () => vault.clock.now() - 3_600_000;
    const { result, counts } = await countingPveRequests(world.sim, () => apply());
    expect(result.exitCode).not.toBe(0);
    expect(counts.writes).toBe(0);
    expect(result.stdout).toContain("the workflow's OIDC token had expired");
    noVaultTokensLeft();
    world.oidc.now = () => vault.clock.now();
    await expectRerunConverges();
  });

  it('fails the plan, not the apply, when a vault target has no vault-url', async () => {
    const sha = 'c'.repeat(40);
    const result = await world.run('pull_request', pullRequestEvent(7, sha), { sha, ref: 'refs/pull/7/merge' });
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).toContain('delivers token secrets to Vault, but no vault-url was given');
    expect(vault.requests).toEqual([]);
  });
});
