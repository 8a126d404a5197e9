/**
 * Real HTTP(S) requests to the Vault fake for its own tests, trusting its certificate the way a
 * client given the CA would. Answers come back parsed, with the raw text kept.
 */
import { Agent, request } from 'undici';
import type { FakeVault } from './index.js';

export interface CallOptions {
  readonly token?: string;
  readonly namespace?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface CallResult {
  readonly status: number;
  /** Tests look into Vault's JSON freely. */
  readonly json: any;
  readonly text: string;
}

export type VaultCall = (method: string, path: string, options?: CallOptions) => Promise<CallResult>;

export function vaultClient(vault: FakeVault): VaultCall & { close(): Promise<void> } {
  const dispatcher = new Agent({ connect: vault.caPem ? { ca: vault.caPem } : {} });
  const call = async (method: string, path: string, options: CallOptions = {}): Promise<CallResult> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers['x-vault-token'] = options.token;
    if (options.namespace !== undefined) headers['x-vault-namespace'] = options.namespace;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await request(`${vault.url}${path}`, {
      method,
      headers,
      dispatcher,
      ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
    });
    const text = await res.body.text();
    return { status: res.statusCode, text, json: text ? (JSON.parse(text) as unknown) : undefined };
  };
  return Object.assign(call, { close: () => dispatcher.close() });
}
