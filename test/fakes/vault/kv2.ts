/**
 * KV version 2 over HTTP: `data/`, `metadata/`, `delete/`, `undelete/`, `destroy/` and `config`
 * below the mount, with check-and-set on writes. A missing secret is a 404 with no errors; a
 * deleted or destroyed version is a 404 that still carries its metadata.
 */
import type { FakeClock } from './clock.js';
import { isPlainObject, listChildren, weakInt, type Engine, type EngineRequest } from './engine.js';
import { badRequest, envelope, failure, multiError, noContent, notFound, type VaultReply } from './envelope.js';
import { KvV2Store, type KvKey } from './kv2-store.js';

const KEYED = /^(data|metadata|delete|undelete|destroy)\/(.*[^/])$/;

const reply = (data: unknown, status?: number): VaultReply => envelope(data, { mountType: 'kv', ...(status ? { status } : {}) });

export class KvV2Engine implements Engine {
  readonly type = 'kv';
  readonly options = { version: '2' };
  readonly store: KvV2Store;
  /** Writes another client makes just before the next write to a key (check-and-set races). */
  readonly #races = new Map<string, Record<string, unknown>[]>();

  constructor(clock: FakeClock) {
    this.store = new KvV2Store(clock);
  }

  /** Before the next write to `key` reaches the engine, another writer adds a version with `data`. */
  raceNextWrite(key: string, data: Record<string, unknown>): void {
    this.#races.set(key, [...(this.#races.get(key) ?? []), data]);
  }

  exists(path: string): boolean | undefined {
    const m = KEYED.exec(path);
    if (!m || (m[1] !== 'data' && m[1] !== 'metadata')) return undefined;
    return this.store.keys.has(m[2]!);
  }

  handle(request: EngineRequest): VaultReply {
    const { operation, path } = request;
    if (path === 'config') return this.#config(request);
    if (operation === 'list' && (path === 'metadata' || path.startsWith('metadata/'))) {
      const keys = listChildren(this.store.keys.keys(), path.slice('metadata/'.length));
      return keys.length > 0 ? reply({ keys }) : notFound();
    }
    const m = KEYED.exec(path);
    if (!m) return unsupportedPath();
    const [, kind, key] = m as unknown as [string, string, string];
    switch (kind) {
      case 'data':
        return this.#data(request, key);
      case 'metadata':
        return this.#metadata(request, key);
      default:
        return operation === 'create' || operation === 'update' ? this.#versions(kind, key, request.body) : unsupportedOperation();
    }
  }

  #data(request: EngineRequest, key: string): VaultReply {
    switch (request.operation) {
      case 'read':
        return this.#read(key, weakInt(request.query.get('version') ?? '0') ?? 0);
      case 'create':
      case 'update':
        return this.#write(key, request.body);
      case 'delete': {
        const entry = this.store.keys.get(key);
        if (entry) this.store.softDelete(key, [entry.currentVersion]);
        return noContent();
      }
      default:
        return unsupportedOperation();
    }
  }

  #read(key: string, wanted: number): VaultReply {
    const entry = this.store.keys.get(key);
    if (!entry) return notFound();
    const number = wanted > 0 ? wanted : entry.currentVersion;
    const version = entry.versions.get(number);
    if (!version) return notFound();
    const metadata = KvV2Store.versionMetadata(number, version, entry);
    if (version.destroyed || version.deletionTime !== '') return reply({ data: null, metadata }, 404);
    return reply({ data: structuredClone(version.data), metadata });
  }

  #write(key: string, body: Record<string, unknown>): VaultReply {
    if (!('data' in body)) return badRequest('no data provided');
    if (!isPlainObject(body.data))
      return badRequest(multiError(`error converting input for field "data": '' expected a map, got '${kindOf(body.data)}'`));
    for (const raced of this.#races.get(key)?.splice(0) ?? []) this.store.write(key, raced);
    const entry = this.store.keys.get(key);
    const options = isPlainObject(body.options) ? body.options : {};
    if ('cas' in options) {
      const cas = weakInt(options.cas);
      if (cas === undefined) return badRequest('error parsing check-and-set parameter');
      if (cas !== (entry?.currentVersion ?? 0)) return badRequest('check-and-set parameter did not match the current version');
    } else if (this.store.config.casRequired || entry?.casRequired) {
      return badRequest('check-and-set parameter required for this call');
    }
    const number = this.store.write(key, body.data);
    const written = this.store.keys.get(key)!;
    return reply(KvV2Store.versionMetadata(number, written.versions.get(number)!, written));
  }

  #versions(kind: string, key: string, body: Record<string, unknown>): VaultReply {
    const versions = parseVersions(body.versions);
    if (versions.length === 0) return badRequest('no version number provided');
    if (kind === 'delete') this.store.softDelete(key, versions);
    else if (kind === 'undelete') this.store.undelete(key, versions);
    else this.store.destroy(key, versions);
    return noContent();
  }

  #metadata(request: EngineRequest, key: string): VaultReply {
    switch (request.operation) {
      case 'read': {
        const entry = this.store.keys.get(key);
        return entry ? reply(KvV2Store.keyMetadata(entry)) : notFound();
      }
      case 'create':
      case 'update':
        return this.#writeMetadata(this.store.ensure(key), request.body);
      case 'delete':
        this.store.keys.delete(key);
        return noContent();
      default:
        return unsupportedOperation();
    }
  }

  #writeMetadata(entry: KvKey, body: Record<string, unknown>): VaultReply {
    if ('max_versions' in body) entry.maxVersions = weakInt(body.max_versions) ?? entry.maxVersions;
    if ('cas_required' in body) entry.casRequired = body.cas_required === true || body.cas_required === 'true';
    if ('custom_metadata' in body) {
      if (!isPlainObject(body.custom_metadata) || Object.values(body.custom_metadata).some((v) => typeof v !== 'string')) {
        return badRequest('custom_metadata must be a map of strings');
      }
      entry.customMetadata = { ...(body.custom_metadata as Record<string, string>) };
    }
    return noContent();
  }

  #config(request: EngineRequest): VaultReply {
    const config = this.store.config;
    if (request.operation === 'read') {
      return reply({ cas_required: config.casRequired, delete_version_after: '0s', max_versions: config.maxVersions });
    }
    if (request.operation !== 'create' && request.operation !== 'update') return unsupportedOperation();
    if ('cas_required' in request.body) config.casRequired = request.body.cas_required === true || request.body.cas_required === 'true';
    if ('max_versions' in request.body) config.maxVersions = weakInt(request.body.max_versions) ?? config.maxVersions;
    return noContent();
  }
}

/** Vault takes a list of integers or a comma-separated string. */
function parseVersions(raw: unknown): number[] {
  const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : raw === undefined ? [] : [raw];
  return items.map((v) => weakInt(v)).filter((v): v is number => v !== undefined && v > 0);
}

const kindOf = (value: unknown): string => (Array.isArray(value) ? 'slice' : value === null ? 'nil' : typeof value);
const unsupportedPath = (): VaultReply => failure(404, multiError('unsupported path'));
const unsupportedOperation = (): VaultReply => failure(405, multiError('unsupported operation'));
