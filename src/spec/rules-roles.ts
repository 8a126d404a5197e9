/**
 * Rules for declared roles: their ids, names PVE keeps for itself, and the privileges they list.
 * Offline they judge against the bundled catalogue; at plan time against the connected server.
 */
import { finding, type Finding } from '../model/finding.js';
import { positionOf } from './positions.js';
import { privilegeHint as serverHint } from './privilege-hints.js';
import { ALL_PRIVILEGES, builtinRoleMajors, LATEST_MAJOR, privilegeHint, privilegeMajors, privilegesOf } from './pve-catalog.js';
import { ROLE_OR_GROUP_ID_PATTERN } from './limits.js';
import type { RoleSpec } from './model.js';
import { specWhere, targetText, type SpecRule, type SpecRuleInput } from './rule-input.js';

const address = (role: RoleSpec): string => `role:${role.roleid}`;

/** Offline: whether the catalogue has a built-in role of this name in the target major (any major without one). */
function collidesOffline(roleid: string, major: number | undefined): boolean {
  const builtinIn = builtinRoleMajors(roleid);
  return builtinIn.length > 0 && (major === undefined || builtinIn.includes(major) || major > LATEST_MAJOR);
}

const invalidRoleId: SpecRule = {
  code: 'invalid-role-id',
  needs: 'spec',
  check: ({ loaded }) =>
    Object.values(loaded.spec.roles)
      .filter((role) => !ROLE_OR_GROUP_ID_PATTERN.test(role.roleid))
      .map((role) =>
        finding('error', 'invalid-role-id', `role name '${role.roleid}' may only contain letters, digits, '.', '-' and '_'`, {
          address: address(role),
          position: specWhere(loaded, `roles.${role.roleid}`),
        }),
      ),
};

const builtinRoleCollision: SpecRule = {
  code: 'builtin-role-collision',
  needs: 'spec',
  check: ({ loaded, options, server }) =>
    Object.values(loaded.spec.roles).flatMap((role) => {
      if (server) {
        if (!server.live.roles[role.roleid]?.builtin) return [];
        const message = `${role.roleid} is a built-in role: it cannot be declared or changed; use it in acl without declaring it`;
        return [
          finding('error', 'builtin-role-collision', message, {
            address: address(role),
            position: positionOf(loaded, `roles.${role.roleid}`),
          }),
        ];
      }
      if (!collidesOffline(role.roleid, options.pveMajor)) return [];
      const message = `role '${role.roleid}' is a built-in PVE role: use it in acl without declaring it, or pick another name`;
      return [
        finding('error', 'builtin-role-collision', message, {
          address: address(role),
          position: specWhere(loaded, `roles.${role.roleid}`),
        }),
      ];
    }),
};

const reservedRoleId: SpecRule = {
  code: 'reserved-role-id',
  needs: 'spec',
  check: ({ loaded, options, server }) =>
    Object.values(loaded.spec.roles).flatMap((role) => {
      if (!/^pve/i.test(role.roleid)) return [];
      if (server) {
        // An existing role keeps its name: PVE reserved the prefix for new roles in 8.0.
        if (server.live.roles[role.roleid] || server.live.version.major < 8) return [];
        const message = `role ids starting with "PVE" are reserved since PVE 8.0: rename ${role.roleid}`;
        return [
          finding('error', 'reserved-role-id', message, { address: address(role), position: positionOf(loaded, `roles.${role.roleid}`) }),
        ];
      }
      const major = options.pveMajor;
      if (collidesOffline(role.roleid, major)) return [];
      // On 7 the name still works, until the upgrade.
      const severity = major !== undefined && major < 8 ? 'warning' : 'error';
      const message = `role '${role.roleid}': names starting with 'PVE' are reserved for built-in roles since PVE 8`;
      return [
        finding(severity, 'reserved-role-id', message, { address: address(role), position: specWhere(loaded, `roles.${role.roleid}`) }),
      ];
    }),
};

function unknownOnServer({ loaded, server }: SpecRuleInput): Finding[] {
  if (!server || server.serverPrivileges.length === 0) return [];
  const known = new Set(server.serverPrivileges);
  return Object.values(loaded.spec.roles)
    .filter((role) => !server.live.roles[role.roleid]?.builtin)
    .flatMap((role) =>
      role.privileges
        .filter((privilege) => !known.has(privilege))
        .map((privilege) => {
          const hint = serverHint(privilege, server.serverPrivileges);
          const message = `role '${role.roleid}': PVE ${server.live.version.version} has no privilege '${privilege}'${hint ? ` (${hint})` : ''}`;
          const position = positionOf(
            loaded,
            `roles.${role.roleid}.privileges[${privilege}]`,
            `roles.${role.roleid}.privileges`,
            `roles.${role.roleid}`,
          );
          return finding('error', 'unknown-privilege', message, { address: address(role), position });
        }),
    );
}

const unknownPrivilege: SpecRule = {
  code: 'unknown-privilege',
  needs: 'spec',
  check: (input) => {
    if (input.server) return unknownOnServer(input);
    const { loaded, options } = input;
    const known = options.serverPrivileges
      ? new Set(options.serverPrivileges)
      : options.pveMajor !== undefined
        ? privilegesOf(options.pveMajor)
        : ALL_PRIVILEGES;
    const source = options.serverPrivileges ? 'the connected server' : targetText(options.pveMajor);
    return Object.values(loaded.spec.roles).flatMap((role) =>
      role.privileges
        .filter((privilege) => !known.has(privilege))
        .map((privilege) => {
          const hint = privilegeHint(privilege, known);
          const position = specWhere(
            loaded,
            `roles.${role.roleid}.privileges[${privilege}]`,
            `roles.${role.roleid}.privileges`,
            `roles.${role.roleid}`,
          );
          return finding('error', 'unknown-privilege', `unknown privilege '${privilege}' for ${source}${hint ? ` (${hint})` : ''}`, {
            address: address(role),
            position,
          });
        }),
    );
  },
};

/**
 * Offline without a target, a privilege of older releases only (VM.Monitor) is worth a warning;
 * one that older releases lack is not, as nobody should start on an end-of-life version.
 */
const privilegeNotInLatestVersion: SpecRule = {
  code: 'privilege-not-in-latest-version',
  needs: 'spec',
  check: ({ loaded, options, server }) => {
    if (server || options.serverPrivileges || options.pveMajor !== undefined) return [];
    const latest = privilegesOf(LATEST_MAJOR);
    return Object.values(loaded.spec.roles).flatMap((role) =>
      role.privileges
        .filter((privilege) => ALL_PRIVILEGES.has(privilege) && !latest.has(privilege))
        .map((privilege) => {
          const hint = privilegeHint(privilege, latest);
          const message = `privilege '${privilege}' exists only in PVE ${privilegeMajors(privilege).join(', ')}${hint ? ` (${hint})` : ''}`;
          const position = specWhere(
            loaded,
            `roles.${role.roleid}.privileges[${privilege}]`,
            `roles.${role.roleid}.privileges`,
            `roles.${role.roleid}`,
          );
          return finding('warning', 'privilege-not-in-latest-version', message, { address: address(role), position });
        }),
    );
  },
};

export const ROLE_RULES: readonly SpecRule[] = [
  invalidRoleId,
  builtinRoleCollision,
  reservedRoleId,
  unknownPrivilege,
  privilegeNotInLatestVersion,
];
