/**
 * Where new token secrets go. The executor depends only on this interface; the action wires
 * masked step outputs and GitHub Actions secrets behind it, tests a recording one.
 */
import type { TokenSecret } from '../proxmox/api.js';
import type { TokenChange } from '../plan/model.js';

export interface SecretDelivery {
  /**
   * Before the first write: checks that every target of every token change is reachable and
   * writable (fetches each public key). Throws SecretDeliveryError naming what is missing.
   */
  preflight(tokens: readonly TokenChange[]): Promise<void>;
  /**
   * Masks the secret first, then hands it to every target of the change. Resolves with the
   * target descriptions; throws SecretDeliveryError when any target failed.
   */
  deliver(change: TokenChange, secret: TokenSecret): Promise<readonly string[]>;
  /** Descriptions of the targets of a change, for messages about dead secrets. */
  describe(change: TokenChange): readonly string[];
}
