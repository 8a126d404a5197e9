/**
 * The versioned data of one KV version 2 mount: per key, numbered versions with their creation
 * and soft-deletion times, key metadata (`cas_required`, `max_versions`, `custom_metadata`) and
 * the mount's configuration. Versions beyond `max_versions` are dropped oldest first.
 */
import type { FakeClock } from './clock.js';

export interface KvVersion {
  /** Undefined once destroyed. */
  data: Record<string, unknown> | undefined;
  readonly createdTime: string;
  /** `''` while live. */
  deletionTime: string;
  destroyed: boolean;
}

export interface KvKey {
  readonly versions: Map<number, KvVersion>;
  currentVersion: number;
  oldestVersion: number;
  readonly createdTime: string;
  updatedTime: string;
  casRequired: boolean;
  /** 0: the mount's setting applies. */
  maxVersions: number;
  customMetadata: Record<string, string> | null;
}

export interface KvConfig {
  casRequired: boolean;
  /** 0: Vault keeps 10. */
  maxVersions: number;
}

/** Vault's default when neither the key nor the mount sets `max_versions`. */
const DEFAULT_MAX_VERSIONS = 10;

export class KvV2Store {
  readonly keys = new Map<string, KvKey>();
  readonly config: KvConfig = { casRequired: false, maxVersions: 0 };

  constructor(private readonly clock: FakeClock) {}

  /** The key's metadata, made empty (no versions) when it did not exist. */
  ensure(key: string): KvKey {
    let entry = this.keys.get(key);
    if (!entry) {
      const now = this.clock.iso();
      entry = {
        versions: new Map(),
        currentVersion: 0,
        oldestVersion: 0,
        createdTime: now,
        updatedTime: now,
        casRequired: false,
        maxVersions: 0,
        customMetadata: null,
      };
      this.keys.set(key, entry);
    }
    return entry;
  }

  /** Adds a version (no check-and-set here: callers decide) and returns its number. */
  write(key: string, data: Record<string, unknown>): number {
    const entry = this.ensure(key);
    const now = this.clock.iso();
    const version = entry.currentVersion + 1;
    entry.versions.set(version, { data: structuredClone(data), createdTime: now, deletionTime: '', destroyed: false });
    entry.currentVersion = version;
    entry.updatedTime = now;
    this.#prune(entry);
    return version;
  }

  /** Soft-deletes versions; unknown, deleted or destroyed ones are left alone. */
  softDelete(key: string, versions: readonly number[]): void {
    const entry = this.keys.get(key);
    for (const n of versions) {
      const version = entry?.versions.get(n);
      if (version && !version.destroyed && version.deletionTime === '') version.deletionTime = this.clock.iso();
    }
  }

  undelete(key: string, versions: readonly number[]): void {
    const entry = this.keys.get(key);
    for (const n of versions) {
      const version = entry?.versions.get(n);
      if (version && !version.destroyed) version.deletionTime = '';
    }
  }

  destroy(key: string, versions: readonly number[]): void {
    const entry = this.keys.get(key);
    for (const n of versions) {
      const version = entry?.versions.get(n);
      if (version) {
        version.destroyed = true;
        version.data = undefined;
      }
    }
  }

  #prune(entry: KvKey): void {
    const max = entry.maxVersions || this.config.maxVersions || DEFAULT_MAX_VERSIONS;
    const numbers = [...entry.versions.keys()].sort((a, b) => a - b);
    while (numbers.length > max) entry.versions.delete(numbers.shift()!);
    if (entry.currentVersion - max >= 1) entry.oldestVersion = numbers[0] ?? 0;
  }

  /** The fields Vault reports for one version. */
  static versionMetadata(number: number, version: KvVersion, key: KvKey): Record<string, unknown> {
    return {
      created_time: version.createdTime,
      custom_metadata: key.customMetadata,
      deletion_time: version.deletionTime,
      destroyed: version.destroyed,
      version: number,
    };
  }

  static keyMetadata(key: KvKey): Record<string, unknown> {
    const versions: Record<string, unknown> = {};
    for (const [n, v] of [...key.versions].sort((a, b) => a[0] - b[0])) {
      versions[String(n)] = { created_time: v.createdTime, deletion_time: v.deletionTime, destroyed: v.destroyed };
    }
    return {
      cas_required: key.casRequired,
      created_time: key.createdTime,
      current_version: key.currentVersion,
      custom_metadata: key.customMetadata,
      delete_version_after: '0s',
      max_versions: key.maxVersions,
      oldest_version: key.oldestVersion,
      updated_time: key.updatedTime,
      versions,
    };
  }
}
