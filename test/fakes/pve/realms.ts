/**
 * `/access/domains`: the realm list anyone may read (the login box needs it), one realm with
 * the file's digest, create, update and delete under Realm.Allocate on exactly `/access/realm`,
 * and sync. The simulated node reaches no directory server: a connection check fails with
 * "Connection refused", and a sync is accepted with a task id whose task would fail the same way.
 */
import { die, paramError, underLock } from './errors.js';
import { splitList } from './ids.js';
import type { Params } from './params.js';
import { parsePropertyString, printPropertyString } from './property-string.js';
import { checkConfig, perlTrue, type RealmConfig, type RealmSection } from './realm-config.js';
import {
  createRealmSchema,
  isDirectoryType,
  realmIdSchema,
  REALM_OPTIONS,
  TFA_FORMAT,
  SYNC_OPTION_DEFAULTS,
  SYNC_OPTIONS_FORMAT,
  syncRealmSchema,
  updateRealmSchema,
} from './realm-schema.js';
import type { HandlerContext, Route } from './route.js';

/** The node the simulator plays, as task ids name it. */
const NODE = 'pve1';

/** What the missing directory server answers every connection attempt. */
const UNREACHABLE = 'Connection refused';

/** Parameters minus the ones a handler takes out before checking the rest against the type. */
function without(params: Params, ...keys: string[]): Record<string, string> {
  const rest: Record<string, string> = { ...params };
  for (const key of keys) delete rest[key];
  return rest;
}

/**
 * The deprecated `full`/`purge` become `remove-vanished` (when that is not given), and the
 * string is printed again with its keys sorted; `dropDeprecated` removes `full` and `purge`.
 */
function normalizeSyncOptions(values: Record<string, string | number>, dropDeprecated: boolean): void {
  const text = values['sync-defaults-options'];
  if (text === undefined) return;
  const options = parsePropertyString(SYNC_OPTIONS_FORMAT, String(text), 'sync-defaults-options');
  mapRemoveVanished(options, dropDeprecated);
  values['sync-defaults-options'] = printPropertyString(SYNC_OPTIONS_FORMAT, options);
}

function mapRemoveVanished(options: Record<string, string>, dropDeprecated: boolean): void {
  const full = perlTrue(options.full);
  const purge = perlTrue(options.purge);
  if (options['remove-vanished'] === undefined && (full || purge)) {
    options['remove-vanished'] = [...(full ? ['entry', 'properties'] : []), ...(purge ? ['acl'] : [])].join(';');
  }
  if (dropDeprecated) {
    delete options.full;
    delete options.purge;
  }
}

function clearDefaults(config: RealmConfig): void {
  for (const section of config.ids.values()) delete section.default;
}

/** A directory realm's connection check: the simulated node reaches no server. */
function checkConnection(): never {
  throw die(UNREACHABLE);
}

function listRealms(ctx: HandlerContext): unknown {
  const out: Record<string, unknown>[] = [];
  for (const [realm, section] of ctx.state.realms.current.ids) {
    const entry: Record<string, unknown> = { realm, type: section.type };
    if (perlTrue(section.comment)) entry.comment = section.comment;
    if (perlTrue(section.default)) entry.default = 1;
    if (perlTrue(section.tfa)) entry.tfa = parsePropertyString(TFA_FORMAT, String(section.tfa), 'tfa').type;
    out.push(entry);
  }
  return out;
}

function readRealm(ctx: HandlerContext, params: Params): unknown {
  const config = ctx.state.realms.current;
  const found = config.ids.get(params.realm!);
  if (!found) throw die(`domain '${params.realm!}' does not exist`);
  const data: RealmSection = { ...found };
  if (isDirectoryType(String(data.type))) normalizeSyncOptions(data, false);
  return { ...data, digest: config.digest };
}

function createRealm(ctx: HandlerContext, params: Params): unknown {
  let password = params.password;
  underLock('add auth server failed', () => {
    const store = ctx.state.realms;
    const config = store.load();
    const realm = params.realm!;
    const type = params.type!;
    const check = params['check-connection'];
    if (config.ids.has(realm)) throw die(`domain '${realm}' already exists`);
    if (realm === 'pam' || realm === 'pve') throw die(`unable to use reserved name '${realm}'`);
    if (type === 'pam' || type === 'pve') throw die(`unable to create builtin type '${type}'`);
    if (check !== undefined && !isDirectoryType(type)) {
      throw die("'check-connection' parameter can only be set for realms of type 'ldap' or 'ad'");
    }
    const values = without(params, 'realm', 'password', 'check-connection');
    if (isDirectoryType(type)) normalizeSyncOptions(values, true);
    const section = checkConfig(type, values, true);
    if (perlTrue(section.default)) clearDefaults(config);
    config.ids.set(realm, section);
    // Types without a bind password ignore one (PVE only warns in its log).
    if (!REALM_OPTIONS[type]!.password) password = undefined;
    // Stored before the connection check and the write, as PVE's add hook does.
    if (isDirectoryType(type)) store.setBindPassword(realm, password);
    if (perlTrue(check)) checkConnection();
    store.save(config);
  });
  return null;
}

function updateRealm(ctx: HandlerContext, params: Params): unknown {
  const password = params.password;
  underLock('update auth server failed', () => {
    const store = ctx.state.realms;
    const config = store.load();
    if (params.digest && params.digest !== config.digest) {
      throw die('detected modified configuration - file changed by other user? Try again.');
    }
    const realm = params.realm!;
    // PVE reads the type before its existence check, which brings an empty section into being,
    // so that check never fires and an unknown realm fails at the plugin lookup below.
    const section = config.ids.get(realm) ?? {};
    const type = section.type === undefined ? undefined : String(section.type);
    const check = params['check-connection'];
    if (check !== undefined && !isDirectoryType(type)) {
      throw die("'check-connection' parameter can only be set for realms of type 'ldap' or 'ad'");
    }
    const values = without(params, 'password', 'digest', 'realm', 'check-connection', 'delete');
    if (!perlTrue(params.delete) && Object.keys(values).length === 0 && password === undefined) {
      throw die('no options specified');
    }
    let deletePassword = false;
    for (const option of splitList(params.delete)) {
      delete section[option];
      if (option === 'password') deletePassword = true;
    }
    if (isDirectoryType(type)) normalizeSyncOptions(values, true);
    if (type === undefined) throw die('cannot lookup undefined type! at /usr/share/perl5/PVE/API2/Domains.pm line 261.');
    const changes = checkConfig(type, values, false);
    if (perlTrue(changes.default)) clearDefaults(config);
    Object.assign(section, changes);
    if (isDirectoryType(type) && (deletePassword || password !== undefined)) store.setBindPassword(realm, password);
    if (perlTrue(check)) checkConnection();
    store.save(config);
  });
  return null;
}

function deleteRealm(ctx: HandlerContext, params: Params): unknown {
  underLock('delete auth server failed', () => {
    const store = ctx.state.realms;
    const config = store.load();
    const realm = params.realm!;
    const section = config.ids.get(realm);
    if (!section) throw die(`authentication domain '${realm}' does not exist`);
    if (isDirectoryType(String(section.type))) store.setBindPassword(realm, undefined);
    // pam and pve go too, and come back with their built-in comments when the file is next read.
    config.ids.delete(realm);
    store.save(config);
  });
  return null;
}

let taskCounter = 0;

/** A worker task id as PVE prints it: `UPID:node:pid:pstart:starttime:type:id:user:`. */
function taskId(ctx: HandlerContext, type: string, id: string): string {
  const hex = (n: number): string => n.toString(16).toUpperCase().padStart(8, '0');
  taskCounter += 1;
  const worker = `${hex(4000 + taskCounter)}:${hex(100000 + taskCounter)}`;
  return `UPID:${NODE}:${worker}:${hex(ctx.now())}:${type}:${id}:${ctx.authid ?? ''}:`;
}

function syncRealm(ctx: HandlerContext, params: Params): unknown {
  const realm = params.realm!;
  const section = ctx.state.realms.current.ids.get(realm);
  if (!section) throw paramError({ realm: 'Realm does not exist.' });
  const type = String(section.type);
  if (!isDirectoryType(type)) throw die(`Cannot sync realm type '${type}'! Only LDAP/AD realms can be synced.`);
  const defaults = section['sync-defaults-options'];
  const stored = defaults === undefined ? {} : parsePropertyString(SYNC_OPTIONS_FORMAT, String(defaults), 'sync-defaults-options');
  const options: Record<string, string> = {};
  for (const key of Object.keys(SYNC_OPTIONS_FORMAT).sort()) {
    const value = params[key] ?? stored[key] ?? SYNC_OPTION_DEFAULTS[key];
    if (value !== undefined) options[key] = value;
  }
  mapRemoveVanished(options, true);
  if (options.scope === undefined) {
    throw paramError({ scope: 'Not passed as parameter and not defined in realm default sync options.' });
  }
  return taskId(ctx, params['dry-run'] === '1' ? 'auth-realm-sync-test' : 'auth-realm-sync', realm);
}

/** The realm methods. */
export const realmRoutes: readonly Route[] = [
  { method: 'GET', path: '/access/domains', permissions: { user: 'world' }, schema: () => ({}), handler: listRealms },
  {
    method: 'POST',
    path: '/access/domains',
    permissions: { check: ['perm', '/access/realm', ['Realm.Allocate']] },
    schema: createRealmSchema,
    handler: createRealm,
  },
  {
    method: 'GET',
    path: '/access/domains/{realm}',
    permissions: { check: ['perm', '/access/realm', ['Realm.Allocate', 'Sys.Audit'], { any: true }] },
    schema: realmIdSchema,
    handler: readRealm,
  },
  {
    method: 'PUT',
    path: '/access/domains/{realm}',
    permissions: { check: ['perm', '/access/realm', ['Realm.Allocate']] },
    schema: updateRealmSchema,
    handler: updateRealm,
  },
  {
    method: 'DELETE',
    path: '/access/domains/{realm}',
    permissions: { check: ['perm', '/access/realm', ['Realm.Allocate']] },
    schema: realmIdSchema,
    handler: deleteRealm,
  },
  {
    method: 'POST',
    path: '/access/domains/{realm}/sync',
    permissions: {
      check: ['and', ['perm', '/access/realm/{realm}', ['Realm.AllocateUser']], ['perm', '/access/groups', ['User.Modify']]],
    },
    schema: syncRealmSchema,
    handler: syncRealm,
  },
];
