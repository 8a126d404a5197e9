/**
 * Typed errors of the Vault / OpenBao client. Each names what failed (a path, a role, a mount)
 * and Vault's own reason, made safe for one log line. None ever carries a token: not the client
 * token, not the GitHub OIDC token, not a secret value.
 */
import { ActionError } from '../errors.js';
import { oneLine } from '../log-line.js';

/** Any failure of a Vault request. */
export class VaultError extends ActionError {
  override readonly name: string = 'VaultError';
}

/** Vault answered with an error this client has no more specific type for. */
export class VaultApiError extends VaultError {
  override readonly name: string = 'VaultApiError';
  constructor(
    readonly method: string,
    /** The API path below `/v1/`, e.g. `secret/data/proxmox/terraform`. */
    readonly path: string,
    readonly status: number,
    /** Vault's error texts, one entry per reason. */
    readonly reasons: readonly string[],
    text?: string,
  ) {
    super(text ?? `Vault ${method} ${oneLine(path)}: ${status}${reasons.length > 0 ? ` ${oneLine(reasons.join('; '))}` : ''}`);
  }
  /** Whether a repeat of an idempotent request may succeed (overload, a gateway in between). */
  get retryable(): boolean {
    return this.status === 429 || this.status === 502 || this.status === 504;
  }
}

/** The request never got an answer: connection refused or reset, timeout, TLS failure. */
export class VaultTransportError extends VaultError {
  override readonly name = 'VaultTransportError';
  constructor(
    readonly method: string,
    readonly path: string,
    detail: string,
    /** Whether a repeat could succeed (reset, refused, timeout); never for TLS or pin failures. */
    readonly transient: boolean,
    options?: { cause?: unknown },
  ) {
    super(`cannot reach Vault for ${method} ${oneLine(path)}: ${detail}`, options);
  }
}

/**
 * A sealed Vault answers every request with 503 until an operator unseals it, so repeating the
 * request only delays the report; the run stops and says so.
 */
export class VaultSealed extends VaultApiError {
  override readonly name = 'VaultSealed';
  constructor(method: string, path: string, reasons: readonly string[]) {
    super(method, path, 503, reasons, `Vault is sealed (it answered ${method} ${oneLine(path)} with 503): unseal it, then run again`);
  }
}

/** 403 on a path: the token's policies do not allow the operation, or the token is no longer valid. */
export class VaultPermissionDenied extends VaultApiError {
  override readonly name = 'VaultPermissionDenied';
  constructor(
    method: string,
    path: string,
    reasons: readonly string[],
    /** Vault said `invalid token`: the token expired or was revoked, not a policy gap. */
    readonly invalidToken: boolean,
  ) {
    super(
      method,
      path,
      403,
      reasons,
      invalidToken
        ? `Vault refused ${method} ${oneLine(path)}: the Vault token is not valid any more (expired or revoked)`
        : `Vault denied ${method} ${oneLine(path)}: the token's policies do not allow it`,
    );
  }
}

/** Vault refused the JWT login (an unknown role, a claim the role does not accept, a bad signature). */
export class VaultLoginRefused extends VaultError {
  override readonly name: string = 'VaultLoginRefused';
  constructor(
    /** The auth mount, e.g. `jwt`. */
    readonly mount: string,
    readonly role: string,
    /** Vault's reason, as it gave it. */
    readonly reason: string,
    hint?: string,
  ) {
    super(
      `Vault refused the JWT login for role '${oneLine(role)}' at auth/${oneLine(mount)}: ${oneLine(reason)}${hint ? ` (${oneLine(hint)})` : ''}`,
    );
  }
}

/** The GitHub OIDC token had expired when Vault checked it: it lives five minutes. */
export class VaultOidcTokenExpired extends VaultLoginRefused {
  override readonly name = 'VaultOidcTokenExpired';
  constructor(mount: string, role: string, reason: string) {
    super(
      mount,
      role,
      reason,
      "the workflow's OIDC token had expired; it is valid for five minutes, so it must be fetched right before the login, and Vault's clock must not run ahead",
    );
  }
}

/**
 * Another writer changed the secret between this client's read and its write. Nothing was
 * written; the caller may read again and write once more.
 */
export class VaultCasConflict extends VaultError {
  override readonly name = 'VaultCasConflict';
  constructor(
    readonly mount: string,
    readonly path: string,
    /** The version this client read and wrote over. */
    readonly expectedVersion: number,
  ) {
    super(
      `the secret ${oneLine(mount)}/${oneLine(path)} changed while it was being written (read at version ${expectedVersion}, then another writer added a version); nothing was written`,
    );
  }
}

export type VaultMountProblem = 'not-found' | 'not-kv' | 'kv-v1' | 'inside-mount';

/** The mount named for a target is missing, out of the token's sight, not KV, or KV version 1. */
export class VaultMountError extends VaultError {
  override readonly name = 'VaultMountError';
  constructor(
    readonly mount: string,
    readonly problem: VaultMountProblem,
    text: string,
  ) {
    super(text);
  }
}

/** The job cannot get a GitHub OIDC token (most often: no `id-token: write` permission). */
export class GitHubOidcUnavailable extends VaultError {
  override readonly name = 'GitHubOidcUnavailable';
}
