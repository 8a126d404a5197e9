/**
 * Realms: a declared realm other than pam and pve is owned whole (an option it does not declare
 * is removed); pam and pve exist on every node and keep whatever they do not declare. An
 * undeclared realm goes only when a `prune: realms:` pattern matches it, and never pam, pve or a
 * realm a declared user lives in. A type never changes and neither does an option PVE fixes at
 * creation: the plan says so as an error instead of attempting it.
 */
import { compareText } from '../model/compare.js';
import { finding, type Finding } from '../model/finding.js';
import {
  isBuiltinRealm,
  isSyncableType,
  optionsOfType,
  REALM_OPTIONS,
  REALM_SECRET_PARAM,
  realmAddress,
  realmOf,
  type LiveRealm,
  type RealmValue,
} from '../model/realm.js';
import type { RealmSpec } from '../spec/realm-model.js';
import { matchingPattern } from '../spec/glob.js';
import type { FieldChange } from './model.js';
import type { PlanContext } from './plan-context.js';
import type { RealmChange } from './realm-change.js';

export interface RealmDiff {
  readonly changes: RealmChange[];
  /** Changes the plan cannot make (codes realm-type-change, realm-fixed-option, realm-unreadable). */
  readonly findings: Finding[];
}

/** PVE keeps `default 0` and no `default` alike: both are "not the default realm". */
const sameValue = (key: string, before: RealmValue | undefined, after: RealmValue | undefined): boolean =>
  before === after || (key === 'default' && before !== true && after !== true);

function createChange(want: RealmSpec): RealmChange {
  const options = Object.fromEntries(Object.entries(want.options).filter(([key, value]) => !(key === 'default' && value === false)));
  const fields = Object.entries(options).map(([field, after]) => ({ field, before: undefined, after }));
  return {
    kind: 'realm',
    realm: want.realm,
    type: want.type,
    address: realmAddress(want.realm),
    action: 'create',
    fields: [{ field: 'type', before: undefined, after: want.type }, ...fields],
    set: options,
    unset: [],
    ...(REALM_SECRET_PARAM[want.type] !== undefined && { secret: true as const }),
    ...(isSyncableType(want.type) && want.options.sync !== undefined && { sync: true as const }),
  };
}

function updateChange(want: RealmSpec, live: LiveRealm, findings: Finding[]): RealmChange | undefined {
  const address = realmAddress(want.realm);
  const declaredOnly = isBuiltinRealm(want.realm);
  const keys = new Set([...Object.keys(want.options), ...(declaredOnly ? [] : Object.keys(live.options))]);
  const fields: FieldChange[] = [];
  const set: Record<string, RealmValue> = {};
  const unset: string[] = [];
  for (const key of [...keys].sort(compareText)) {
    const before = live.options[key];
    const after = want.options[key];
    if (sameValue(key, before, after) || !optionsOfType(want.type).includes(key)) continue;
    if (REALM_OPTIONS[key]?.createOnly === true) {
      const message = `realm '${want.realm}': ${key} is fixed when a realm is created (${String(before ?? 'not set')} on the cluster); delete and re-create the realm to change it`;
      findings.push(finding('error', 'realm-fixed-option', message, { address }));
      continue;
    }
    fields.push({ field: key, before, after });
    if (after === undefined) unset.push(key);
    else set[key] = after;
  }
  if (fields.length === 0) return undefined;
  const syncChanged = set.sync !== undefined && isSyncableType(want.type);
  return {
    kind: 'realm',
    realm: want.realm,
    type: want.type,
    address,
    action: 'update',
    fields,
    set,
    unset,
    ...(syncChanged && { sync: true }),
  };
}

/** The run asks to set this realm's secret again: on the update there is, or on one of its own. */
function withSecretAgain(ctx: PlanContext, want: RealmSpec, update: RealmChange | undefined): RealmChange | undefined {
  if (!(ctx.options.setRealmSecrets ?? []).includes(want.realm) || REALM_SECRET_PARAM[want.type] === undefined) return update;
  const reason = 'the set-realm-secrets input asks to set its secret again';
  if (update) return { ...update, secret: true, repair: true, reason };
  const base = { kind: 'realm', realm: want.realm, type: want.type, address: realmAddress(want.realm) } as const;
  return { ...base, action: 'update', fields: [], set: {}, unset: [], secret: true, repair: true, reason };
}

/** The run asks for a sync of this directory realm: on the update there is (unless it syncs anyway), or on one of its own. */
function withSyncAgain(ctx: PlanContext, want: RealmSpec, update: RealmChange | undefined): RealmChange | undefined {
  const asked = ctx.options.syncRealms === 'all' || (ctx.options.syncRealms ?? []).includes(want.realm);
  if (!asked || !isSyncableType(want.type) || update?.sync === true) return update;
  const reason = 'the sync-realms input asks for a sync';
  if (update) return { ...update, syncRequested: true, repair: true, reason: update.reason ?? reason };
  const base = { kind: 'realm', realm: want.realm, type: want.type, address: realmAddress(want.realm) } as const;
  return { ...base, action: 'update', fields: [], set: {}, unset: [], syncRequested: true, repair: true, reason };
}

function declaredChanges(ctx: PlanContext, findings: Finding[]): RealmChange[] {
  const changes: RealmChange[] = [];
  for (const want of Object.values(ctx.spec.realms ?? {})) {
    const live = ctx.live.realms?.[want.realm];
    const address = realmAddress(want.realm);
    if (!live) {
      if (!isBuiltinRealm(want.realm)) changes.push(createChange(want));
    } else if (live.type !== want.type) {
      const message = `realm '${want.realm}' is of type ${live.type} on the cluster, the spec says ${want.type}: a realm's type never changes; delete and re-create it under its new type`;
      findings.push(finding('error', 'realm-type-change', message, { address }));
    } else if (!live.detailed) {
      const message = `realm '${want.realm}': its options cannot be read (GET /access/domains/${want.realm} needs Sys.Audit or Realm.Allocate on /access/realm), so it cannot be compared with the spec`;
      findings.push(finding('error', 'realm-unreadable', message, { address }));
    } else {
      const update = withSyncAgain(ctx, want, withSecretAgain(ctx, want, updateChange(want, live, findings)));
      if (update) changes.push(update);
    }
  }
  return changes;
}

function prunedRealms(ctx: PlanContext): RealmChange[] {
  const inUse = new Set(Object.keys(ctx.spec.users).map(realmOf));
  return Object.values(ctx.live.realms ?? {}).flatMap((live): RealmChange[] => {
    if (Object.hasOwn(ctx.spec.realms ?? {}, live.realm) || isBuiltinRealm(live.realm) || inUse.has(live.realm)) return [];
    const pattern = matchingPattern(ctx.spec.prune.realms ?? [], live.realm);
    if (pattern === undefined) return [];
    const base = { kind: 'realm', realm: live.realm, type: live.type, address: realmAddress(live.realm) } as const;
    return [{ ...base, action: 'delete', fields: [], set: {}, unset: [], reason: `not in spec, matches prune "${pattern}"` }];
  });
}

export function diffRealms(ctx: PlanContext): RealmDiff {
  const findings: Finding[] = [];
  const changes = [...declaredChanges(ctx, findings), ...prunedRealms(ctx)];
  return { changes: changes.sort((a, b) => compareText(a.address, b.address)), findings };
}
