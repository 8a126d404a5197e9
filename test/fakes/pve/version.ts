/**
 * The simulated release: `/version`, and what differs between PVE 7, 8 and 9.
 * Privilege sets and built-in roles are the final ones of each major series, read from the
 * project's copy of pve-privileges.json.
 */
import { createHash } from 'node:crypto';
import privilegeData from '../../../src/data/pve-privileges.json' with { type: 'json' };
import type { Route } from './route.js';

/** The simulated release and the behaviour that depends on it. */
export interface PveFeatures {
  /** As `/version` reports it: `9.1.1`, `8.4.1`, `7.4-3`. */
  readonly version: string;
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Every valid privilege, sorted. */
  readonly privileges: readonly string[];
  readonly privilegeSet: ReadonlySet<string>;
  readonly builtinRoles: Readonly<Record<string, readonly string[]>>;
  /** 8.0+: new role ids may not start with `PVE` (any case). */
  readonly reservedRolePrefix: boolean;
  /** 8.0+: without Permissions.Modify one may only grant what one holds. */
  readonly aclDelegationRule: boolean;
  /** 9.x: `comment=""` and `delete=comment` on tokens. */
  readonly tokenCommentRemoval: boolean;
  /** 9.1+: `PUT …/token/{id}?regenerate=1`. */
  readonly tokenRegenerate: boolean;
  /** 8.2+: a caller may query itself and its own tokens without Sys.Audit. */
  readonly permissionsSelfQuery: boolean;
  /** 8.1+: length limits on user fields and the `keys` pattern. */
  readonly userFieldLimits: boolean;
  /** 8.2+: 8, before: 5. */
  readonly passwordMinLength: number;
  /** 8.2+: non-root callers confirm with their own password. */
  readonly confirmationPassword: boolean;
  /** 8.3+ (pve-http-server 5.2): error bodies carry `message`. */
  readonly errorMessageInBody: boolean;
  readonly maxBodyBytes: number;
  /** Before 9.0: a 401's reason phrase is the failed check's own message, not `Authentication failed!`. */
  readonly authFailureReason: boolean;
  /**
   * libpve-access-control 8.2.1 to 9.0.4 (simulated for 8.3 to 9.0): the group id check built its
   * character class from a compiled regex, whose `(?^:…)` wrapper let `(`, `?`, `^`, `:` and `)`
   * through as well.
   */
  readonly groupIdWrapperChars: boolean;
  /** The libpve-access-control version whose ACL path whitelist applies. */
  readonly aclPathVersion: { readonly major: number; readonly minor: number; readonly patch: number };
}

interface PrivilegeData {
  readonly versions: Readonly<Record<string, readonly string[]>>;
  readonly builtin_roles: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

const data: PrivilegeData = privilegeData;

/** `9.1.1`, `8.4`, `7.4-3` → numbers; throws on anything that is not a 7, 8 or 9 release. */
export function resolveFeatures(version: string): PveFeatures {
  const match = /^(\d+)\.(\d+)(?:[.-](\d+))?$/.exec(version);
  if (!match) throw new Error(`unsupported PVE version '${version}': expected e.g. 9.1.1, 8.4.1 or 7.4-3`);
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const patch = Number(match[3] ?? 0);
  const privileges = data.versions[String(major)];
  const builtinRoles = data.builtin_roles[String(major)];
  if (!privileges || !builtinRoles) throw new Error(`unsupported PVE version '${version}': only 7.x, 8.x and 9.x are simulated`);
  const atLeast = (maj: number, min: number): boolean => major > maj || (major === maj && minor >= min);
  return {
    version,
    major,
    minor,
    patch,
    privileges: [...privileges].sort(),
    privilegeSet: new Set(privileges),
    builtinRoles,
    reservedRolePrefix: major >= 8,
    aclDelegationRule: major >= 8,
    tokenCommentRemoval: major >= 9,
    tokenRegenerate: atLeast(9, 1),
    permissionsSelfQuery: atLeast(8, 2),
    userFieldLimits: atLeast(8, 1),
    passwordMinLength: atLeast(8, 2) ? 8 : 5,
    confirmationPassword: atLeast(8, 2),
    errorMessageInBody: atLeast(8, 3),
    maxBodyBytes: atLeast(8, 4) ? 512 * 1024 : 64 * 1024,
    authFailureReason: major < 9,
    groupIdWrapperChars: atLeast(8, 3) && !atLeast(9, 1),
    aclPathVersion: aclPathVersionOf(major, minor, patch),
  };
}

/**
 * pve-manager and libpve-access-control number their releases independently; these are the
 * access-control versions the releases of each series shipped with, as far as the ACL path
 * whitelist is concerned (fabrics from 9.0, prefix-lists from 9.1, nested pools from 8.1).
 */
function aclPathVersionOf(major: number, minor: number, patch: number): PveFeatures['aclPathVersion'] {
  if (major === 9 && minor === 0) return { major: 9, minor: 0, patch: 3 };
  if (major === 8 && minor === 0) return { major: 8, minor: 0, patch: 5 };
  return { major, minor, patch };
}

/** A repoid that looks like the real one: 8 hex digits on 7.x, 16 later. */
function repoidOf(features: PveFeatures): string {
  const hex = createHash('sha256').update(`pve-manager ${features.version}`).digest('hex');
  return hex.slice(0, features.major >= 8 ? 16 : 8);
}

/** `GET /version`. */
export const versionRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/version',
    permissions: { user: 'all' },
    schema: () => ({}),
    handler: (ctx) => ({
      version: ctx.features.version,
      release: `${ctx.features.major}.${ctx.features.minor}`,
      repoid: repoidOf(ctx.features),
    }),
  },
];
