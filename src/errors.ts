/**
 * Typed errors. Each carries what the reporter needs and never a credential.
 * Only the transport retries, and only what `retryable` marks safe.
 */
import { oneLine } from './log-line.js';
import { message, plainMessage, type Message } from './message.js';
import type { SourcePosition } from './model/finding.js';

export class ActionError extends Error {
  override readonly name: string = 'ActionError';
  /** The message as Markdown, when it holds code spans the action wrote (see message.ts). */
  readonly markdown: string | undefined;
  constructor(message: string | Message, options?: { cause?: unknown }) {
    super(typeof message === 'string' ? message : message.text, options);
    this.markdown = typeof message === 'string' ? undefined : message.markdown;
  }
}

export class InputError extends ActionError {
  override readonly name = 'InputError';
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(message);
  }
}

export interface SpecProblem {
  readonly message: string;
  readonly position: SourcePosition;
  /** Dotted path in the spec, e.g. `users.alice@pve.tokens.ci.lifetime`. */
  readonly path?: string;
}

export class SpecError extends ActionError {
  override readonly name = 'SpecError';
  constructor(readonly problems: readonly SpecProblem[]) {
    super(problems.map((p) => `${oneLine(p.position.file)}:${p.position.line}:${p.position.column}: ${oneLine(p.message)}`).join('\n'));
  }
}

/** An error answer of the Proxmox API. PVE has no 404/409: not-found and exists are 500 with a message. */
export class ProxmoxApiError extends ActionError {
  override readonly name = 'ProxmoxApiError';
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    /** The first line of PVE's message (its reason phrase). */
    readonly reason: string,
    readonly errors: Readonly<Record<string, string>> = {},
    options?: { cause?: unknown },
  ) {
    const detail = Object.entries(errors)
      .map(([k, v]) => `${k}: ${v.trim()}`)
      .join('; ');
    super(`${method} ${path}: ${status} ${reason}${detail ? ` (${detail})` : ''}`, options);
  }
  get notFound(): boolean {
    return this.status === 500 && /does not exist|no such (user|token|group)/.test(this.reason);
  }
  get alreadyExists(): boolean {
    return /already exists/i.test(this.reason) || /already exists/i.test(Object.values(this.errors).join(' '));
  }
  get lockTimeout(): boolean {
    return /cfs-lock '[^']+' error: got lock request timeout/.test(this.reason);
  }
  get retryable(): boolean {
    if (this.lockTimeout || this.status === 502 || this.status === 503 || this.status === 504) return true;
    // A plain 500 is usually deterministic in PVE ("does not exist", "already exists"); only cluster hiccups are transient.
    return this.status === 500 && /pve cluster filesystem not online|no quorum|locked command timed out/.test(this.reason);
  }
}

/** The request never got an answer (connection refused or reset, timeout, TLS failure). */
export class TransportError extends ActionError {
  override readonly name = 'TransportError';
  constructor(
    readonly method: string,
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${method} ${path}: ${message}`, options);
  }
}

export class UnsafePlanError extends ActionError {
  override readonly name = 'UnsafePlanError';
}

export class SecretDeliveryError extends ActionError {
  override readonly name = 'SecretDeliveryError';
  /** The message without the sink, for an error that wraps this one. */
  readonly detail: Message;
  constructor(
    /** e.g. `github-secret acme/infra:production/PM_API_TOKEN`; never the value. */
    readonly sink: string,
    text: string | Message,
    options?: { cause?: unknown },
  ) {
    super(typeof text === 'string' ? `${sink}: ${text}` : message`${sink}: ${text}`, options);
    this.detail = typeof text === 'string' ? plainMessage(text) : text;
  }
}

export class ApplyError extends ActionError {
  override readonly name = 'ApplyError';
}

export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));
