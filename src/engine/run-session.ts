/**
 * One run session: the clients of a run, opened once and shared by its steps, and the steps
 * themselves. Both the action's modes and the CLI run through it, so the plan a reviewer saw,
 * the plan apply recomputes and the verification after apply are made the same way everywhere.
 */
import { executePlan } from '../apply/executor.js';
import type { ApplyReport } from '../plan/apply-report.js';
import type { ProxmoxClient, ProxmoxClientOptions } from '../proxmox/client.js';
import type { SecretDelivery } from '../secrets/model.js';
import type { LoadedSpec } from '../spec/model.js';
import { proxmoxClientOptions, tlsUnverified, type ConnectionSettings } from './connect.js';
import { gitHubClients, type GitHubClientDeps, type GitHubClients, type GitHubSettings } from './github-clients.js';
import { planFromLive, readCluster, remainingChanges, type LivePlan } from './plan-live.js';
import { findMissingSecrets } from './secret-presence.js';

export interface SessionDeps extends GitHubClientDeps {
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
}

export interface RunSession {
  readonly github: GitHubClients;
  /** The Proxmox client: connected on first use, then shared by every later step. */
  proxmox(): Promise<ProxmoxClient>;
  /** Reads the cluster, looks up missing secrets, plans: each step once, in this order. */
  plan(loaded: LoadedSpec): Promise<LivePlan>;
  /** Applies a plan made by `plan`, delivering new secrets through `delivery`, then verifies it converged. */
  apply(loaded: LoadedSpec, planned: LivePlan, delivery: SecretDelivery): Promise<ApplyReport>;
  /** Closes the Proxmox client, if one was opened. */
  close(): Promise<void>;
}

export function openRunSession(deps: SessionDeps, settings: SessionSettings): RunSession {
  const github = gitHubClients(deps, settings.github);
  let client: Promise<ProxmoxClient> | undefined;
  const proxmox = (): Promise<ProxmoxClient> =>
    (client ??= Promise.resolve().then(() =>
      deps.connectProxmox(proxmoxClientOptions(settings.connection, deps.logger, (secret) => deps.setSecret(secret))),
    ));
  return {
    github,
    proxmox,
    async plan(loaded) {
      const api = await proxmox();
      const { live, reads } = await readCluster(api, deps.logger);
      const secrets = settings.checkSecrets ? github.secrets() : undefined;
      const secretMissing = settings.checkSecrets ? await findMissingSecrets(loaded, live, secrets, deps.logger) : [];
      const plan = planFromLive(loaded, live, api.identity, {
        now: deps.now(),
        rotate: settings.rotate,
        secretMissing,
        allowDeletions: settings.allowDeletions,
        // A pinned fingerprint is checked even with insecure set: no TLS warning then.
        insecure: tlsUnverified(settings.connection),
      });
      return { live, reads, plan, secretMissing };
    },
    async apply(loaded, planned, delivery) {
      const api = await proxmox();
      const { allowDeletions } = settings;
      return executePlan(planned.plan, {
        api,
        delivery,
        logger: deps.logger,
        live: planned.live,
        now: () => deps.now(),
        verify: () => remainingChanges(api, loaded, { now: deps.now(), allowDeletions }),
        allowDeletions,
      });
    },
    async close() {
      const opened = client;
      client = undefined;
      // A connection that failed has nothing to close; its error was the step's to report.
      const api = await opened?.catch(() => undefined);
      await api?.close();
    },
  };
}
