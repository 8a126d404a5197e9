/**
 * From the spec as written (schema-checked) to the Spec the engine uses: every default the
 * README documents applied, durations and dates in seconds, lists sorted and de-duplicated, so the
 * planner never has to guess and two equivalent files give deep-equal specs.
 */
import { normalizeAclPath } from '../model/acl-path.js';
import { parseDuration, parseExpire } from './duration.js';
import { buildRealms } from './realm-build.js';
import type { AclSpec, DeliverTarget, GroupSpec, RoleSpec, Spec, TokenSpec, UserSpec } from './model.js';
import { buildPools } from './build-pools.js';
import { resolveVaultTarget } from './vault-target.js';
import type { DeliverInput, SpecInput, TokenInput, UserInput } from './schema.js';

const sorted = (list: readonly string[] | undefined): string[] => [...new Set(list ?? [])].sort();

/** A sixth of the lifetime: for 90d, rotation starts with 15 days left. */
export const defaultRotateBefore = (lifetime: number): number => Math.floor(lifetime / 6);

/** How long the previous generation keeps working after an overlap rotation, unless `overlap` says. */
export const DEFAULT_OVERLAP = 7 * 86_400;

export function buildSpec(input: SpecInput): Spec {
  const roles: Record<string, RoleSpec> = {};
  for (const [roleid, role] of Object.entries(input.roles ?? {})) roles[roleid] = { roleid, privileges: sorted(role.privileges) };

  const groups: Record<string, GroupSpec> = {};
  for (const [groupid, group] of Object.entries(input.groups ?? {}))
    groups[groupid] = { groupid, comment: group?.comment ?? '', ...(group?.external === true && { external: true }) };

  const users: Record<string, UserSpec> = {};
  for (const [userid, user] of Object.entries(input.users ?? {})) users[userid] = buildUser(userid, user ?? {});

  return {
    version: 1,
    roles,
    groups,
    users,
    acl: (input.acl ?? []).map((entry): AclSpec => ({
      // An unusable path is kept as written; validation reports it at its line.
      path: normalizeAclPath(entry.path) ?? entry.path,
      roles: sorted(entry.roles),
      users: sorted(entry.users),
      groups: sorted(entry.groups),
      tokens: sorted(entry.tokens),
      propagate: entry.propagate ?? true,
    })),
    ...(input.pools !== undefined && input.pools !== null && { pools: buildPools(input.pools) }),
    prune: {
      users: sorted(input.prune?.users),
      roles: sorted(input.prune?.roles),
      groups: sorted(input.prune?.groups),
      ...(input.prune?.pools !== undefined && { pools: sorted(input.prune.pools) }),
      realms: sorted(input.prune?.realms),
    },
    realms: buildRealms(input.realms),
  };
}

function buildUser(userid: string, user: UserInput): UserSpec {
  const base = {
    userid,
    comment: user.comment ?? '',
    enable: user.enable ?? true,
    expire: user.expire === undefined ? 0 : (parseExpire(user.expire) ?? 0),
    groups: sorted(user.groups),
    email: user.email ?? '',
    firstname: user.firstname ?? '',
    lastname: user.lastname ?? '',
    ...(user.external === true && { external: true as const }),
  };
  if (user.tokens === undefined) return base;
  const tokens: Record<string, TokenSpec> = {};
  for (const [tokenid, token] of Object.entries(user.tokens)) tokens[tokenid] = buildToken(tokenid, token ?? {});
  return { ...base, tokens };
}

function buildToken(tokenid: string, token: TokenInput): TokenSpec {
  const lifetime = token.lifetime === undefined ? undefined : parseDuration(token.lifetime);
  const rotateBefore = token['rotate-before'] === undefined ? undefined : parseDuration(token['rotate-before']);
  const spec: TokenSpec = {
    tokenid,
    comment: token.comment ?? '',
    privsep: token.privsep ?? true,
    deliver: (token.deliver ?? []).map(buildDeliver),
    format: token.format ?? 'full',
    ...rotationOf(token),
  };
  if (lifetime === undefined) return rotateBefore === undefined ? spec : { ...spec, rotateBefore };
  return { ...spec, lifetime, rotateBefore: rotateBefore ?? defaultRotateBefore(lifetime) };
}

function rotationOf(token: TokenInput): Pick<TokenSpec, 'rotation' | 'overlap'> {
  const overlap = token.overlap === undefined ? undefined : parseDuration(token.overlap);
  return {
    ...(token.rotation !== undefined && { rotation: token.rotation }),
    ...(overlap !== undefined ? { overlap } : token.rotation === 'overlap' ? { overlap: DEFAULT_OVERLAP } : {}),
  };
}

function buildDeliver(entry: DeliverInput): DeliverTarget {
  if ('output' in entry) return { kind: 'output', name: entry.output };
  if ('vault' in entry) return { kind: 'vault', ...resolveVaultTarget(entry.vault) };
  const target = entry['github-secret'];
  if (typeof target === 'string') return { kind: 'github-secret', name: target };
  return {
    kind: 'github-secret',
    name: target.name,
    ...(target.repository !== undefined && { repository: target.repository }),
    ...(target.environment !== undefined && { environment: target.environment }),
    ...(target.org !== undefined && { org: target.org }),
    ...(target.visibility !== undefined && { visibility: target.visibility }),
    ...(target['selected-repositories'] !== undefined && { selectedRepositories: sorted(target['selected-repositories']) }),
  };
}
