/**
 * Rules for `acl:` blocks: paths PVE accepts, and the same grant written twice, alike or with
 * different propagate flags.
 */
import { isAllowedAclPath, normalizeAclPath } from '../model/acl-path.js';
import { aclKey } from '../model/addresses.js';
import { compareText } from '../model/compare.js';
import { finding, type Finding } from '../model/finding.js';
import type { ServerVersion } from '../model/live-state.js';
import { desiredAcl } from './desired-acl.js';
import type { LoadedSpec } from './model.js';
import { positionOf } from './positions.js';
import { PVE_MAJORS } from './pve-catalog.js';
import { specWhere, targetText, type ServerFacts, type SpecRule } from './rule-input.js';

/** `9.1.1` → 9.1.1; 7.x writes `7.0-5`, whose revision the path rules count as the patch level. */
function versionParts(version: ServerVersion): { major: number; minor: number; patch: number } {
  const patch = /^\d+\.\d+[.-](\d+)/.exec(version.version)?.[1];
  return { major: version.major, minor: version.minor, patch: patch === undefined ? 0 : Number(patch) };
}

/**
 * At plan time only new entries matter: PVE checks the path when an entry is added, and an entry
 * that exists already (from before an upgrade) stays.
 */
function refusedOnServer(loaded: LoadedSpec, server: ServerFacts): Finding[] {
  const live = new Set(server.live.acl.map(aclKey));
  const version = versionParts(server.live.version);
  const created = [...desiredAcl(loaded.spec.acl).entries].filter(([key]) => !live.has(key)).sort(([a], [b]) => compareText(a, b));
  const paths = [...new Set(created.map(([, { entry }]) => entry.path))].filter((path) => !isAllowedAclPath(path, version));
  return paths.map((path) => {
    const index = loaded.spec.acl.findIndex((block) => block.path === path);
    return finding('error', 'invalid-acl-path', `ACL path '${path}' is not accepted by PVE ${server.live.version.version}`, {
      position: positionOf(loaded, `acl.${index}.path`, `acl.${index}`),
    });
  });
}

const invalidAclPath: SpecRule = {
  code: 'invalid-acl-path',
  needs: 'spec',
  check: ({ loaded, options, server }) => {
    if (server) return refusedOnServer(loaded, server);
    const major = options.pveMajor;
    const versions = major !== undefined ? [major] : PVE_MAJORS;
    return loaded.spec.acl.flatMap((entry, n) => {
      const position = specWhere(loaded, `acl.${n}.path`, `acl.${n}`);
      const normalized = normalizeAclPath(entry.path);
      if (normalized === null) {
        return [
          finding(
            'error',
            'invalid-acl-path',
            `ACL path '${entry.path}' is not valid: only letters, digits and '.', '-', '_', '/' are allowed`,
            { position },
          ),
        ];
      }
      if (versions.some((m) => isAllowedAclPath(normalized, { major: m, minor: 99 }))) return [];
      const message = `ACL path '${entry.path}' is not accepted by ${targetText(major)} (e.g. /, /vms/100, /storage/local, /pool/dev, /sdn/zones/z, /access/groups/g)`;
      return [finding('error', 'invalid-acl-path', message, { position })];
    });
  },
};

interface Repeat {
  readonly subject: string;
  readonly roleid: string;
  readonly path: string;
  readonly earlier: { readonly propagate: boolean; readonly entry: number };
  readonly propagate: boolean;
  readonly entry: number;
}

/** Every grant (path, subject, role) written again after its first block. */
function repeatedGrants(loaded: LoadedSpec): Repeat[] {
  const seen = new Map<string, { propagate: boolean; entry: number }>();
  const repeats: Repeat[] = [];
  loaded.spec.acl.forEach((block, n) => {
    const path = normalizeAclPath(block.path) ?? block.path;
    const subjects = [
      ...block.users.map((u) => `user ${u}`),
      ...block.groups.map((g) => `group ${g}`),
      ...block.tokens.map((t) => `token ${t}`),
    ];
    for (const subject of subjects) {
      for (const roleid of block.roles) {
        const key = `${path}|${subject}|${roleid}`;
        const earlier = seen.get(key);
        if (!earlier) seen.set(key, { propagate: block.propagate, entry: n });
        else repeats.push({ subject, roleid, path, earlier, propagate: block.propagate, entry: n });
      }
    }
  });
  return repeats;
}

const aclConflict: SpecRule = {
  code: 'acl-conflict',
  needs: 'spec',
  check: ({ loaded }) =>
    repeatedGrants(loaded)
      .filter((r) => r.earlier.propagate !== r.propagate)
      .map((r) =>
        finding(
          'error',
          'acl-conflict',
          `${r.subject} gets ${r.roleid} on ${r.path} with propagate ${r.earlier.propagate} in ACL entry ${r.earlier.entry + 1} and ${r.propagate} here`,
          {
            position: specWhere(loaded, `acl.${r.entry}`),
          },
        ),
      ),
};

const duplicateAcl: SpecRule = {
  code: 'duplicate-acl',
  needs: 'spec',
  check: ({ loaded }) =>
    repeatedGrants(loaded)
      .filter((r) => r.earlier.propagate === r.propagate)
      .map((r) =>
        finding('warning', 'duplicate-acl', `${r.subject} already gets ${r.roleid} on ${r.path} in ACL entry ${r.earlier.entry + 1}`, {
          position: specWhere(loaded, `acl.${r.entry}`),
        }),
      ),
};

export const ACL_RULES: readonly SpecRule[] = [invalidAclPath, aclConflict, duplicateAcl];
