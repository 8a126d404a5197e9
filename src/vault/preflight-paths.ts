/**
 * What a token must be allowed to do for a delivery to KV version 2, as API paths and
 * capabilities, and the policy line that would allow what is missing. Pure: the client asks
 * Vault (`sys/capabilities-self`) and hands the answer to `missingGrants`.
 *
 * | API path                    | capabilities           | why                                          |
 * |-----------------------------|------------------------|----------------------------------------------|
 * | `{mount}/data/{path}`       | create, update, read   | the first write creates, later ones update; the merge reads the fields already there |
 * | `{mount}/metadata/{path}`   | read                   | drift checks whether the secret is there without reading its value |
 */
import type { VaultTarget } from '../spec/vault-target.js';

/** One API path and the capabilities a delivery needs on it. */
export interface RequiredGrant {
  /** e.g. `secret/data/proxmox/terraform` (namespace-relative, no `/v1/`). */
  readonly path: string;
  readonly capabilities: readonly string[];
}

/** The KV version 2 API path of a target's data. */
export const kv2DataPath = (target: Pick<VaultTarget, 'mount' | 'path'>): string => `${target.mount}/data/${target.path}`;

/** The KV version 2 API path of a target's metadata. */
export const kv2MetadataPath = (target: Pick<VaultTarget, 'mount' | 'path'>): string => `${target.mount}/metadata/${target.path}`;

/** The grants one KV version 2 target needs. */
export function requiredGrants(target: Pick<VaultTarget, 'mount' | 'path'>): RequiredGrant[] {
  return [
    { path: kv2DataPath(target), capabilities: ['create', 'update', 'read'] },
    { path: kv2MetadataPath(target), capabilities: ['read'] },
  ];
}

/** A path where the token lacks something, and the policy line that would allow all it needs there. */
export interface MissingGrant {
  readonly path: string;
  readonly missing: readonly string[];
  /** e.g. `path "secret/data/proxmox/terraform" { capabilities = ["create", "update", "read"] }` */
  readonly policyLine: string;
}

/** `path "…" { capabilities = [...] }`, one line of Vault's policy language. */
export const policyLine = (grant: RequiredGrant): string =>
  `path "${grant.path}" { capabilities = [${grant.capabilities.map((c) => `"${c}"`).join(', ')}] }`;

/**
 * Compares what is needed with what `sys/capabilities-self` answered (path → capabilities).
 * `root` allows everything; `deny`, or a path Vault left out, allows nothing.
 */
export function missingGrants(needed: readonly RequiredGrant[], granted: Readonly<Record<string, readonly string[]>>): MissingGrant[] {
  const result: MissingGrant[] = [];
  for (const grant of needed) {
    const have = new Set(granted[grant.path] ?? []);
    if (have.has('root')) continue;
    const missing = have.has('deny') ? [...grant.capabilities] : grant.capabilities.filter((c) => !have.has(c));
    if (missing.length > 0) result.push({ path: grant.path, missing, policyLine: policyLine(grant) });
  }
  return result;
}

/** Each path once, with every capability any target needs there (two targets may share a secret). */
export function mergeGrants(grants: readonly RequiredGrant[]): RequiredGrant[] {
  const merged = new Map<string, string[]>();
  for (const grant of grants) {
    const caps = merged.get(grant.path) ?? [];
    for (const c of grant.capabilities) if (!caps.includes(c)) caps.push(c);
    merged.set(grant.path, caps);
  }
  return [...merged].map(([path, capabilities]) => ({ path, capabilities }));
}
