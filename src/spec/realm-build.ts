/**
 * From `realms:` as written to RealmSpec: property strings in their canonical spelling and empty
 * text dropped, so a spec and the cluster compare option by option.
 */
import { canonicalPropertyString, type RealmValue } from '../model/realm.js';
import type { RealmSpec } from './realm-model.js';
import type { RealmInput } from './realms-schema.js';

function syncDefaults(sync: NonNullable<RealmInput['sync']>): string {
  const pairs: Record<string, string | boolean> = {};
  if (sync.scope !== undefined) pairs.scope = sync.scope;
  if (sync['enable-new'] !== undefined) pairs['enable-new'] = sync['enable-new'];
  if (sync['remove-vanished'] !== undefined) {
    pairs['remove-vanished'] = sync['remove-vanished'].length === 0 ? 'none' : sync['remove-vanished'].join(';');
  }
  return canonicalPropertyString(pairs);
}

function optionValue(key: string, value: unknown): RealmValue | undefined {
  if (key === 'sync') return syncDefaults(value as NonNullable<RealmInput['sync']>);
  if (key === 'tfa') return canonicalPropertyString(value as Record<string, string | number>);
  // PVE stores no empty text: an empty value is no value.
  if (value === '') return undefined;
  return value as RealmValue;
}

export function buildRealm(realm: string, input: RealmInput): RealmSpec {
  const options: Record<string, RealmValue> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'type' || value === undefined) continue;
    const built = optionValue(key, value);
    if (built !== undefined) options[key] = built;
  }
  return { realm, type: input.type, options };
}

export function buildRealms(input: Readonly<Record<string, RealmInput>> | null | undefined): Record<string, RealmSpec> {
  return Object.fromEntries(Object.entries(input ?? {}).map(([realm, value]) => [realm, buildRealm(realm, value)]));
}
