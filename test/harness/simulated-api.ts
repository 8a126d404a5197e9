/**
 * The executor's ProxmoxApi for tests: the real HTTPS client against the PVE simulator, seen
 * through a recorder that notes every call the executor makes (not the client's own requests).
 * The client runs as `automation@pve!apply`, an Administrator token without privilege
 * separation, and does not retry, so one injected fault is one failed call.
 */
import { createProxmoxClient, type ProxmoxClient } from '../../src/proxmox/client.js';
import type { ProxmoxApi } from '../../src/proxmox/api.js';
import type { AclEntry } from '../../src/model/live-state.js';
import { startPveSimulator, type PveFault, type PveSimulator } from '../fakes/pve/index.js';

export type ApiMethod = Exclude<keyof ProxmoxApi, 'identity' | 'requestCount'>;

export interface ApiCall {
  readonly method: ApiMethod;
  readonly args: readonly unknown[];
}

const READS = new Set<string>([
  'getVersion',
  'listRoles',
  'listUsersFull',
  'listGroups',
  'listAcl',
  'getRole',
  'getUser',
  'getGroup',
  'listTokens',
  'getToken',
  'getPermissions',
  'listPools',
  'getPool',
  'listRealms',
  'getRealm',
]);
const WRITES = new Set<string>([
  'createRole',
  'updateRole',
  'deleteRole',
  'createGroup',
  'updateGroup',
  'deleteGroup',
  'createUser',
  'updateUser',
  'deleteUser',
  'createToken',
  'updateToken',
  'regenerateToken',
  'deleteToken',
  'updateAcl',
  'createPool',
  'updatePool',
  'deletePool',
  'createRealm',
  'updateRealm',
  'deleteRealm',
  'syncRealm',
]);

export const ACTING_IDENTITY = 'automation@pve!apply';

export interface SimulatedApi {
  readonly sim: PveSimulator;
  /** The recorded client: hand this to the executor. */
  readonly api: ProxmoxApi;
  readonly calls: readonly ApiCall[];
  methods(): ApiMethod[];
  writeCalls(): ApiCall[];
  callsOf(method: ApiMethod): ApiCall[];
  /** Secrets the simulator generated since the world was set up (including answers that were lost). */
  issued(): string[];
  inject(fault: PveFault): void;
  /** Runs `method path` in-process as root@pam and fails the test setup unless PVE says 200. */
  seed(method: string, path: string, params?: Record<string, unknown>): void;
  /** Users, or tokens as `user!token` (their user made first), that exist before the run. */
  seedAccounts(ids: readonly string[], tokenFields?: Record<string, unknown>): void;
  seedRoles(roleids: readonly string[]): void;
  seedAcl(entries: readonly AclEntry[]): void;
  /** Token ids (`user!token`) on the simulator, except the acting one, sorted. */
  tokens(): string[];
  /** A token's settings as PVE reads them back, or undefined when it does not exist. */
  token(fullid: string): { privsep: number; expire: number; comment?: string } | undefined;
  /** ACL entries as the model types them, except the acting identity's own grant. */
  acl(): AclEntry[];
  stop(): Promise<void>;
}

export interface SimulatedApiOptions {
  /** The simulated PVE version; default `9.1.1`. */
  readonly version?: string;
  /** Receives `api <method> <string arguments>` for every call, in order. */
  readonly journal?: string[];
}

export async function startSimulatedApi(options: SimulatedApiOptions = {}): Promise<SimulatedApi> {
  const sim = await startPveSimulator({ version: options.version ?? '9.1.1' });
  const seed = (method: string, path: string, params: Record<string, unknown> = {}): void => {
    const answer = sim.exec(method, path, params);
    if (answer.status !== 200) throw new Error(`seeding ${method} ${path} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  };
  seed('POST', '/access/users', { userid: 'automation@pve' });
  seed('PUT', '/access/acl', { path: '/', roles: 'Administrator', users: 'automation@pve' });
  const own = sim.createToken('automation@pve', 'apply', { privsep: false });
  const baseline = sim.issuedSecrets.length;
  const client = await createProxmoxClient({
    url: sim.url,
    auth: { tokenId: own.fullTokenId, secret: own.value },
    fingerprint: sim.fingerprint,
    retry: { attempts: 1 },
    sleep: () => Promise.resolve(),
  });
  const calls: ApiCall[] = [];
  const api = recorded(client, calls, options.journal);
  const data = <T>(path: string): T => (sim.exec('GET', path).body as { data: T }).data;
  return {
    sim,
    api,
    calls,
    methods: () => calls.map((c) => c.method),
    writeCalls: () => calls.filter((c) => !READS.has(c.method)),
    callsOf: (method) => calls.filter((c) => c.method === method),
    issued: () => sim.issuedSecrets.slice(baseline),
    inject: (fault) => sim.inject(fault),
    seed,
    seedAccounts(ids, tokenFields = {}) {
      for (const id of ids) {
        const [userid = '', tokenid] = id.split('!');
        if (sim.exec('GET', `/access/users/${userid}`).status !== 200) seed('POST', '/access/users', { userid });
        if (tokenid) seed('POST', `/access/users/${userid}/token/${tokenid}`, tokenFields);
      }
    },
    seedRoles: (roleids) => roleids.forEach((roleid) => seed('POST', '/access/roles', { roleid })),
    seedAcl(entries) {
      for (const e of entries)
        seed('PUT', '/access/acl', { path: e.path, roles: e.roleid, [`${e.type}s`]: e.ugid, propagate: e.propagate });
    },
    tokens: () =>
      data<{ userid: string }[]>('/access/users')
        .flatMap(({ userid }) => data<{ tokenid: string }[]>(`/access/users/${userid}/token`).map((t) => `${userid}!${t.tokenid}`))
        .filter((fullid) => fullid !== ACTING_IDENTITY)
        .sort(),
    token(fullid) {
      const [userid = '', tokenid = ''] = fullid.split('!');
      const answer = sim.exec('GET', `/access/users/${userid}/token/${tokenid}`);
      return answer.status === 200 ? (answer.body as { data: { privsep: number; expire: number; comment?: string } }).data : undefined;
    },
    acl: () =>
      data<{ path: string; type: AclEntry['type']; ugid: string; roleid: string; propagate: number }[]>('/access/acl')
        .filter((e) => e.ugid !== 'automation@pve')
        .map((e) => ({ path: e.path, type: e.type, ugid: e.ugid, roleid: e.roleid, propagate: e.propagate === 1 })),
    async stop() {
      await client.close();
      await sim.stop();
    },
  };
}

/** The client with its API methods recorded; everything else (identity, requestCount) passes through. */
function recorded(client: ProxmoxClient, calls: ApiCall[], journal: string[] | undefined): ProxmoxApi {
  return new Proxy(client, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof name !== 'string' || typeof value !== 'function') return value;
      const fn = (value as (...args: unknown[]) => unknown).bind(target);
      if (!READS.has(name) && !WRITES.has(name)) return fn;
      return (...args: unknown[]) => {
        calls.push({ method: name as ApiMethod, args });
        journal?.push(`api ${name} ${args.filter((a) => typeof a === 'string').join(' ')}`.trim());
        return fn(...args);
      };
    },
  });
}
