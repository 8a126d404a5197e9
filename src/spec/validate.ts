/**
 * Checks a loaded spec for what the schema cannot see: identifier formats, references between
 * sections, privileges and roles of the target PVE version, ACL paths, and delivery targets that
 * would clash. Pure: the caller passes what it knows about the server (nothing, when offline).
 * Every finding carries the position of what it is about.
 */
import {
  environmentNameProblem,
  fullRepositoryProblem,
  orgLoginProblem,
  secretNameProblem,
  selectedRepositoryProblem,
  // eslint-disable-next-line import-x/no-restricted-paths -- fixed by the redesign
} from '../github/names.js';
import { oneLine } from '../log-line.js';
// eslint-disable-next-line import-x/no-restricted-paths -- fixed by the redesign
import { isAllowedAclPath, normalizeAclPath } from '../plan/acl-path.js';
// eslint-disable-next-line import-x/no-restricted-paths -- fixed by the redesign
import { splitTokenId } from '../plan/permissions.js';
// eslint-disable-next-line import-x/no-restricted-paths -- fixed by the redesign
import type { Finding, Severity } from '../plan/model.js';
import { limitFindings } from './limit-checks.js';
import { EMAIL_PATTERN, LENGTH_LIMITS, ROLE_OR_GROUP_ID_PATTERN, TOKEN_NAME_PATTERN, USERID_MIN_LENGTH, USERID_PATTERN } from './limits.js';
import type { DeliverTarget, LoadedSpec, SourcePosition } from './model.js';
import { keptUserPruneFindings, unmatchablePruneFindings } from './prune-checks.js';
import { repeatedItemFindings } from './repeated-items.js';
import {
  ALL_PRIVILEGES,
  builtinRoleMajors,
  builtinRolesOf,
  LATEST_MAJOR,
  PVE_MAJORS,
  privilegeHint,
  privilegeMajors,
  privilegesOf,
} from './pve-catalog.js';

export interface ValidateOptions {
  /** Every privilege the connected server knows (its Administrator role). */
  readonly serverPrivileges?: readonly string[];
  /** Major version of the target server; without it, checks accept what any known major accepts. */
  readonly pveMajor?: number;
  /** Groups that exist on the server: users may be members without the spec declaring them. */
  readonly existingGroups?: readonly string[];
  /** Epoch seconds, to judge expiries; without it an expiry in the past goes unnoticed. */
  readonly now?: number;
}

const OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Outputs the action sets itself (action.yml); a deliver output must not shadow them. */
const ACTION_OUTPUTS = ['mode', 'has-changes', 'summary', 'plan', 'plan-digest', 'drift', 'applied', 'comment-url', 'tokens'];

export function validateSpec(loaded: LoadedSpec, options: ValidateOptions = {}): Finding[] {
  const { spec } = loaded;
  const findings: Finding[] = [];
  const where = (...keys: string[]): SourcePosition | undefined => {
    for (const key of keys) {
      const position = loaded.positions.get(key);
      if (position) return position;
    }
    return loaded.positions.get('') ?? { file: loaded.file, line: 1, column: 1 };
  };
  const add = (severity: Severity, code: string, message: string, position: SourcePosition | undefined, address?: string) =>
    findings.push({ severity, code, message, ...(address !== undefined && { address }), ...(position && { position }) });

  const major = options.pveMajor;
  const target = major === undefined ? 'any known PVE version' : `PVE ${major}`;
  const existingGroups = new Set(options.existingGroups ?? []);

  // Roles and their privileges.
  const serverPrivileges = options.serverPrivileges && new Set(options.serverPrivileges);
  for (const role of Object.values(spec.roles)) {
    const at = (...rest: string[]) => where(...rest.map((r) => `roles.${role.roleid}${r}`), `roles.${role.roleid}`);
    const address = `role:${role.roleid}`;
    if (!ROLE_OR_GROUP_ID_PATTERN.test(role.roleid)) {
      add('error', 'invalid-role-id', `role name '${role.roleid}' may only contain letters, digits, '.', '-' and '_'`, at(), address);
    }
    const builtinIn = builtinRoleMajors(role.roleid);
    if (builtinIn.length > 0 && (major === undefined || builtinIn.includes(major) || major > LATEST_MAJOR)) {
      add('error', 'builtin-role-collision', `role '${role.roleid}' is a built-in PVE role: use it in acl without declaring it, or pick another name`, at(), address);
    } else if (/^pve/i.test(role.roleid)) {
      // PVE 8.0 reserved the prefix for its own roles; on 7 it still works, until the upgrade.
      const severity: Severity = major !== undefined && major < 8 ? 'warning' : 'error';
      add(severity, 'reserved-role-name', `role '${role.roleid}': names starting with 'PVE' are reserved for built-in roles since PVE 8`, at(), address);
    }
    for (const privilege of role.privileges) {
      checkPrivilege(privilege, at(`.privileges[${privilege}]`, '.privileges'), address);
    }
  }

  function checkPrivilege(privilege: string, position: SourcePosition | undefined, address: string): void {
    const known = serverPrivileges ?? (major !== undefined ? privilegesOf(major) : ALL_PRIVILEGES);
    const source = serverPrivileges ? 'the connected server' : target;
    if (!known.has(privilege)) {
      const hint = privilegeHint(privilege, known);
      add('error', 'unknown-privilege', `unknown privilege '${privilege}' for ${source}${hint ? ` (${hint})` : ''}`, position, address);
      return;
    }
    if (serverPrivileges || major !== undefined) return;
    // Offline, a privilege of older releases only (VM.Monitor) is worth a warning; one that older
    // releases lack is not, as nobody should start on an end-of-life version.
    if (!privilegesOf(LATEST_MAJOR).has(privilege)) {
      const hint = privilegeHint(privilege, privilegesOf(LATEST_MAJOR));
      const majors = privilegeMajors(privilege).join(', ');
      add(
        'warning',
        'privilege-not-in-latest-version',
        `privilege '${privilege}' exists only in PVE ${majors}${hint ? ` (${hint})` : ''}`,
        position,
        address,
      );
    }
  }

  // Groups.
  for (const group of Object.values(spec.groups)) {
    if (!ROLE_OR_GROUP_ID_PATTERN.test(group.groupid)) {
      add('error', 'invalid-group-id', `group name '${group.groupid}' may only contain letters, digits, '.', '-' and '_'`, where(`groups.${group.groupid}`), `group:${group.groupid}`);
    }
  }
  const checkGroupReference = (groupid: string, position: SourcePosition | undefined, context: string) => {
    if (spec.groups[groupid]) return;
    if (existingGroups.has(groupid)) {
      add('notice', 'unmanaged-group', `${context}: group '${groupid}' exists on the server but is not declared, so it is not managed`, position);
    } else {
      add('error', 'undeclared-group', `${context}: group '${groupid}' is not declared under groups`, position);
    }
  };

  // Users, tokens and delivery.
  const outputs = new Map<string, string>();
  const secrets = new Map<string, string>();
  for (const user of Object.values(spec.users)) {
    const base = `users.${user.userid}`;
    const address = `user:${user.userid}`;
    const length = [...user.userid].length;
    if (!USERID_PATTERN.test(user.userid) || length < USERID_MIN_LENGTH || length > LENGTH_LIMITS.userid.max) {
      add('error', 'invalid-user-id', `user id '${user.userid}' must be name@realm (${USERID_MIN_LENGTH} to ${LENGTH_LIMITS.userid.max} characters, no spaces, ':' or '/')`, where(base), address);
    }
    if (user.email !== '' && !EMAIL_PATTERN.test(user.email)) {
      add('error', 'invalid-email', `'${user.email}' does not look like an e-mail address PVE accepts`, where(`${base}.email`, base), address);
    }
    for (const groupid of user.groups) checkGroupReference(groupid, where(`${base}.groups[${groupid}]`, `${base}.groups`, base), `user '${user.userid}'`);

    for (const token of Object.values(user.tokens ?? {})) {
      const tbase = `${base}.tokens.${token.tokenid}`;
      const fullid = `${user.userid}!${token.tokenid}`;
      const taddress = `token:${fullid}`;
      if (!TOKEN_NAME_PATTERN.test(token.tokenid)) {
        add('error', 'invalid-token-id', `token id '${token.tokenid}' must start with a letter, be at least 2 characters and contain only letters, digits, '.', '-' and '_'`, where(tbase), taddress);
      }
      if (token.lifetime !== undefined && token.rotateBefore !== undefined && token.rotateBefore >= token.lifetime) {
        add('error', 'rotate-before-exceeds-lifetime', `token '${fullid}': rotate-before must be shorter than lifetime, or it rotates on every run`, where(`${tbase}.rotate-before`, tbase), taddress);
      }
      if (token.lifetime === undefined && token.rotateBefore !== undefined) {
        add('warning', 'rotate-before-without-lifetime', `token '${fullid}': rotate-before has no effect without a lifetime`, where(`${tbase}.rotate-before`, tbase), taddress);
      }
      token.deliver.forEach((target, i) => {
        const position = where(`${tbase}.deliver.${i}`, `${tbase}.deliver`, tbase);
        checkDeliver(target, fullid, position, taddress, (field) => where(`${tbase}.deliver.${i}.github-secret.${field}`, `${tbase}.deliver.${i}`, `${tbase}.deliver`, tbase));
      });
    }
  }

  function checkDeliver(
    target: DeliverTarget,
    fullid: string,
    position: SourcePosition | undefined,
    address: string,
    fieldAt: (field: string) => SourcePosition | undefined,
  ): void {
    if (target.kind === 'output') {
      if (!OUTPUT_NAME.test(target.name)) {
        add('error', 'invalid-output-name', `output name '${target.name}' must start with a letter or '_' and contain only letters, digits, '-' and '_'`, position, address);
      } else if (ACTION_OUTPUTS.includes(target.name)) {
        add('error', 'deliver-output-collision', `output '${target.name}' is an output of the action itself`, position, address);
      }
      const owner = outputs.get(target.name);
      if (owner !== undefined) {
        add('error', 'deliver-output-collision', `output '${target.name}' is already delivered by ${owner === fullid ? 'this token' : `token '${owner}'`}`, position, address);
      } else outputs.set(target.name, fullid);
      return;
    }
    const nameProblem = secretNameProblem(target.name);
    if (nameProblem !== undefined) {
      add('error', 'invalid-secret-name', `secret name '${oneLine(target.name)}' ${nameProblem}`, position, address);
    }
    checkGitHubNames(target, position, address, fieldAt);
    if (target.org !== undefined && (target.repository !== undefined || target.environment !== undefined)) {
      add('error', 'invalid-deliver', `github-secret '${target.name}': an organization secret has no repository or environment`, position, address);
    }
    if (target.org === undefined && (target.visibility !== undefined || target.selectedRepositories !== undefined)) {
      add('error', 'invalid-deliver', `github-secret '${target.name}': visibility and selected-repositories apply only to organization secrets (org)`, position, address);
    }
    if (target.selectedRepositories !== undefined && target.visibility !== 'selected') {
      add('error', 'invalid-deliver', `github-secret '${target.name}': selected-repositories needs visibility: selected`, position, address);
    }
    if (target.org !== undefined && target.visibility === 'selected' && (target.selectedRepositories ?? []).length === 0) {
      add('warning', 'invalid-deliver', `github-secret '${target.name}': visibility selected without selected-repositories: no repository can read it`, position, address);
    }
    // GitHub stores secret names upper-case, so PM_token and PM_TOKEN are the same secret.
    const key =
      target.org !== undefined
        ? `organization ${target.org.toLowerCase()}`
        : `${target.repository?.toLowerCase() ?? 'this repository'}${target.environment !== undefined ? `, environment ${target.environment}` : ''}`;
    const slot = `${key}: ${target.name.toUpperCase()}`;
    const owner = secrets.get(slot);
    if (owner === fullid) {
      add('warning', 'duplicate-deliver', `token '${fullid}' delivers to secret ${target.name} (${key}) twice`, position, address);
    } else if (owner !== undefined) {
      add('error', 'deliver-secret-collision', `secret ${target.name} (${key}) is already delivered by token '${owner}'`, position, address);
    } else secrets.set(slot, fullid);
  }

  /** GitHub's rules for the names of a secret target's repository, environment, organization and selected repositories. */
  function checkGitHubNames(
    target: Extract<DeliverTarget, { kind: 'github-secret' }>,
    position: SourcePosition | undefined,
    address: string,
    fieldAt: (field: string) => SourcePosition | undefined,
  ): void {
    const check = (field: string, value: string, problem: string | undefined, at = fieldAt(field)) => {
      if (problem !== undefined) add('error', 'invalid-github-name', `github-secret ${field} '${oneLine(value)}' ${problem}`, at ?? position, address);
    };
    if (target.repository !== undefined) check('repository', target.repository, fullRepositoryProblem(target.repository));
    if (target.environment !== undefined) check('environment', target.environment, environmentNameProblem(target.environment));
    if (target.org === undefined) return;
    check('org', target.org, orgLoginProblem(target.org));
    for (const entry of target.selectedRepositories ?? []) {
      const at = fieldAt(`selected-repositories[${entry}]`);
      check('selected-repositories', entry, selectedRepositoryProblem(entry, target.org ?? ''), at);
    }
  }

  // ACL entries.
  const builtinRoles = major !== undefined ? new Set(Object.keys(builtinRolesOf(major))) : undefined;
  const seenGrants = new Map<string, { propagate: boolean; entry: number }>();
  spec.acl.forEach((entry, n) => {
    const base = `acl.${n}`;
    const entryAt = where(base);
    const normalized = normalizeAclPath(entry.path);
    const versions = major !== undefined ? [major] : PVE_MAJORS;
    if (normalized === null) {
      add('error', 'invalid-acl-path', `ACL path '${entry.path}' is not valid: only letters, digits and '.', '-', '_', '/' are allowed`, where(`${base}.path`, base));
    } else if (!versions.some((m) => isAllowedAclPath(normalized, { major: m, minor: 99 }))) {
      add('error', 'invalid-acl-path', `ACL path '${entry.path}' is not accepted by ${target} (e.g. /, /vms/100, /storage/local, /pool/dev, /sdn/zones/z, /access/groups/g)`, where(`${base}.path`, base));
    }
    for (const roleid of entry.roles) {
      if (spec.roles[roleid]) continue;
      const position = where(`${base}.roles[${roleid}]`, `${base}.roles`, base);
      const builtinIn = builtinRoleMajors(roleid);
      if (builtinRoles ? builtinRoles.has(roleid) : builtinIn.includes(LATEST_MAJOR)) continue;
      if (!builtinRoles && builtinIn.length > 0) {
        add('warning', 'role-not-in-latest-version', `built-in role '${roleid}' exists only in PVE ${builtinIn.join(', ')}`, position);
      } else {
        const also = builtinIn.length > 0 ? ` (it is built-in only in PVE ${builtinIn.join(', ')})` : '';
        add('error', 'unknown-role', `role '${roleid}' is neither declared under roles nor a built-in role of ${target}${also}`, position);
      }
    }
    for (const userid of entry.users) {
      if (!spec.users[userid]) {
        add('error', 'undeclared-user', `ACL subject '${userid}' is not declared under users`, where(`${base}.users[${userid}]`, `${base}.users`, base));
      }
    }
    for (const groupid of entry.groups) checkGroupReference(groupid, where(`${base}.groups[${groupid}]`, `${base}.groups`, base), `ACL entry ${n + 1}`);
    for (const fullid of entry.tokens) {
      const position = where(`${base}.tokens[${fullid}]`, `${base}.tokens`, base);
      const parts = splitTokenId(fullid);
      if (!parts || !USERID_PATTERN.test(parts.userid) || !TOKEN_NAME_PATTERN.test(parts.tokenid)) {
        add('error', 'invalid-token-id', `'${fullid}' is not a full token id (user@realm!token)`, position);
        continue;
      }
      const owner = spec.users[parts.userid];
      const token = owner?.tokens?.[parts.tokenid];
      if (!owner) {
        add('error', 'undeclared-token', `ACL subject '${fullid}': user '${parts.userid}' is not declared under users`, position);
      } else if (!owner.tokens) {
        add('error', 'undeclared-token', `ACL subject '${fullid}' is not declared: add it under users.${parts.userid}.tokens`, position);
      } else if (!token) {
        add('error', 'undeclared-token', `ACL subject '${fullid}' is not among the tokens of ${parts.userid}`, position);
      } else if (!token.privsep) {
        add('warning', 'acl-ignored-for-token', `token '${fullid}' has privsep: false, so PVE ignores its own ACL entries (it acts with its user's privileges)`, position);
      }
    }
    const subjects = [
      ...entry.users.map((u) => `user ${u}`),
      ...entry.groups.map((g) => `group ${g}`),
      ...entry.tokens.map((t) => `token ${t}`),
    ];
    for (const subject of subjects) {
      for (const roleid of entry.roles) {
        const key = `${normalized ?? entry.path}|${subject}|${roleid}`;
        const earlier = seenGrants.get(key);
        if (!earlier) {
          seenGrants.set(key, { propagate: entry.propagate, entry: n });
        } else if (earlier.propagate !== entry.propagate) {
          add('error', 'acl-conflict', `${subject} gets ${roleid} on ${normalized ?? entry.path} with propagate ${earlier.propagate} in ACL entry ${earlier.entry + 1} and ${entry.propagate} here`, entryAt);
        } else {
          add('warning', 'duplicate-acl', `${subject} already gets ${roleid} on ${normalized ?? entry.path} in ACL entry ${earlier.entry + 1}`, entryAt);
        }
      }
    }
  });

  findings.push(
    ...limitFindings(loaded, { ...(major !== undefined && { release: { major, minor: 99 } }), ...(options.now !== undefined && { now: options.now }) }),
    ...unmatchablePruneFindings(loaded),
    ...keptUserPruneFindings(loaded),
    ...repeatedItemFindings(loaded),
  );

  // In file order, so annotations and terminal output read top to bottom.
  return findings
    .map((finding, i) => ({ finding, i }))
    .sort((a, b) => (a.finding.position?.line ?? 0) - (b.finding.position?.line ?? 0) || (a.finding.position?.column ?? 0) - (b.finding.position?.column ?? 0) || a.i - b.i)
    .map(({ finding }) => finding);
}
