/**
 * Vault namespaces as path prefixes: each namespace has its own mounts, ACL policies and auth
 * methods. The root namespace is `''`; `team-a/child` is nested in `team-a`. A request names
 * its namespace in `X-Vault-Namespace`, in the leading segments of its path, or both.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Engine } from './engine.js';
import type { JwtAuthMount } from './jwt-auth.js';
import type { PolicyRules } from './policy.js';
import { randomToken } from './tokens.js';

export interface Mount {
  /** With a trailing slash, e.g. `secret/`. */
  readonly path: string;
  readonly engine: Engine;
  readonly accessor: string;
  readonly uuid: string;
  readonly description: string;
}

export class Namespace {
  readonly id: string;
  readonly mounts = new Map<string, Mount>();
  readonly policies = new Map<string, PolicyRules>();
  /** JWT auth methods by mount name (`jwt`, not `auth/jwt/`). */
  readonly jwtAuth = new Map<string, JwtAuthMount>();

  constructor(readonly path: string) {
    this.id = path === '' ? 'root' : randomToken(5);
  }

  mount(path: string, engine: Engine, description = ''): Mount {
    const normalized = `${path.replace(/^\/+|\/+$/g, '')}/`;
    const mount: Mount = {
      path: normalized,
      engine,
      accessor: `${engine.type}_${randomBytes(4).toString('hex')}`,
      uuid: randomUUID(),
      description,
    };
    this.mounts.set(normalized, mount);
    return mount;
  }

  /** The mount serving `path` (the longest mount path that prefixes it) and the rest of the path. */
  route(path: string): { mount: Mount; rest: string } | undefined {
    let best: Mount | undefined;
    for (const mount of this.mounts.values()) {
      const bare = mount.path.slice(0, -1);
      if ((path === bare || path.startsWith(mount.path)) && (!best || mount.path.length > best.path.length)) best = mount;
    }
    return best ? { mount: best, rest: path.slice(best.path.length) } : undefined;
  }
}

export class Namespaces {
  readonly #all = new Map<string, Namespace>([['', new Namespace('')]]);

  static normalize(path: string): string {
    return path.replace(/^\/+|\/+$/g, '');
  }

  get root(): Namespace {
    return this.#all.get('')!;
  }

  get(path: string): Namespace | undefined {
    return this.#all.get(Namespaces.normalize(path));
  }

  /** Creates a namespace; its parent must exist, as in Vault. */
  create(path: string): Namespace {
    const normalized = Namespaces.normalize(path);
    const parent = normalized.includes('/') ? normalized.slice(0, normalized.lastIndexOf('/')) : '';
    if (!this.#all.has(parent)) throw new Error(`parent namespace "${parent}" does not exist`);
    const existing = this.#all.get(normalized);
    if (existing) return existing;
    const ns = new Namespace(normalized);
    this.#all.set(normalized, ns);
    return ns;
  }

  /**
   * Resolves a request: the header's namespace, then as many leading path segments as name
   * child namespaces. Undefined when the header names a namespace that does not exist.
   */
  resolve(header: string, path: string): { namespace: Namespace; path: string } | undefined {
    let current = this.get(header);
    if (!current) return undefined;
    let rest = path;
    for (;;) {
      const slash = rest.indexOf('/');
      if (slash <= 0) break;
      const candidate = this.get(current.path === '' ? rest.slice(0, slash) : `${current.path}/${rest.slice(0, slash)}`);
      if (!candidate) break;
      current = candidate;
      rest = rest.slice(slash + 1);
    }
    return { namespace: current, path: rest };
  }
}

/**
 * The path of `path` in `inner` as seen from `outer`, or undefined when `outer` does not
 * contain `inner` (a token only works in its own namespace and the ones below it).
 */
export function pathFrom(outer: string, inner: string, path: string): string | undefined {
  if (outer === inner) return path;
  if (outer !== '' && !inner.startsWith(`${outer}/`)) return undefined;
  const relative = outer === '' ? inner : inner.slice(outer.length + 1);
  return `${relative}/${path}`;
}
