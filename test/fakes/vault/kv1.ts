/**
 * KV version 1: one unversioned JSON object per path. Reads carry the engine's default lease
 * of 768 hours; writes replace the whole object and answer 204.
 */
import type { Engine, EngineRequest } from './engine.js';
import { listChildren } from './engine.js';
import { envelope, failure, noContent, notFound, type VaultReply } from './envelope.js';

const DEFAULT_LEASE_SECONDS = 768 * 3600;

export class KvV1Engine implements Engine {
  readonly type = 'kv';
  readonly options = { version: '1' };
  readonly entries = new Map<string, Record<string, unknown>>();

  exists(path: string): boolean {
    return this.entries.has(path);
  }

  handle(request: EngineRequest): VaultReply {
    const { operation, path } = request;
    switch (operation) {
      case 'read': {
        const data = this.entries.get(path);
        return data ? envelope(structuredClone(data), { mountType: 'kv', leaseDuration: DEFAULT_LEASE_SECONDS }) : notFound();
      }
      case 'list': {
        const keys = listChildren(this.entries.keys(), path);
        return keys.length > 0 ? envelope({ keys }, { mountType: 'kv' }) : notFound();
      }
      case 'create':
      case 'update':
        this.entries.set(path, structuredClone(request.body));
        return noContent();
      case 'delete':
        this.entries.delete(path);
        return noContent();
      default:
        return failure(405, 'unsupported operation');
    }
  }
}
