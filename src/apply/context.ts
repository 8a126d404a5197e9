/**
 * What every apply step shares: the API, the secret delivery, the log, and the tallies the
 * report is built from. Steps throw on failure; the executor decides what that means for the run.
 */
import type { Logger } from '../log.js';
import type { ProxmoxApi, TokenSecret } from '../proxmox/api.js';
import type { ProxmoxClient, ProxmoxCredentials } from '../proxmox/client.js';
import type { LiveState, ServerVersion } from '../model/live-state.js';
import type { Plan, TokenChange } from '../plan/model.js';
import { rotationMethod } from '../plan/rotation.js';
import type { SecretDelivery } from '../secrets/model.js';
import type { DeadSecret, DeliveredSecret } from '../plan/apply-report.js';

export interface ApplyContext {
  readonly api: ProxmoxApi;
  readonly delivery: SecretDelivery;
  readonly logger: Logger;
  readonly live: LiveState;
  readonly plan: Plan;
  /** Epoch seconds. */
  readonly now: () => number;
  readonly delivered: DeliveredSecret[];
  readonly revoked: string[];
  readonly deadSecrets: DeadSecret[];
  /** Delivered secrets waiting to be tried once the apply has written everything (verify-secret.ts). */
  readonly toVerify: DeliveredTokenSecret[];
  /** A one-off client that authenticates as the given credentials, over the run's TLS settings; absent: no verification. */
  readonly connectAs?: ((auth: ProxmoxCredentials) => Promise<ProxmoxClient>) | undefined;
  /** The `realm-secrets` input: realm id → its write-only secret. */
  readonly realmSecrets?: Readonly<Record<string, string>>;
  /** Runs a read and books its requests as reads, so they are not counted as writes. */
  read<T>(fn: () => Promise<T>): Promise<T>;
}

export interface DeliveredTokenSecret {
  readonly change: TokenChange;
  readonly secret: TokenSecret;
  /** What waits for the secret to pass (an overlap rotation retires the replaced token only then). */
  readonly then?: () => Promise<void>;
}

export interface ApplyTallies {
  readonly delivered: DeliveredSecret[];
  readonly revoked: string[];
  readonly deadSecrets: DeadSecret[];
  /** HTTP requests spent on reads so far. */
  readonly readRequests: () => number;
}

export function createApplyContext(
  base: Pick<ApplyContext, 'api' | 'delivery' | 'logger' | 'live' | 'plan' | 'now' | 'connectAs' | 'realmSecrets'>,
): ApplyContext & ApplyTallies {
  let reads = 0;
  return {
    ...base,
    delivered: [],
    revoked: [],
    deadSecrets: [],
    toVerify: [],
    readRequests: () => reads,
    async read<T>(fn: () => Promise<T>): Promise<T> {
      const before = base.api.requestCount;
      try {
        return await fn();
      } finally {
        reads += base.api.requestCount - before;
      }
    },
  };
}

/** `PUT …/token/{id}?regenerate=1` exists from PVE 9.1 on; the planner picks rotations by the same rule. */
export const supportsRegenerate = (server: ServerVersion): boolean => rotationMethod(server) === 'regenerate';
