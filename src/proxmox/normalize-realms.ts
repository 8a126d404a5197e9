/**
 * PVE's realm answers → LiveRealm, by spec option name. Pure. Booleans come as 0/1, the sync
 * defaults and second factor as property strings in whatever order they were written; the
 * OpenID client key, which a realm's GET returns in clear, is dropped here and goes no further.
 */
import { compareText } from '../model/compare.js';
import {
  canonicalPropertyString,
  canonicalSyncDefaults,
  isRealmType,
  parsePropertyString,
  REALM_OPTIONS,
  specOptionName,
  type LiveRealm,
  type RealmValue,
} from '../model/realm.js';
import type { Wire } from './api.js';

const truthy = (value: unknown): boolean => value !== undefined && value !== null && value !== '' && value !== '0' && value !== 0;

function optionValue(name: string, value: unknown): RealmValue | undefined {
  const kind = REALM_OPTIONS[name]!.kind;
  if (kind === 'boolean') return truthy(value);
  if (kind === 'integer') return Number(value);
  if (kind === 'sync') return canonicalSyncDefaults(String(value));
  if (kind === 'tfa') return canonicalPropertyString(parsePropertyString(String(value)));
  return String(value);
}

/** The options of one realm's answer; unknown keys (digest, plugin, secrets) are not options. */
export function realmOptions(wire: Wire): Record<string, RealmValue> {
  const options: Record<string, RealmValue> = {};
  for (const [key, value] of Object.entries(wire)) {
    const name = specOptionName(key);
    if (name === undefined || value === undefined || value === null || value === '') continue;
    const normalized = optionValue(name, value);
    if (normalized === undefined || (name === 'default' && normalized === false)) continue;
    options[name] = normalized;
  }
  return Object.fromEntries(Object.entries(options).sort(([a], [b]) => compareText(a, b)));
}

/** One realm from its list entry and, when it could be read, its own answer. */
export function normalizeRealm(listed: Wire, detail: Wire | undefined): LiveRealm | undefined {
  const realm = typeof listed.realm === 'string' ? listed.realm : undefined;
  const type = String(listed.type ?? detail?.type ?? '');
  if (realm === undefined || !isRealmType(type)) return undefined;
  if (detail !== undefined) return { realm, type, options: realmOptions(detail), detailed: true };
  // The list shows the second factor's type only, so it is no usable value.
  const { tfa: _tfa, ...rest } = listed;
  void _tfa;
  return { realm, type, options: realmOptions(rest), detailed: false };
}
