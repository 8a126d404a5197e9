/**
 * Reading Vault's KV answers: which engine and version a mount is, the fields and version of a
 * KV version 2 secret, and whether its current version is there. Pure: the client does the I/O.
 */
import { oneLine } from '../log-line.js';
import { VaultMountError } from './errors.js';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const dataOf = (json: unknown): unknown => (isObject(json) ? json.data : undefined);

/**
 * The KV version of `mount` from `sys/internal/ui/mounts/{mount}`. Vault answers for the mount
 * that holds the path, so a declared mount that is really a folder inside a mount shows here.
 */
export function kvVersionOf(mount: string, json: unknown): 1 | 2 {
  const data = dataOf(json);
  if (!isObject(data)) throw new VaultMountError(mount, 'not-found', `Vault gave no description of the mount '${oneLine(mount)}'`);
  const actual = typeof data.path === 'string' ? data.path.replace(/^\/+|\/+$/g, '') : mount;
  if (actual !== mount) {
    throw new VaultMountError(
      mount,
      'inside-mount',
      `'${oneLine(mount)}' is not a Vault mount but a folder inside the mount '${oneLine(actual)}': set mount to '${oneLine(actual)}' and put the rest into path`,
    );
  }
  const type = typeof data.type === 'string' ? data.type : '';
  // `generic` is what KV version 1 was called before it was renamed.
  if (type !== 'kv' && type !== 'generic') {
    throw new VaultMountError(
      mount,
      'not-kv',
      `the Vault mount '${oneLine(mount)}' is a '${oneLine(type)}' engine, not a KV secrets engine`,
    );
  }
  const version = isObject(data.options) ? data.options.version : undefined;
  return version === '2' || version === 2 ? 2 : 1;
}

/** Why proxmox-access does not write to KV version 1 (docs/vault.md explains the choice). */
export const kvV1Refusal = (mount: string): VaultMountError =>
  new VaultMountError(
    mount,
    'kv-v1',
    `the Vault mount '${oneLine(mount)}' is KV version 1, which has no check-and-set and no metadata; proxmox-access writes only to KV version 2 (upgrade the mount with \`vault kv enable-versioning ${oneLine(mount)}\`, or use a KV version 2 mount)`,
  );

/** A KV version 2 secret as read for a merge: version 0 and no fields when there is none. */
export interface Kv2Current {
  /** The key's current version: the check-and-set value of the next write. */
  readonly version: number;
  /** The fields of that version; empty when it is missing, deleted or destroyed. */
  readonly data: Record<string, unknown>;
}

/**
 * The answer of `GET {mount}/data/{path}`. A 404 with no body is a secret that was never
 * written; a 404 that still carries metadata is a current version that was deleted or
 * destroyed, and the next write must name that version.
 */
export function kv2Current(status: number, json: unknown): Kv2Current | undefined {
  const data = dataOf(json);
  const metadata = isObject(data) ? data.metadata : undefined;
  const version = isObject(metadata) && typeof metadata.version === 'number' ? metadata.version : undefined;
  if (status === 200 && version !== undefined) return { version, data: isObject(data) && isObject(data.data) ? { ...data.data } : {} };
  if (status === 404) return { version: version ?? 0, data: {} };
  return undefined;
}

/** The version a KV version 2 write created, from its answer. */
export function writtenVersion(json: unknown): number | undefined {
  const data = dataOf(json);
  return isObject(data) && typeof data.version === 'number' ? data.version : undefined;
}

/**
 * Whether the key's metadata (`GET {mount}/metadata/{path}`) shows a current version that can
 * be read: one that is neither deleted nor destroyed. A deleted secret is as gone to its readers
 * as a missing one. A deletion time still ahead (the mount's `delete_version_after`) is not yet one.
 */
export function currentVersionLive(json: unknown, nowMs: number): boolean {
  const data = dataOf(json);
  if (!isObject(data) || typeof data.current_version !== 'number' || data.current_version === 0) return false;
  const versions = isObject(data.versions) ? data.versions : {};
  const current = versions[String(data.current_version)];
  if (!isObject(current) || current.destroyed === true) return false;
  const deletion = typeof current.deletion_time === 'string' ? current.deletion_time : '';
  return deletion === '' || Date.parse(deletion) > nowMs;
}
