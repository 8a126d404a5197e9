/**
 * Realms for `export`: every realm other than pam and pve with all its options, and pam or pve
 * only where they carry a default flag or a second factor. Secrets cannot be read back, so a
 * realm that takes one says where it comes from instead. Pure.
 */
import { isMap, isScalar, type Document } from 'yaml';
import type { LiveState } from '../model/live-state.js';
import { isBuiltinRealm, parsePropertyString, REALM_OPTIONS, REALM_SECRET_LABEL, type LiveRealm, type RealmValue } from '../model/realm.js';

const SYNC_FLAGS = new Set(['enable-new']);
const TFA_NUMBERS = new Set(['digits', 'step']);

function syncObject(text: string): Record<string, unknown> {
  const pairs = parsePropertyString(text);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pairs)) {
    if (key === 'remove-vanished') out[key] = value === 'none' ? [] : value.split(';');
    else out[key] = SYNC_FLAGS.has(key) ? value !== '0' : value;
  }
  return out;
}

function tfaObject(text: string): Record<string, unknown> {
  const pairs = parsePropertyString(text);
  return Object.fromEntries(Object.entries(pairs).map(([key, value]) => [key, TFA_NUMBERS.has(key) ? Number(value) : value]));
}

function exportValue(option: string, value: RealmValue): unknown {
  const kind = REALM_OPTIONS[option]?.kind;
  if (kind === 'sync') return syncObject(String(value));
  if (kind === 'tfa') return tfaObject(String(value));
  return value;
}

const exported = (realm: LiveRealm): boolean =>
  realm.detailed && (!isBuiltinRealm(realm.realm) || realm.options.default === true || realm.options.tfa !== undefined);

/** The `realms:` section, or undefined when there is nothing to declare. */
export function exportRealms(live: LiveState): Record<string, unknown> | undefined {
  const realms = Object.values(live.realms ?? {}).filter(exported);
  if (realms.length === 0) return undefined;
  return Object.fromEntries(
    realms.map((realm) => [
      realm.realm,
      { type: realm.type, ...Object.fromEntries(Object.entries(realm.options).map(([k, v]) => [k, exportValue(k, v)])) },
    ]),
  );
}

/** A comment above each realm whose secret the export cannot carry. */
export function markRealmSecrets(doc: Document, live: LiveState): void {
  const realms = doc.get('realms', true);
  if (!isMap(realms)) return;
  for (const pair of realms.items) {
    if (!isScalar(pair.key)) continue;
    const label = REALM_SECRET_LABEL[live.realms?.[String(pair.key.value)]?.type ?? 'pve'];
    if (label !== undefined) pair.key.commentBefore = ` ${label} not exported: give it in the realm-secrets input`;
  }
}
