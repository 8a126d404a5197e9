/**
 * Vault's HTTP answers: every success is the same envelope around `data` or `auth`, every
 * failure is `{"errors": [...]}`. The texts below are Vault's own, including the multi-error
 * formatting its ACL layer uses for refusals.
 */
import { randomUUID } from 'node:crypto';

/** What a handler answers; the server turns it into an HTTP response. */
export interface VaultReply {
  readonly status: number;
  /** Left out for 204. */
  readonly body?: unknown;
}

export interface EnvelopeOptions {
  readonly auth?: unknown;
  readonly warnings?: readonly string[];
  /** The engine type of the mount that answered (`kv`, `system`, `token`, `jwt`). */
  readonly mountType?: string;
  readonly leaseDuration?: number;
  readonly status?: number;
  /**
   * System endpoints also repeat `data`'s keys at the top level: older clients read them there
   * (the capabilities-self and sys/mounts samples show only that form).
   */
  readonly flatten?: boolean;
}

/** A success in Vault's response envelope. */
export function envelope(data: unknown, options: EnvelopeOptions = {}): VaultReply {
  const body: Record<string, unknown> = {
    request_id: randomUUID(),
    lease_id: '',
    renewable: false,
    lease_duration: options.leaseDuration ?? 0,
    data,
    wrap_info: null,
    warnings: options.warnings && options.warnings.length > 0 ? options.warnings : null,
    auth: options.auth ?? null,
    mount_type: options.mountType ?? '',
  };
  const flat = options.flatten && data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  return { status: options.status ?? 200, body: { ...flat, ...body } };
}

export const noContent = (): VaultReply => ({ status: 204 });

/** A failure; 404 on a missing secret has an empty list. */
export const failure = (status: number, ...messages: string[]): VaultReply => ({ status, body: { errors: messages } });

/** How Vault's ACL layer words a refusal (a go multierror). */
export function multiError(...messages: string[]): string {
  const head = messages.length === 1 ? '1 error occurred:' : `${messages.length} errors occurred:`;
  return `${head}\n${messages.map((m) => `\t* ${m}`).join('\n')}\n\n`;
}

/** A token that exists but whose policies do not allow the request. */
export const permissionDenied = (): VaultReply => failure(403, multiError('permission denied'));
/** A token Vault does not know: never issued, revoked or expired. */
export const invalidToken = (): VaultReply => failure(403, multiError('permission denied', 'invalid token'));
export const missingToken = (): VaultReply => failure(400, 'missing client token');
export const sealed = (): VaultReply => failure(503, 'Vault is sealed');
/** A path no mount or system route answers. */
export const noHandler = (path: string): VaultReply => failure(404, `no handler for route "${path}". route entry not found.`);
export const badRequest = (message: string): VaultReply => failure(400, message);
export const notFound = (): VaultReply => failure(404);
