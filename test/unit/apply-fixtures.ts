/**
 * Small builders for executor tests: plan changes, plans, live states, and a SecretDelivery that
 * records what it was given and fails on demand.
 */
import { SecretDeliveryError } from '../../src/errors.js';
import type { TokenSecret } from '../../src/proxmox/api.js';
import type { AclEntry, LiveState, LiveUser, ServerVersion } from '../../src/model/live-state.js';
import type {
  AclChange,
  Change,
  ChangeAction,
  GroupChange,
  Plan,
  PrincipalPrivileges,
  RoleChange,
  TokenChange,
  UserChange,
} from '../../src/plan/model.js';
import type { SecretDelivery } from '../../src/secrets/model.js';
import type { Finding } from '../../src/model/finding.js';

export const V91: ServerVersion = { version: '9.1.1', release: '9.1', major: 9, minor: 1 };
export const V84: ServerVersion = { version: '8.4.1', release: '8.4', major: 8, minor: 4 };
export const NOW = 1_800_000_000;
export const DAY = 86_400;

type Extra = { implied?: boolean; fields?: Change['fields'] };
const base = (address: string, action: ChangeAction, extra: Extra) => ({
  address,
  action,
  fields: extra.fields ?? [],
  ...(extra.implied ? { implied: true } : {}),
});

export const role = (action: ChangeAction, roleid: string, privileges: readonly string[] = [], extra: Extra = {}): RoleChange => ({
  ...base(`role:${roleid}`, action, extra),
  kind: 'role',
  roleid,
  privileges,
});

export const group = (action: ChangeAction, groupid: string, comment = '', extra: Extra = {}): GroupChange => ({
  ...base(`group:${groupid}`, action, extra),
  kind: 'group',
  groupid,
  comment,
});

export const user = (action: ChangeAction, userid: string, set: UserChange['set'] = {}, extra: Extra = {}): UserChange => ({
  ...base(`user:${userid}`, action, extra),
  kind: 'user',
  userid,
  set,
});

export function token(
  action: ChangeAction,
  fullid: string,
  options: Partial<Pick<TokenChange, 'lifetime' | 'rotation' | 'privsep' | 'comment' | 'deliver'>> & Extra = {},
): TokenChange {
  const [userid = '', tokenid = ''] = fullid.split('!');
  const { implied, fields, ...rest } = options;
  return {
    ...base(`token:${fullid}`, action, { ...(implied ? { implied } : {}), ...(fields ? { fields } : {}) }),
    kind: 'token',
    userid,
    tokenid,
    fullid,
    privsep: true,
    comment: '',
    deliver: [{ kind: 'output', name: `${tokenid}_token` }],
    format: 'full',
    ...rest,
  };
}

export const entry = (path: string, type: AclEntry['type'], ugid: string, roleid: string, propagate = true): AclEntry => ({
  path,
  type,
  ugid,
  roleid,
  propagate,
});

export const acl = (action: ChangeAction, e: AclEntry, extra: Extra = {}): AclChange => ({
  ...base(`acl:${e.path}|${e.type}:${e.ugid}|${e.roleid}`, action, extra),
  kind: 'acl',
  entry: e,
});

export function planOf(
  changes: readonly Change[],
  options: { server?: ServerVersion; actingIdentity?: string; findings?: Finding[]; privileges?: PrincipalPrivileges[] } = {},
): Plan {
  const count = (a: ChangeAction): number => changes.filter((c) => c.action === a && !c.implied).length;
  return {
    changes,
    counts: { create: count('create'), update: count('update'), delete: count('delete'), rotate: count('rotate') },
    findings: options.findings ?? [],
    privileges: options.privileges ?? [],
    digest: 'test',
    server: options.server ?? V91,
    ...(options.actingIdentity !== undefined ? { actingIdentity: options.actingIdentity } : {}),
  };
}

export function liveUser(userid: string, groups: readonly string[] = []): LiveUser {
  return { userid, enable: true, expire: 0, comment: '', email: '', firstname: '', lastname: '', groups, tokens: {} };
}

export function liveOf(
  options: { version?: ServerVersion; acl?: AclEntry[]; users?: LiveUser[]; roles?: Record<string, string[]> } = {},
): LiveState {
  return {
    version: options.version ?? V91,
    roles: Object.fromEntries(
      Object.entries(options.roles ?? {}).map(([roleid, privileges]) => [roleid, { roleid, privileges, builtin: false }]),
    ),
    users: Object.fromEntries((options.users ?? []).map((u) => [u.userid, u])),
    groups: {},
    acl: options.acl ?? [],
  };
}

export interface RecordingDelivery extends SecretDelivery {
  readonly preflights: (readonly TokenChange[])[];
  readonly received: { fullid: string; secret: string }[];
}

/** Delivers into memory; `failFor` token ids throw SecretDeliveryError, `failPreflight` fails the check. */
export function recordingDelivery(
  options: { failFor?: readonly string[]; failPreflight?: boolean; journal?: string[] } = {},
): RecordingDelivery {
  const preflights: (readonly TokenChange[])[] = [];
  const received: { fullid: string; secret: string }[] = [];
  const describe = (change: TokenChange): string[] =>
    change.deliver.map((t) => (t.kind === 'output' ? `output ${t.name}` : t.kind === 'vault' ? `vault ${t.path}` : `secret ${t.name}`));
  return {
    preflights,
    received,
    describe,
    async preflight(tokens) {
      preflights.push(tokens);
      if (options.failPreflight) {
        throw new SecretDeliveryError('github-secret acme/infra:PM_API_TOKEN', 'GITHUB_TOKEN cannot write secrets');
      }
    },
    async deliver(change: TokenChange, secret: TokenSecret) {
      options.journal?.push(`deliver ${change.fullid}`);
      if (options.failFor?.includes(change.fullid)) {
        throw new SecretDeliveryError(`secret ${change.tokenid}`, 'PUT returned 403 Resource not accessible by integration');
      }
      received.push({ fullid: change.fullid, secret: secret.value });
      return describe(change);
    },
  };
}
