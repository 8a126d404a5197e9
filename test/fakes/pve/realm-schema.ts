/**
 * What a realm may hold: the properties the five realm types (pam, pve, ldap, ad, openid) share
 * in one list, which of them each type allows or requires, and the parameter schemas of the
 * `/access/domains` methods built from them. Create accepts every property of every type (the
 * type then refuses foreign ones with a 500); update drops `type` and the create-only
 * `username-claim`.
 */
import { isIPv6 } from 'node:net';
import { splitList } from './ids.js';
import type { ParamSpec, Schema } from './params.js';
import { parsePropertyString, type PropertyStringFormat } from './property-string.js';

/** PVE's patterns are anchored as `^<pattern>$`, alternations included, so the quirks stay. */
const anchored = (pattern: string): RegExp => new RegExp(`^${pattern}$`);

const DNS_NAME = /^(([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)\.)*([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)$/;

/** The `address` format: an IP address or a DNS name (every dotted quad is also a DNS name). */
function verifyAddress(value: string): void {
  if ((isIPv6(value) && !value.includes('%')) || DNS_NAME.test(value)) return;
  throw new Error(`value does not look like a valid address: ${value}\n`);
}

function verifyLdapAttr(value: string): void {
  if (!/^[a-zA-Z0-9]+$/.test(value)) throw new Error(`value '${value}' does not look like a simple ldap attribute name\n`);
}

/** `pve-tfa-config`: the realm-wide second factor. */
export const TFA_FORMAT: PropertyStringFormat = {
  type: { type: 'string', enum: ['yubico', 'oath'] },
  id: { type: 'string', optional: true },
  key: { type: 'string', optional: true },
  url: { type: 'string', optional: true },
  digits: { type: 'integer', minimum: 6, maximum: 8, optional: true },
  step: { type: 'integer', minimum: 10, optional: true },
};

const REMOVE_VANISHED = anchored('(?:(?:(?:acl|properties|entry);)*(?:acl|properties|entry))|none');

/** `realm-sync-options`: the sync parameters, also storable as a realm's defaults. */
export const SYNC_OPTIONS_FORMAT: PropertyStringFormat = {
  scope: { type: 'string', enum: ['users', 'groups', 'both'], optional: true },
  'remove-vanished': { type: 'string', pattern: REMOVE_VANISHED, optional: true },
  full: { type: 'boolean', optional: true },
  'enable-new': { type: 'boolean', optional: true },
  purge: { type: 'boolean', optional: true },
};

/** What a sync uses when neither the request nor the realm's defaults say. */
export const SYNC_OPTION_DEFAULTS: Readonly<Record<string, string>> = { 'enable-new': '1', 'remove-vanished': 'none' };

const propertyString =
  (format: PropertyStringFormat) =>
  (value: string, key: string): void => {
    parsePropertyString(format, value, key);
  };

const text = (maxLength?: number): ParamSpec => ({ type: 'string', optional: true, ...(maxLength ? { maxLength } : {}) });
const flag: ParamSpec = { type: 'boolean', optional: true };
const address: ParamSpec = { type: 'string', customFormat: verifyAddress, maxLength: 256, optional: true };
const attrList: ParamSpec = {
  type: 'string',
  customFormat: (value) => splitList(value).forEach(verifyLdapAttr),
  optional: true,
};

/** Every realm property; each type picks its own (`REALM_OPTIONS`). */
export const REALM_PROPERTIES: Readonly<Record<string, ParamSpec>> = {
  // shared by all types
  comment: text(4096),
  default: flag,
  tfa: { type: 'string', customFormat: propertyString(TFA_FORMAT), maxLength: 128, optional: true },
  // ldap and ad
  server1: address,
  server2: address,
  port: { type: 'integer', minimum: 1, maximum: 65535, optional: true },
  secure: flag,
  sslversion: { type: 'string', enum: ['tlsv1', 'tlsv1_1', 'tlsv1_2', 'tlsv1_3'], optional: true },
  domain: { type: 'string', pattern: anchored('\\S+'), maxLength: 256, optional: true },
  base_dn: text(256),
  user_attr: { type: 'string', pattern: anchored('\\S{2,}'), maxLength: 256, optional: true },
  bind_dn: text(256),
  password: text(),
  verify: flag,
  capath: text(),
  cert: text(),
  certkey: text(),
  filter: text(2048),
  sync_attributes: { type: 'string', pattern: anchored('\\w+=[^,]+(,\\s*\\w+=[^,]+)*'), optional: true },
  user_classes: attrList,
  group_dn: text(256),
  group_name_attr: { type: 'string', customFormat: verifyLdapAttr, maxLength: 256, optional: true },
  group_filter: text(2048),
  group_classes: attrList,
  'sync-defaults-options': { type: 'string', customFormat: propertyString(SYNC_OPTIONS_FORMAT), optional: true },
  mode: { type: 'string', enum: ['ldap', 'ldaps', 'ldap+starttls'], optional: true },
  'case-sensitive': flag,
  // openid
  'issuer-url': text(256),
  'client-id': text(256),
  'client-key': text(256),
  autocreate: flag,
  'username-claim': text(),
  'groups-claim': { type: 'string', pattern: anchored('[A-Za-z0-9.\\-_]+'), maxLength: 256, optional: true },
  'groups-autocreate': flag,
  'groups-overwrite': flag,
  prompt: { type: 'string', pattern: anchored('(?:none|login|consent|select_account|\\S+)'), optional: true },
  scopes: text(),
  'acr-values': { type: 'string', pattern: anchored('^[^\\x00-\\x1F\\x7F <>#"]*$'), optional: true },
  'query-userinfo': flag,
};

/** How a type uses a property: required unless optional; fixed ones are set at creation only. */
export interface OptionUse {
  readonly optional?: boolean;
  readonly fixed?: boolean;
}

const optional = (...keys: string[]): Record<string, OptionUse> => Object.fromEntries(keys.map((k) => [k, { optional: true }]));

const DIRECTORY_OPTIONS = optional(
  'server2',
  'port',
  'secure',
  'sslversion',
  'default',
  'comment',
  'tfa',
  'verify',
  'capath',
  'cert',
  'certkey',
  'bind_dn',
  'password',
  'filter',
  'sync_attributes',
  'user_classes',
  'group_dn',
  'group_name_attr',
  'group_filter',
  'group_classes',
  'sync-defaults-options',
  'mode',
  'case-sensitive',
);

/** The realm types and the properties each allows. */
export const REALM_OPTIONS: Readonly<Record<string, Readonly<Record<string, OptionUse>>>> = {
  pam: optional('default', 'comment', 'tfa'),
  pve: optional('default', 'comment', 'tfa'),
  ldap: { ...DIRECTORY_OPTIONS, server1: {}, base_dn: {}, user_attr: {} },
  ad: { ...DIRECTORY_OPTIONS, ...optional('base_dn', 'user_attr'), server1: {}, domain: {} },
  openid: {
    ...optional(
      'client-key',
      'autocreate',
      'groups-claim',
      'groups-autocreate',
      'groups-overwrite',
      'prompt',
      'scopes',
      'acr-values',
      'default',
      'comment',
      'query-userinfo',
    ),
    'issuer-url': {},
    'client-id': {},
    'username-claim': { optional: true, fixed: true },
  },
};

/** Types whose realms live in a directory: bind password, sync, connection check. */
export const isDirectoryType = (type: string | undefined): boolean => type === 'ldap' || type === 'ad';

const realmId: ParamSpec = { type: 'string', format: 'pve-realm', maxLength: 32 };
const checkConnection: ParamSpec = { type: 'boolean', optional: true };

/** `POST /access/domains`. */
export function createRealmSchema(): Schema {
  return {
    ...REALM_PROPERTIES,
    type: { type: 'string', enum: Object.keys(REALM_OPTIONS).sort() },
    realm: realmId,
    'check-connection': checkConnection,
  };
}

/** `PUT /access/domains/{realm}`: no `type`, nothing fixed, plus `delete` and `digest`. */
export function updateRealmSchema(): Schema {
  const fixedEverywhere = (key: string): boolean =>
    Object.values(REALM_OPTIONS).every((options) => !options[key] || options[key].fixed === true);
  const properties = Object.fromEntries(Object.entries(REALM_PROPERTIES).filter(([key]) => !fixedEverywhere(key)));
  return {
    ...properties,
    realm: realmId,
    'check-connection': checkConnection,
    delete: { type: 'string', format: 'pve-configid-list', maxLength: 4096, optional: true },
    digest: { type: 'string', maxLength: 64, optional: true },
  };
}

/** `POST /access/domains/{realm}/sync`. */
export function syncRealmSchema(): Schema {
  return { ...SYNC_OPTIONS_FORMAT, realm: realmId, 'dry-run': { type: 'boolean', optional: true } };
}

/** `GET` and `DELETE` of one realm. */
export const realmIdSchema = (): Schema => ({ realm: realmId });
