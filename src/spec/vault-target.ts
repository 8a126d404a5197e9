/**
 * A Vault deliver target and the fields written there: defaults, the checks the spec rules run
 * on a target, and the data map of one delivery. Pure: no I/O.
 */
import { oneLine } from '../log-line.js';

/** Where one token's secret goes: a key in a KV version 2 mount. */
export interface VaultTarget {
  /** The mount, without slashes, e.g. `secret`. */
  readonly mount: string;
  /** The secret's path inside the mount, without slashes at either end, e.g. `proxmox/terraform`. */
  readonly path: string;
  /** The field that holds the token in the format asked for. */
  readonly field: string;
}

/** A target as declared: only `path` is required. */
export interface VaultTargetInput {
  readonly path: string;
  readonly mount?: string | undefined;
  readonly field?: string | undefined;
}

export const DEFAULT_MOUNT = 'secret';
export const DEFAULT_FIELD = 'token';

/** Fields every delivery writes beside `field`; a target's `field` must not take their name. */
export const RESERVED_FIELDS = ['token_id', 'expires_at'] as const;

const trimSlashes = (value: string): string => value.trim().replace(/^\/+|\/+$/g, '');

/** The target with its defaults, and slashes at either end of mount and path dropped. */
export function resolveVaultTarget(input: VaultTargetInput): VaultTarget {
  return {
    mount: trimSlashes(input.mount ?? DEFAULT_MOUNT),
    path: trimSlashes(input.path),
    field: input.field ?? DEFAULT_FIELD,
  };
}

/** One thing wrong with a declared target: the key it concerns and what to change. */
export interface VaultTargetProblem {
  readonly key: 'path' | 'mount' | 'field';
  readonly message: string;
}

/** Everything wrong with a declared target; empty when it can be used. */
export function vaultTargetProblems(input: VaultTargetInput): VaultTargetProblem[] {
  const target = resolveVaultTarget(input);
  return [...segmentProblems('path', target.path), ...segmentProblems('mount', target.mount), ...fieldProblems(target.field)];
}

function segmentProblems(key: 'path' | 'mount', value: string): VaultTargetProblem[] {
  if (value === '') return [{ key, message: `the Vault ${key} is empty` }];
  const segments = value.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) {
    return [{ key, message: `the Vault ${key} '${oneLine(value)}' has an empty, '.' or '..' segment; write it as a/b/c` }];
  }
  // `*` and `+` are wildcards in a policy path, and `"` or `\` would end or escape its string, so
  // the policy line a preflight suggests would mean something else; `?`, `#` and `%` end or
  // escape a URL path.
  if (/[*+"\\?#%\p{Cc}\p{Cf}]/u.test(value)) {
    return [
      {
        key,
        message: `the Vault ${key} '${oneLine(value)}' holds a character a Vault path here cannot carry (* + " \\ ? # % or an invisible one)`,
      },
    ];
  }
  return [];
}

/** Why `field` cannot hold the token, if it cannot; the spec layer reports it with the file and line. */
export function vaultFieldProblem(field: string): string | undefined {
  if (field.trim() === '') return 'the Vault field is empty; leave it out to use `token`';
  if ((RESERVED_FIELDS as readonly string[]).includes(field)) {
    return `the Vault field '${field}' clashes with a field every delivery writes (${RESERVED_FIELDS.join(', ')}); choose another name, e.g. \`token\``;
  }
  return undefined;
}

function fieldProblems(field: string): VaultTargetProblem[] {
  const problem = vaultFieldProblem(field);
  return problem ? [{ key: 'field', message: problem }] : [];
}

/** What one delivery writes: the token in its format, its id, and when it expires if it does. */
export interface DeliveredToken {
  /** The token in the format the target asks for. */
  readonly value: string;
  /** e.g. `ci@pve!terraform`. */
  readonly tokenId: string;
  /** ISO 8601; left out for a token that never expires. */
  readonly expiresAt?: string | undefined;
}

/** The data map a delivery merges into the secret. */
export function deliveredFields(target: VaultTarget, token: DeliveredToken): Record<string, string> {
  const problem = vaultFieldProblem(target.field);
  if (problem) throw new Error(problem);
  return {
    [target.field]: token.value,
    token_id: token.tokenId,
    ...(token.expiresAt !== undefined ? { expires_at: token.expiresAt } : {}),
  };
}

/** `secret/proxmox/terraform`, the form people use with `vault kv get -mount=secret proxmox/terraform`. */
export const describeVaultTarget = (target: VaultTarget): string => `${target.mount}/${target.path}`;
