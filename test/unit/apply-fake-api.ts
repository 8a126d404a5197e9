/**
 * An in-memory ProxmoxApi for executor tests: records every call, keeps just enough state
 * (tokens with their secrets, ACL entries) to check recovery and re-grants, and fails on demand,
 * either before the request takes effect or after (a lost answer).
 */
import { randomUUID } from 'node:crypto';
import { ProxmoxApiError } from '../../src/errors.js';
import type { AclWrite, ProxmoxApi, TokenSecret, TokenWrite, UserWrite, Wire } from '../../src/proxmox/api.js';
import type { AclEntry, AclSubjectType } from '../../src/model/live-state.js';

export type ApiMethod = Exclude<keyof ProxmoxApi, 'identity' | 'requestCount'>;

export interface FakeCall {
  readonly method: ApiMethod;
  readonly args: readonly unknown[];
}

interface Fault {
  readonly error: Error;
  /** The request took effect, only its answer was lost. */
  readonly applied: boolean;
}

export interface FakeToken {
  privsep: boolean;
  expire: number;
  comment: string;
  secret: string;
}

const READS = new Set<ApiMethod>([
  'getVersion', 'listRoles', 'listUsersFull', 'listGroups', 'listAcl',
  'getRole', 'getUser', 'getGroup', 'listTokens', 'getToken', 'getPermissions',
]);

export class FakeProxmoxApi implements ProxmoxApi {
  readonly calls: FakeCall[] = [];
  readonly tokens = new Map<string, FakeToken>();
  acl: AclEntry[] = [];
  /** Every secret this fake ever handed out. */
  readonly issuedSecrets: string[] = [];
  requestCount = 0;
  private readonly faults = new Map<ApiMethod, Fault[]>();

  constructor(
    readonly identity = 'automation@pve!apply',
    private readonly options: { regenerate?: boolean; journal?: string[] } = {},
  ) {}

  /** The next call of `method` fails with `error`; with `applied` it takes effect first. */
  failNext(method: ApiMethod, error: Error, options: { applied?: boolean } = {}): this {
    const queue = this.faults.get(method) ?? [];
    queue.push({ error, applied: options.applied ?? false });
    this.faults.set(method, queue);
    return this;
  }

  addToken(userid: string, tokenid: string, token: Partial<FakeToken> = {}): this {
    this.tokens.set(`${userid}!${tokenid}`, { privsep: true, expire: 0, comment: '', secret: randomUUID(), ...token });
    return this;
  }

  methods(): ApiMethod[] {
    return this.calls.map((c) => c.method);
  }
  writeCalls(): FakeCall[] {
    return this.calls.filter((c) => !READS.has(c.method));
  }
  callsOf(method: ApiMethod): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  private async run<T>(method: ApiMethod, args: readonly unknown[], effect: () => T): Promise<T> {
    this.requestCount++;
    this.calls.push({ method, args });
    this.options.journal?.push(`api ${method} ${args.filter((a) => typeof a === 'string').join(' ')}`.trim());
    const fault = this.faults.get(method)?.shift();
    if (fault && !fault.applied) throw fault.error;
    const result = effect();
    if (fault) throw fault.error;
    return result;
  }

  private token(userid: string, tokenid: string, method: string): FakeToken {
    const token = this.tokens.get(`${userid}!${tokenid}`);
    if (!token) throw noSuchToken(method, userid, tokenid);
    return token;
  }

  private issue(userid: string, tokenid: string, token: FakeToken): TokenSecret {
    token.secret = randomUUID();
    this.issuedSecrets.push(token.secret);
    return { fullTokenId: `${userid}!${tokenid}`, value: token.secret };
  }

  getVersion = (): Promise<Wire> => this.run('getVersion', [], () => ({ version: '9.1.1', release: '9.1' }));
  listRoles = (): Promise<Wire[]> => this.run('listRoles', [], () => []);
  listUsersFull = (): Promise<Wire[]> => this.run('listUsersFull', [], () => []);
  listGroups = (): Promise<Wire[]> => this.run('listGroups', [], () => []);
  listAcl = (): Promise<Wire[]> => this.run('listAcl', [], () => this.acl.map((e) => ({ ...e })));
  getRole = (roleid: string): Promise<Wire> => this.run('getRole', [roleid], () => ({}));
  getUser = (userid: string): Promise<Wire> => this.run('getUser', [userid], () => ({}));
  getGroup = (groupid: string): Promise<Wire> => this.run('getGroup', [groupid], () => ({}));
  listTokens = (userid: string): Promise<Wire[]> => this.run('listTokens', [userid], () => []);
  getToken = (userid: string, tokenid: string): Promise<Wire> =>
    this.run('getToken', [userid, tokenid], () => {
      const { privsep, expire, comment } = this.token(userid, tokenid, 'GET');
      return { privsep: privsep ? 1 : 0, expire, comment };
    });

  createRole = (roleid: string, privileges: readonly string[]): Promise<void> =>
    this.run('createRole', [roleid, privileges], () => {});
  updateRole = (roleid: string, privileges: readonly string[]): Promise<void> =>
    this.run('updateRole', [roleid, privileges], () => {});
  deleteRole = (roleid: string): Promise<void> => this.run('deleteRole', [roleid], () => {});
  createGroup = (groupid: string, comment: string): Promise<void> => this.run('createGroup', [groupid, comment], () => {});
  updateGroup = (groupid: string, comment: string): Promise<void> => this.run('updateGroup', [groupid, comment], () => {});
  deleteGroup = (groupid: string): Promise<void> => this.run('deleteGroup', [groupid], () => {});
  createUser = (userid: string, fields: UserWrite): Promise<void> => this.run('createUser', [userid, fields], () => {});
  updateUser = (userid: string, fields: UserWrite): Promise<void> => this.run('updateUser', [userid, fields], () => {});
  deleteUser = (userid: string): Promise<void> => this.run('deleteUser', [userid], () => {});

  createToken = (userid: string, tokenid: string, fields: TokenWrite): Promise<TokenSecret> =>
    this.run('createToken', [userid, tokenid, fields], () => {
      if (this.tokens.has(`${userid}!${tokenid}`)) {
        throw new ProxmoxApiError('POST', `/access/users/${userid}/token/${tokenid}`, 400, 'Parameter verification failed.', {
          tokenid: 'Token already exists.',
        });
      }
      const token = { privsep: fields.privsep ?? true, expire: fields.expire ?? 0, comment: fields.comment ?? '', secret: '' };
      this.tokens.set(`${userid}!${tokenid}`, token);
      return this.issue(userid, tokenid, token);
    });
  updateToken = (userid: string, tokenid: string, fields: TokenWrite): Promise<void> =>
    this.run('updateToken', [userid, tokenid, fields], () => void Object.assign(this.token(userid, tokenid, 'PUT'), fields));
  regenerateToken = (userid: string, tokenid: string, fields: TokenWrite = {}): Promise<TokenSecret> =>
    this.run('regenerateToken', [userid, tokenid, fields], () => {
      if (this.options.regenerate === false) {
        throw new ProxmoxApiError('PUT', `/access/users/${userid}/token/${tokenid}`, 400, 'Parameter verification failed.', {
          regenerate: 'property is not defined in schema and the schema does not allow additional properties',
        });
      }
      const token = this.token(userid, tokenid, 'PUT');
      Object.assign(token, fields);
      return this.issue(userid, tokenid, token);
    });
  deleteToken = (userid: string, tokenid: string): Promise<void> =>
    this.run('deleteToken', [userid, tokenid], () => {
      this.token(userid, tokenid, 'DELETE');
      const fullid = `${userid}!${tokenid}`;
      this.tokens.delete(fullid);
      // PVE drops a deleted token's ACL entries; a re-created token starts without them.
      this.acl = this.acl.filter((e) => !(e.type === 'token' && e.ugid === fullid));
    });

  updateAcl = (write: AclWrite): Promise<void> =>
    this.run('updateAcl', [write], () => {
      const subjects: [AclSubjectType, readonly string[] | undefined][] = [
        ['user', write.users],
        ['group', write.groups],
        ['token', write.tokens],
      ];
      for (const roleid of write.roles) {
        for (const [type, ids] of subjects) {
          for (const ugid of ids ?? []) {
            this.acl = this.acl.filter((e) => !(e.path === write.path && e.type === type && e.ugid === ugid && e.roleid === roleid));
            if (!write.delete) this.acl.push({ path: write.path, type, ugid, roleid, propagate: write.propagate });
          }
        }
      }
    });

  getPermissions = (): Promise<Record<string, Record<string, number>>> => this.run('getPermissions', [], () => ({}));
}

function noSuchToken(method: string, userid: string, tokenid: string): ProxmoxApiError {
  return new ProxmoxApiError(method, `/access/users/${userid}/token/${tokenid}`, 500, `no such token '${tokenid}' for user '${userid}'`);
}
