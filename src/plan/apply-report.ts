/**
 * What an apply did, for the log, the job summary, the PR comment and the `applied` output.
 * Secrets never appear here: only which targets received them.
 */
import type { Change, ChangeAction } from './model.js';

export type OperationStatus = 'done' | 'failed' | 'skipped' | 'reverted';

export interface AppliedOperation {
  readonly address: string;
  readonly kind: Change['kind'];
  readonly action: ChangeAction;
  readonly status: OperationStatus;
  /** Why it failed, was skipped or reverted. */
  readonly message?: string;
}

export interface DeliveredSecret {
  /** `user@realm!tokenid` */
  readonly fullid: string;
  /** Human descriptions of where the secret went, e.g. `output terraform_token`, `secret acme/infra:PM_API_TOKEN (environment production)`. */
  readonly targets: readonly string[];
  /** Whether the secret, used once after delivery, authenticated and held what the plan grants; absent when not checked. */
  readonly verification?: SecretVerification;
}

/**
 * `verified`: PVE accepted the secret and it holds exactly the planned privileges. `unverified`:
 * the check could not be made (network, or PVE refuses the token by design), the token is kept.
 * `failed`: the secret did not authenticate or held other privileges, and the token was deleted.
 */
export interface SecretVerification {
  readonly status: 'verified' | 'unverified' | 'failed';
  /** For people: `holds the 7 planned privileges on 3 paths`, or what went wrong. */
  readonly detail: string;
}

/** A rotated token whose old secret is now dead while some consumer may still hold it. */
export interface DeadSecret {
  readonly fullid: string;
  readonly consumers: readonly string[];
}

export interface ApplyReport {
  readonly operations: readonly AppliedOperation[];
  /** Operations completed (the `applied` output). */
  readonly applied: number;
  /** Write requests sent to Proxmox. */
  readonly writes: number;
  readonly delivered: readonly DeliveredSecret[];
  /** Tokens deleted again because their new secret could not be delivered or failed its verification. */
  readonly revoked: readonly string[];
  readonly deadSecrets: readonly DeadSecret[];
  /** The plan made after applying is empty. */
  readonly converged: boolean;
  /** What the re-plan still wanted to change when it did not converge. */
  readonly remaining: readonly Change[];
  /** Set when the apply stopped early. */
  readonly error?: string;
}
