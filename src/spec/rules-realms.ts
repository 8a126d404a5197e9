/**
 * Rules for `realms:` that need nothing but the spec: the realm ids PVE accepts, the options and
 * required options of each type (PVE refuses a foreign option or a missing required one with a
 * 500 half-way through an apply), at most one default realm, and sync defaults a sync can run
 * with. The realm a user's id names must be declared or exist (offline: declared, or built in).
 */
import { finding } from '../model/finding.js';
import { REALM_PATTERN } from '../model/identity.js';
import { isBuiltinRealm, optionsOfType, REALM_OPTIONS, realmAddress, realmOf } from '../model/realm.js';
import { LENGTH_LIMITS } from './limits.js';
import type { LoadedSpec } from './model.js';
import type { RealmSpec } from './realm-model.js';
import { specWhere, type SpecRule } from './rule-input.js';

const REALM_ID_MAX = LENGTH_LIMITS.realm.max;

const realmsOf = (loaded: LoadedSpec): RealmSpec[] => Object.values(loaded.spec.realms ?? {});
const at = (loaded: LoadedSpec, realm: string, key?: string) =>
  key === undefined ? specWhere(loaded, `realms.${realm}`) : specWhere(loaded, `realms.${realm}.${key}`, `realms.${realm}`);

const invalidRealmId: SpecRule = {
  code: 'invalid-realm-id',
  needs: 'spec',
  check: ({ loaded }) =>
    realmsOf(loaded)
      .filter(({ realm }) => !REALM_PATTERN.test(realm) || realm.length > REALM_ID_MAX)
      .map(({ realm }) =>
        finding(
          'error',
          'invalid-realm-id',
          `realm id '${realm}' must start with a letter, have 2 to ${REALM_ID_MAX} characters and contain only letters, digits, '.', '-' and '_'`,
          { address: realmAddress(realm), position: at(loaded, realm) },
        ),
      ),
};

const builtinRealmType: SpecRule = {
  code: 'realm-builtin-type',
  needs: 'spec',
  check: ({ loaded }) =>
    realmsOf(loaded).flatMap(({ realm, type }) => {
      const builtin = isBuiltinRealm(realm);
      if (builtin && type !== realm) {
        const message = `realm '${realm}' is built in with type ${realm}; its type cannot change`;
        return [finding('error', 'realm-builtin-type', message, { address: realmAddress(realm), position: at(loaded, realm, 'type') })];
      }
      if (!builtin && (type === 'pam' || type === 'pve')) {
        const message = `realm '${realm}': PVE has exactly one realm of type ${type}, '${type}' itself; another cannot be created`;
        return [finding('error', 'realm-builtin-type', message, { address: realmAddress(realm), position: at(loaded, realm, 'type') })];
      }
      return [];
    }),
};

const optionNotForType: SpecRule = {
  code: 'realm-option-not-for-type',
  needs: 'spec',
  check: ({ loaded }) =>
    realmsOf(loaded).flatMap(({ realm, type, options }) => {
      const allowed = optionsOfType(type);
      return Object.keys(options)
        .filter((key) => !allowed.includes(key))
        .map((key) => {
          const takers = REALM_OPTIONS[key]?.types.join(', ') ?? 'no type';
          const message = `realm '${realm}': a ${type} realm takes no '${key}' (only ${takers} realms do)`;
          return finding('error', 'realm-option-not-for-type', message, { address: realmAddress(realm), position: at(loaded, realm, key) });
        });
    }),
};

const missingOption: SpecRule = {
  code: 'realm-missing-option',
  needs: 'spec',
  check: ({ loaded }) =>
    realmsOf(loaded).flatMap(({ realm, type, options }) => {
      const missing = Object.entries(REALM_OPTIONS)
        .filter(([key, def]) => def.requiredBy?.includes(type) === true && options[key] === undefined)
        .map(([key]) => key);
      if (missing.length === 0) return [];
      const message = `realm '${realm}': a ${type} realm needs ${missing.map((k) => `'${k}'`).join(' and ')}`;
      return [finding('error', 'realm-missing-option', message, { address: realmAddress(realm), position: at(loaded, realm) })];
    }),
};

const twoDefaults: SpecRule = {
  code: 'two-default-realms',
  needs: 'spec',
  check: ({ loaded }) => {
    const defaults = realmsOf(loaded).filter(({ options }) => options.default === true);
    return defaults
      .slice(1)
      .map(({ realm }) =>
        finding(
          'error',
          'two-default-realms',
          `realm '${realm}' is marked default, and so is '${defaults[0]!.realm}'; PVE keeps only one default realm`,
          { address: realmAddress(realm), position: at(loaded, realm, 'default') },
        ),
      );
  },
};

const syncWithoutScope: SpecRule = {
  code: 'realm-sync-without-scope',
  needs: 'spec',
  check: ({ loaded }) =>
    realmsOf(loaded)
      .filter(({ options }) => typeof options.sync === 'string' && !/(^|,)scope=/.test(options.sync))
      .map(({ realm }) =>
        finding(
          'error',
          'realm-sync-without-scope',
          `realm '${realm}': sync needs a scope (users, groups or both), or PVE refuses the sync`,
          {
            address: realmAddress(realm),
            position: at(loaded, realm, 'sync'),
          },
        ),
      ),
};

/** Every declared user's realm; offline only when the spec manages realms, and only as a warning, since the cluster may hold others. */
const unknownRealm: SpecRule = {
  code: 'unknown-realm',
  needs: 'spec',
  check: ({ loaded, server }) => {
    const declared = loaded.spec.realms ?? {};
    if (!server && Object.keys(declared).length === 0) return [];
    // A live state read without realms cannot judge them.
    if (server && server.live.realms === undefined) return [];
    const exists = (realm: string): boolean =>
      Object.hasOwn(declared, realm) ||
      isBuiltinRealm(realm) ||
      (server?.live.realms !== undefined && Object.hasOwn(server.live.realms, realm));
    return Object.values(loaded.spec.users).flatMap((user) => {
      const realm = realmOf(user.userid);
      if (realm === undefined || exists(realm)) return [];
      // Offline the realm may still exist on the cluster: the plan, which reads it, decides.
      const where = server
        ? 'neither declared under realms nor present on the cluster'
        : 'not declared under realms (the plan checks the cluster)';
      return [
        finding(server ? 'error' : 'warning', 'unknown-realm', `user '${user.userid}': realm '${realm}' is ${where}`, {
          address: `user:${user.userid}`,
          position: specWhere(loaded, `users.${user.userid}`),
        }),
      ];
    });
  },
};

export const REALM_RULES: readonly SpecRule[] = [
  invalidRealmId,
  builtinRealmType,
  optionNotForType,
  missingOption,
  twoDefaults,
  syncWithoutScope,
  unknownRealm,
];
