/**
 * PVE's exception model. A plain `die` has no code and
 * becomes HTTP 500; PVE::Exception carries a code (400, 403, 501) and, for parameter errors, a
 * map of messages. Inside the user.cfg lock every error is re-raised as the plain string
 * "<label>: <stringified error>", which is how a 400 turns into a 500 with no `errors` object.
 */

export class PveError extends Error {
  constructor(
    message: string,
    /** Undefined for a plain `die`. */
    readonly code?: number,
    readonly errors?: Readonly<Record<string, string>>,
  ) {
    super(message);
  }

  get status(): number {
    return this.code ?? 500;
  }

  /** PVE::Exception's stringification: "<code> <msg>" plus one "<param>: <error>" line per error. */
  toText(): string {
    let text = this.code === undefined ? this.message : `${this.code} ${this.message}`;
    if (!text.endsWith('\n')) text += '\n';
    for (const [param, error] of Object.entries(this.errors ?? {})) text += `${param}: ${error}\n`;
    return text;
  }
}

const withNewline = (message: string): string => (message.endsWith('\n') ? message : `${message}\n`);

/** A plain Perl `die`: HTTP 500, the message verbatim. */
export const die = (message: string): PveError => new PveError(withNewline(message));

/** A schema error: 400 with one message per parameter. */
export const paramError = (errors: Readonly<Record<string, string>>): PveError =>
  new PveError('Parameter verification failed.\n', 400, errors);

/** `raise_perm_exc`: "Permission check failed" plus " (<what>)" when there is something to say. */
export const permissionError = (what?: string): PveError => new PveError(`Permission check failed${what ? ` (${what})` : ''}\n`, 403);

/** Unknown path or method; PVE's one message without a trailing newline. */
export const notImplemented = (method: string, relUri: string): PveError =>
  new PveError(`Method '${method} ${relUri}' not implemented`, 501);

/** What a write looks like when the cluster lock cannot be had within its 10 s. */
export const lockTimeout = (label: string | undefined): PveError =>
  die(`${label ? `${label}: ` : ''}cfs-lock 'file-user_cfg' error: got lock request timeout`);

/** Runs the body of a `lock_user_config` call: any error comes out as "<label>: <error>" (HTTP 500). */
export function underLock<T>(label: string, body: () => T): T {
  try {
    return body();
  } catch (err) {
    if (err instanceof PveError) throw die(`${label}: ${err.toText()}`);
    if (err instanceof Error) throw die(`${label}: ${err.message}`);
    throw err;
  }
}

/** Turns a validator's thrown Error into a plain die (permission checks parse ids and die with 500). */
export function rethrowPlain(err: unknown): never {
  if (err instanceof PveError) throw err;
  throw die(err instanceof Error ? err.message : String(err));
}
