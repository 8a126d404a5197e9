/**
 * Authentication realms: the five types PVE knows, the options each type takes (spec names in
 * kebab-case, beside PVE's own parameter names), and the property strings of the sync defaults
 * and the realm-wide second factor in one canonical spelling, so a spec value and a value read
 * back from the cluster compare equal exactly when PVE holds the same setting.
 */

export const REALM_TYPES = ['pam', 'pve', 'ldap', 'ad', 'openid'] as const;
export type RealmType = (typeof REALM_TYPES)[number];

/** `pam` and `pve` always exist: never created, never deleted, their type never changes. */
export const BUILTIN_REALMS: readonly string[] = ['pam', 'pve'];
export const isBuiltinRealm = (realm: string): boolean => BUILTIN_REALMS.includes(realm);

/** A realm option's value: text, a number, a flag; `sync` and `tfa` as canonical property strings. */
export type RealmValue = string | number | boolean;

export type RealmOptionKind = 'string' | 'integer' | 'boolean' | 'sync' | 'tfa';

export interface RealmOptionDef {
  /** PVE's parameter name. */
  readonly wire: string;
  readonly kind: RealmOptionKind;
  readonly types: readonly RealmType[];
  /** Types that cannot do without it. */
  readonly requiredBy?: readonly RealmType[];
  /** Set when the realm is created, never changed afterwards. */
  readonly createOnly?: true;
}

const ALL = REALM_TYPES;
const DIRECTORY: readonly RealmType[] = ['ldap', 'ad'];
const OPENID: readonly RealmType[] = ['openid'];

const opt = (wire: string, kind: RealmOptionKind, types: readonly RealmType[], extra: Partial<RealmOptionDef> = {}): RealmOptionDef => ({
  wire,
  kind,
  types,
  ...extra,
});

/** Every option a realm may declare, keyed by its spec name (secrets are never among them). */
export const REALM_OPTIONS: Readonly<Record<string, RealmOptionDef>> = {
  comment: opt('comment', 'string', ALL),
  default: opt('default', 'boolean', ALL),
  tfa: opt('tfa', 'tfa', ['pam', 'pve', 'ldap', 'ad']),
  server1: opt('server1', 'string', DIRECTORY, { requiredBy: DIRECTORY }),
  server2: opt('server2', 'string', DIRECTORY),
  port: opt('port', 'integer', DIRECTORY),
  mode: opt('mode', 'string', DIRECTORY),
  secure: opt('secure', 'boolean', DIRECTORY),
  sslversion: opt('sslversion', 'string', DIRECTORY),
  verify: opt('verify', 'boolean', DIRECTORY),
  capath: opt('capath', 'string', DIRECTORY),
  cert: opt('cert', 'string', DIRECTORY),
  certkey: opt('certkey', 'string', DIRECTORY),
  domain: opt('domain', 'string', ['ad'], { requiredBy: ['ad'] }),
  'base-dn': opt('base_dn', 'string', DIRECTORY, { requiredBy: ['ldap'] }),
  'user-attr': opt('user_attr', 'string', DIRECTORY, { requiredBy: ['ldap'] }),
  'bind-dn': opt('bind_dn', 'string', DIRECTORY),
  filter: opt('filter', 'string', DIRECTORY),
  'sync-attributes': opt('sync_attributes', 'string', DIRECTORY),
  'user-classes': opt('user_classes', 'string', DIRECTORY),
  'group-dn': opt('group_dn', 'string', DIRECTORY),
  'group-name-attr': opt('group_name_attr', 'string', DIRECTORY),
  'group-filter': opt('group_filter', 'string', DIRECTORY),
  'group-classes': opt('group_classes', 'string', DIRECTORY),
  'case-sensitive': opt('case-sensitive', 'boolean', DIRECTORY),
  sync: opt('sync-defaults-options', 'sync', DIRECTORY),
  'issuer-url': opt('issuer-url', 'string', OPENID, { requiredBy: OPENID }),
  'client-id': opt('client-id', 'string', OPENID, { requiredBy: OPENID }),
  autocreate: opt('autocreate', 'boolean', OPENID),
  'username-claim': opt('username-claim', 'string', OPENID, { createOnly: true }),
  'groups-claim': opt('groups-claim', 'string', OPENID),
  'groups-autocreate': opt('groups-autocreate', 'boolean', OPENID),
  'groups-overwrite': opt('groups-overwrite', 'boolean', OPENID),
  prompt: opt('prompt', 'string', OPENID),
  scopes: opt('scopes', 'string', OPENID),
  'acr-values': opt('acr-values', 'string', OPENID),
  'query-userinfo': opt('query-userinfo', 'boolean', OPENID),
};

/** The write-only secret each type takes, by PVE's parameter name: never in the spec, never read back. */
export const REALM_SECRET_PARAM: Readonly<Partial<Record<RealmType, string>>> = { ldap: 'password', ad: 'password', openid: 'client-key' };

/** What the secret is called in texts. */
export const REALM_SECRET_LABEL: Readonly<Partial<Record<RealmType, string>>> = {
  ldap: 'bind password',
  ad: 'bind password',
  openid: 'client key',
};

/** Only directory realms can be synced. */
export const isSyncableType = (type: string): boolean => type === 'ldap' || type === 'ad';

export const isRealmType = (value: string): value is RealmType => (REALM_TYPES as readonly string[]).includes(value);

/** Options `type` takes, by spec name. */
export const optionsOfType = (type: RealmType): string[] =>
  Object.entries(REALM_OPTIONS)
    .filter(([, def]) => def.types.includes(type))
    .map(([name]) => name);

/** The spec name of a PVE parameter, or undefined when the spec does not manage it. */
export function specOptionName(wire: string): string | undefined {
  return Object.entries(REALM_OPTIONS).find(([, def]) => def.wire === wire)?.[0];
}

/** Keys of the sync defaults (`sync-defaults-options`) the spec manages; `full`/`purge` are PVE's deprecated spellings. */
export const SYNC_KEYS = ['scope', 'enable-new', 'remove-vanished'] as const;
export const SYNC_SCOPES = ['users', 'groups', 'both'] as const;
export const REMOVE_VANISHED = ['acl', 'entry', 'properties'] as const;

/** `a=1,b=x` → its pairs; the value is everything after the first `=`. */
export function parsePropertyString(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const at = part.indexOf('=');
    if (at < 0) out[part.trim()] = '';
    else out[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return out;
}

/** Keys sorted; `remove-vanished` parts sorted and de-duplicated; flags as 1/0. */
export function canonicalPropertyString(pairs: Readonly<Record<string, string | number | boolean>>): string {
  return Object.keys(pairs)
    .sort()
    .map((key) => {
      const raw = pairs[key]!;
      let value = typeof raw === 'boolean' ? (raw ? '1' : '0') : String(raw);
      if (key === 'remove-vanished' && value !== 'none') value = [...new Set(value.split(';'))].sort().join(';');
      return `${key}=${value}`;
    })
    .join(',');
}

/**
 * The sync defaults as PVE keeps them: the deprecated `full`/`purge` folded into `remove-vanished`
 * as PVE folds them, then only the keys the spec manages.
 */
export function canonicalSyncDefaults(text: string): string {
  const pairs = parsePropertyString(text);
  const on = (v: string | undefined): boolean => v !== undefined && v !== '' && v !== '0';
  if (pairs['remove-vanished'] === undefined && (on(pairs.full) || on(pairs.purge))) {
    pairs['remove-vanished'] = [...(on(pairs.full) ? ['entry', 'properties'] : []), ...(on(pairs.purge) ? ['acl'] : [])].join(';');
  }
  const kept = Object.fromEntries(Object.entries(pairs).filter(([key]) => (SYNC_KEYS as readonly string[]).includes(key)));
  if (kept['enable-new'] !== undefined) kept['enable-new'] = on(kept['enable-new']) ? '1' : '0';
  return canonicalPropertyString(kept);
}

/** The user-facing realm of a userid or token id (`alice@ldap1!ci` → `ldap1`). */
export function realmOf(id: string): string | undefined {
  const user = id.split('!')[0] ?? id;
  const at = user.lastIndexOf('@');
  return at < 0 ? undefined : user.slice(at + 1);
}

export const realmAddress = (realm: string): string => `realm:${realm}`;

/** A realm as read from the cluster. Its secret never is: PVE's answer may hold the OpenID client key, which is dropped. */
export interface LiveRealm {
  readonly realm: string;
  readonly type: RealmType;
  /** By spec name; `default: false` is left out, as PVE treats it like no value. */
  readonly options: Readonly<Record<string, RealmValue>>;
  /**
   * False when only the realm list was readable (its own GET needs Sys.Audit or Realm.Allocate
   * on /access/realm): then just comment, default and the realm type are known.
   */
  readonly detailed: boolean;
}
