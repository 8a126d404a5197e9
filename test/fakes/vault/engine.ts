/**
 * What the server asks of a secrets engine mounted at a path: whether a key exists (Vault's
 * existence check, which makes a write need `create` or `update`) and the answer to one
 * operation on a path relative to the mount.
 */
import type { VaultReply } from './envelope.js';

/** Vault's logical operations; an HTTP POST or PUT is a create or an update. */
export type Operation = 'read' | 'list' | 'create' | 'update' | 'delete' | 'patch';

export interface EngineRequest {
  readonly operation: Operation;
  /** Path relative to the mount, without a leading slash; a listing ends in `/` (or is empty). */
  readonly path: string;
  /** The parsed JSON body (an object), `{}` when there was none. */
  readonly body: Record<string, unknown>;
  readonly query: URLSearchParams;
}

export interface Engine {
  readonly type: string;
  /** `options` of the mount as `sys/mounts` shows them. */
  readonly options: Readonly<Record<string, string>> | null;
  /** True or false when the path has an existence check, undefined when a write is always an update. */
  exists(path: string): boolean | undefined;
  handle(request: EngineRequest): VaultReply;
}

/** Parses Vault's loosely typed integers (a JSON number or a numeric string). */
export function weakInt(raw: unknown): number | undefined {
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
  if (typeof raw === 'string' && /^-?\d+$/.test(raw.trim())) return Number(raw.trim());
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  return undefined;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The immediate children of `prefix` among `keys`: names, and folders with a trailing `/`. */
export function listChildren(keys: Iterable<string>, prefix: string): string[] {
  const children = new Set<string>();
  for (const key of keys) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const slash = rest.indexOf('/');
    children.add(slash < 0 ? rest : rest.slice(0, slash + 1));
  }
  children.delete('');
  return [...children].sort();
}
