/**
 * A HashiCorp Vault / OpenBao test double: KV v1 and v2 engines, JWT auth against a key set the
 * test controls, ACL policies, namespaces, tokens, and the system endpoints clients use to find
 * their way, over HTTPS on loopback. Tests inspect its state and request log and inject faults.
 */
import { makeCertificate } from '../pve/cert.js';
import { FakeClock } from './clock.js';
import { VaultFaults } from './faults.js';
import { JwtAuthMount, type JwtAuthConfig, type JwtRole } from './jwt-auth.js';
import { KvV1Engine } from './kv1.js';
import { KvV2Engine } from './kv2.js';
import type { KvKey } from './kv2-store.js';
import { Namespaces, type Namespace } from './namespaces.js';
import { parsePolicyHcl, type PolicyRules } from './policy.js';
import { VaultHttpServer, type VaultRequestRecord } from './server.js';
import { TokenStore, type NewToken, type TokenEntry } from './tokens.js';

export type { JwtAuthConfig, JwtRole } from './jwt-auth.js';
export type { PolicyRules, Capability } from './policy.js';
export type { VaultRequestRecord } from './server.js';
export type { TokenEntry } from './tokens.js';

export interface VaultFakeOptions {
  /** HTTPS with a fresh self-signed certificate (default), or plain HTTP. */
  readonly tls?: boolean;
  readonly latencyMs?: number;
  /** KV v2 mounts of the root namespace; default `['secret']`. */
  readonly kv2Mounts?: readonly string[];
  /** KV v1 mounts of the root namespace; default `['kv']`. */
  readonly kv1Mounts?: readonly string[];
}

/** Where a helper acts: a namespace (default root) and, for auth helpers, a mount (default `jwt`). */
export interface At {
  readonly namespace?: string;
  readonly mount?: string;
}

/** A secret version as a test reads it from the fake's state. */
export interface StoredVersion {
  readonly version: number;
  /** Undefined once destroyed. */
  readonly data: Record<string, unknown> | undefined;
  readonly deleted: boolean;
  readonly destroyed: boolean;
}

export class FakeVault {
  readonly clock = new FakeClock();
  readonly faults = new VaultFaults();
  readonly namespaces = new Namespaces();
  readonly tokens = new TokenStore(this.clock);
  /** A root token (policy `root`), as `vault operator init` hands out. */
  readonly rootToken: string;
  readonly #server = new VaultHttpServer(this, this.faults);
  #caPem: string | undefined;
  #fingerprint: string | undefined;

  private constructor(options: VaultFakeOptions) {
    this.rootToken = this.tokens.create({ policies: ['root'], displayName: 'root' }).id;
    for (const path of options.kv2Mounts ?? ['secret']) this.mountKv(path, 2);
    for (const path of options.kv1Mounts ?? ['kv']) this.mountKv(path, 1);
    this.faults.latencyMs = options.latencyMs ?? 0;
  }

  static async start(options: VaultFakeOptions = {}): Promise<FakeVault> {
    const vault = new FakeVault(options);
    const certificate = options.tls === false ? undefined : await makeCertificate();
    vault.#caPem = certificate?.cert;
    vault.#fingerprint = certificate?.fingerprint;
    await vault.#server.start(certificate);
    return vault;
  }

  /** `https://127.0.0.1:<port>` (or `http://` without TLS). */
  get url(): string {
    return this.#server.url;
  }

  /** The self-signed certificate in PEM, to trust as a CA; undefined without TLS. */
  get caPem(): string | undefined {
    return this.#caPem;
  }

  /** SHA-256 of the certificate, `AA:BB:…`. */
  get fingerprint(): string | undefined {
    return this.#fingerprint;
  }

  get requests(): readonly VaultRequestRecord[] {
    return this.#server.requests;
  }

  resetRequests(): void {
    this.#server.requests.length = 0;
  }

  /** Every request (method, path, body) joined, and with `responses` every answer too: for leak checks. */
  transcript(options: { responses?: boolean } = {}): string {
    return this.requests.map((r) => `${r.method} ${r.path}\n${r.body}${options.responses ? `\n${r.response}` : ''}`).join('\n');
  }

  createNamespace(path: string): Namespace {
    return this.namespaces.create(path);
  }

  #ns(namespace = ''): Namespace {
    const ns = this.namespaces.get(namespace);
    if (!ns) throw new Error(`no namespace "${namespace}"`);
    return ns;
  }

  mountKv(path: string, version: 1 | 2, at: At = {}): void {
    this.#ns(at.namespace).mount(path, version === 2 ? new KvV2Engine(this.clock) : new KvV1Engine());
  }

  /** Writes an ACL policy, as JSON-style rules or HCL text. */
  writePolicy(name: string, rules: PolicyRules | string, at: At = {}): void {
    this.#ns(at.namespace).policies.set(name, typeof rules === 'string' ? parsePolicyHcl(rules) : rules);
  }

  /** Creates a token (as `vault token create` would) and returns it. */
  createToken(spec: NewToken): string {
    return this.tokens.create(spec).id;
  }

  #jwt(at: At): JwtAuthMount {
    const ns = this.#ns(at.namespace);
    const mount = at.mount ?? 'jwt';
    let auth = ns.jwtAuth.get(mount);
    if (!auth) ns.jwtAuth.set(mount, (auth = new JwtAuthMount(mount, ns.path)));
    return auth;
  }

  /** Enables (if needed) and configures a JWT auth method. */
  configureJwt(config: JwtAuthConfig, at: At = {}): void {
    this.#jwt(at).config = config;
  }

  writeJwtRole(name: string, role: JwtRole, at: At = {}): void {
    this.#jwt(at).roles.set(name.toLowerCase(), role);
  }

  #kv2(mount: string, namespace?: string): KvV2Engine {
    const engine = this.#ns(namespace).mounts.get(`${mount.replace(/^\/+|\/+$/g, '')}/`)?.engine;
    if (!(engine instanceof KvV2Engine)) throw new Error(`no KV v2 mount "${mount}"`);
    return engine;
  }

  /** A version of a KV v2 secret (default the current one), straight from the state. */
  secret(mount: string, key: string, options: { namespace?: string; version?: number } = {}): StoredVersion | undefined {
    const entry = this.#kv2(mount, options.namespace).store.keys.get(key);
    const number = options.version ?? entry?.currentVersion ?? 0;
    const version = entry?.versions.get(number);
    if (!version) return undefined;
    return {
      version: number,
      data: version.data && structuredClone(version.data),
      deleted: version.deletionTime !== '',
      destroyed: version.destroyed,
    };
  }

  /** The key metadata of a KV v2 secret (versions, `current_version`, `cas_required`, …). */
  metadata(mount: string, key: string, at: At = {}): KvKey | undefined {
    return this.#kv2(mount, at.namespace).store.keys.get(key);
  }

  /** Writes a KV v2 version directly, as if someone had written it earlier; returns its number. */
  seedSecret(mount: string, key: string, data: Record<string, unknown>, at: At = {}): number {
    return this.#kv2(mount, at.namespace).store.write(key, data);
  }

  /** Makes check-and-set mandatory on a KV v2 mount (its `cas_required` config). */
  requireCas(mount: string, required = true, at: At = {}): void {
    this.#kv2(mount, at.namespace).store.config.casRequired = required;
  }

  /** Just before the next write to `key` arrives, another client writes `data` there. */
  raceNextWrite(mount: string, key: string, data: Record<string, unknown>, at: At = {}): void {
    this.#kv2(mount, at.namespace).raceNextWrite(key, data);
  }

  /** A KV v1 entry, straight from the state. */
  kv1Entry(mount: string, key: string, at: At = {}): Record<string, unknown> | undefined {
    const engine = this.#ns(at.namespace).mounts.get(`${mount}/`)?.engine;
    if (!(engine instanceof KvV1Engine)) throw new Error(`no KV v1 mount "${mount}"`);
    const entry = engine.entries.get(key);
    return entry && structuredClone(entry);
  }

  /** Whether Vault would still accept this token. */
  isLive(token: string): boolean {
    return this.tokens.lookup(token) !== undefined;
  }

  liveTokens(): TokenEntry[] {
    return this.tokens.live();
  }

  async stop(): Promise<void> {
    await this.#server.stop();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

export const startVaultFake = (options?: VaultFakeOptions): Promise<FakeVault> => FakeVault.start(options);
