/**
 * One run session: the clients of a run, opened once and shared by its steps, and the steps
 * themselves. Both the action's modes and the CLI run through it, so the plan a reviewer saw,
 * the plan apply recomputes and the verification after apply are made the same way everywhere.
 */
import { executePlan } from '../apply/executor.js';
import type { ApplyReport } from '../plan/apply-report.js';
import type { Change } from '../plan/model.js';
import type { ProxmoxApi } from '../proxmox/api.js';
import type { ProxmoxClient, ProxmoxClientOptions } from '../proxmox/client.js';
import { sharedPool } from './shared-pool.js';
import type { SecretDelivery } from '../secrets/model.js';
import type { LoadedSpec } from '../spec/model.js';
import { proxmoxClientOptions, tlsUnverified, type ConnectionSettings } from './connect.js';
import { gitHubClients, type GitHubClientDeps, type GitHubClients, type GitHubSettings } from './github-clients.js';
import { planFromLive, readCluster, remainingChanges, type LivePlan } from './plan-live.js';
import { InputError } from '../errors.js';
import type { VaultSettings } from '../inputs.js';
import type { VaultAccess } from '../secrets/vault-sink.js';
import { hasVaultTargets } from '../spec/rules-deliver-vault.js';
import { findMissingSecrets } from './secret-presence.js';
import { openVaultSession, type VaultSessionDeps } from './vault-session.js';

export interface SessionDeps extends GitHubClientDeps, VaultSessionDeps {
  /** Epoch seconds. */
  now(): number;
  connectProxmox(options: ProxmoxClientOptions): Promise<ProxmoxClient>;
  /** Registers a value with the log masking (a ticket the client obtains, for one). */
  setSecret(value: string): void;
}

export interface SessionSettings {
  readonly connection: ConnectionSettings;
  readonly github: GitHubSettings;
  readonly rotate: 'all' | readonly string[];
  readonly allowDeletions: boolean;
  /** Ask GitHub whether each delivered secret still exists, so a deleted one is restored by rotation. */
  readonly checkSecrets: boolean;
  /** Where `vault` deliver targets go; absent without `vault-url`. */
  readonly vault?: VaultSettings | undefined;
  /** The `realm-secrets` input: realm id → secret. */
  readonly realmSecrets?: Readonly<Record<string, string>> | undefined;
  /** Realms whose secret this run sets again. */
  readonly setRealmSecrets?: readonly string[] | undefined;
  /** Realms this run syncs although nothing changed (`sync-realms`). */
  readonly syncRealms?: readonly string[] | 'all' | undefined;
}

export interface RunSession {
  readonly github: GitHubClients;
  /** The Vault client, logged in on first use; undefined without `vault-url`. */
  readonly vault: VaultAccess | undefined;
  /** The Proxmox client: connected on first use, then shared by every later step. */
  proxmox(): Promise<ProxmoxClient>;
  /** Reads the cluster, looks up missing secrets, plans: each step once, in this order. */
  plan(loaded: LoadedSpec): Promise<LivePlan>;
  /**
   * Applies a plan made by `plan`, delivering new secrets through `delivery`, then verifies it
   * converged; `check` replaces that last step (rotate mode checks only what it rotated).
   */
  apply(
    loaded: LoadedSpec,
    planned: LivePlan,
    delivery: SecretDelivery,
    check?: (api: ProxmoxApi) => Promise<readonly Change[]>,
  ): Promise<ApplyReport>;
  /** Closes the Proxmox client and the Vault client (revoking its login), if they were opened. */
  close(): Promise<void>;
}

export function openRunSession(deps: SessionDeps, settings: SessionSettings): RunSession {
  const github = gitHubClients(deps, settings.github);
  const vaultSession = settings.vault ? openVaultSession(deps, settings.vault) : undefined;
  const vault = vaultSession ? () => vaultSession.client() : undefined;
  let client: Promise<ProxmoxClient> | undefined;
  let options: ProxmoxClientOptions | undefined;
  const clientOptions = (): ProxmoxClientOptions =>
    (options ??= proxmoxClientOptions(settings.connection, deps.logger, (secret) => deps.setSecret(secret)));
  const proxmox = (): Promise<ProxmoxClient> => (client ??= Promise.resolve().then(() => deps.connectProxmox(clientOptions())));
  // The secret checks of a run share one keep-alive pool with the run's TLS trust; closed with the session.
  const checkPool = sharedPool(clientOptions);
  return {
    github,
    vault,
    proxmox,
    async plan(loaded) {
      requireVault(loaded, vault);
      const api = await proxmox();
      const { live, reads } = await readCluster(api, deps.logger);
      const secrets = settings.checkSecrets ? github.secrets() : undefined;
      const secretMissing = settings.checkSecrets ? await findMissingSecrets(loaded, live, { github: secrets, vault }, deps.logger) : [];
      const plan = planFromLive(loaded, live, api.identity, {
        now: deps.now(),
        rotate: settings.rotate,
        secretMissing,
        allowDeletions: settings.allowDeletions,
        // A pinned fingerprint is checked even with insecure set: no TLS warning then.
        insecure: tlsUnverified(settings.connection),
        ...(settings.realmSecrets && { realmSecretNames: Object.keys(settings.realmSecrets) }),
        ...(settings.setRealmSecrets && { setRealmSecrets: settings.setRealmSecrets }),
        ...(settings.syncRealms && { syncRealms: settings.syncRealms }),
      });
      return { live, reads, plan, secretMissing };
    },
    async apply(loaded, planned, delivery, check) {
      const api = await proxmox();
      const { allowDeletions } = settings;
      return executePlan(planned.plan, {
        api,
        delivery,
        logger: deps.logger,
        live: planned.live,
        now: () => deps.now(),
        verify: check ? () => check(api) : () => remainingChanges(api, loaded, { now: deps.now(), allowDeletions }),
        // Same URL and TLS trust as the run's client, other credentials: a new token's secret, tried once.
        connectAs: async (auth) => deps.connectProxmox({ ...clientOptions(), auth, pool: await checkPool.get() }),
        allowDeletions,
        ...(settings.realmSecrets && { realmSecrets: settings.realmSecrets }),
      });
    },
    async close() {
      const opened = client;
      client = undefined;
      // A connection that failed has nothing to close; its error was the step's to report.
      const api = await opened?.catch(() => undefined);
      await api?.close();
      await checkPool.close();
      await vaultSession?.close();
    },
  };
}

/** Checked before the cluster is read: a `vault` target without a Vault fails the plan, not the apply half-way. */
function requireVault(loaded: LoadedSpec, vault: VaultAccess | undefined): void {
  if (vault || !hasVaultTargets(loaded)) return;
  throw new InputError(
    'vault-url',
    `${loaded.file} delivers token secrets to Vault, but no vault-url was given: set vault-url, and vault-role (with permissions: id-token: write) or vault-token`,
  );
}
