/**
 * The system and token endpoints a KV client needs: `sys/mounts` and the UI's mount preflight
 * (how clients tell KV v1 from v2), `sys/capabilities-self`, and the token's own lookup and
 * revocation.
 */
import { callerOf, capabilityList, policyPath, type Caller } from './access.js';
import type { FakeClock } from './clock.js';
import { badRequest, envelope, failure, invalidToken, missingToken, noContent, type VaultReply } from './envelope.js';
import type { Mount, Namespace, Namespaces } from './namespaces.js';
import type { TokenStore } from './tokens.js';

export interface SysWorld {
  readonly namespaces: Namespaces;
  readonly tokens: TokenStore;
  readonly clock: FakeClock;
}

/** A mount as `sys/mounts` describes it. */
export function mountInfo(mount: Mount): Record<string, unknown> {
  return {
    accessor: mount.accessor,
    config: { default_lease_ttl: 0, force_no_cache: false, max_lease_ttl: 0 },
    description: mount.description,
    external_entropy_access: false,
    local: false,
    options: mount.engine.options,
    plugin_version: '',
    running_plugin_version: `v0.0.0+builtin`,
    running_sha256: '',
    seal_wrap: false,
    type: mount.engine.type,
    uuid: mount.uuid,
  };
}

export function readMounts(namespace: Namespace): VaultReply {
  const data: Record<string, unknown> = {};
  for (const mount of [...namespace.mounts.values()].sort((a, b) => a.path.localeCompare(b.path))) data[mount.path] = mountInfo(mount);
  data['sys/'] = {
    accessor: 'system_00000000',
    config: { default_lease_ttl: 0, force_no_cache: false, max_lease_ttl: 0 },
    description: 'system endpoints used for control, policy and debugging',
    external_entropy_access: false,
    local: false,
    options: null,
    seal_wrap: true,
    type: 'system',
    uuid: '00000000-0000-0000-0000-000000000000',
  };
  return envelope(data, { mountType: 'system', flatten: true });
}

/**
 * `GET sys/internal/ui/mounts/<path>`: unauthenticated as a route, but it answers only a
 * caller whose policies reach somewhere below the mount, and says the same thing when there
 * is no mount, so the endpoint cannot be used to discover mounts.
 */
export function preflight(world: SysWorld, namespace: Namespace, rawPath: string, tokenId: string | undefined): VaultReply {
  const path = `${rawPath.replace(/^\/+/, '').replace(/\/*$/, '')}/`;
  const refusal = failure(403, `preflight capability check returned 403, please ensure client's policies grant access to path "${path}"`);
  if (!tokenId) return missingToken();
  const token = world.tokens.lookup(tokenId);
  if (!token) return invalidToken();
  const routed = namespace.route(path);
  if (!routed) return refusal;
  const caller = callerOf(token, world.namespaces, namespace);
  const seen = policyPath(caller, routed.mount.path);
  if (seen === undefined || !(caller.root || caller.acl.grantsBelow(seen))) return refusal;
  return envelope({ ...mountInfo(routed.mount), path: routed.mount.path }, { mountType: 'system' });
}

export function capabilitiesSelf(caller: Caller, body: Record<string, unknown>): VaultReply {
  const paths = Array.isArray(body.paths)
    ? body.paths.filter((p): p is string => typeof p === 'string')
    : typeof body.paths === 'string'
      ? body.paths.split(',')
      : typeof body.path === 'string'
        ? [body.path]
        : [];
  if (paths.length === 0) return badRequest("'paths' must be supplied");
  const data: Record<string, string[]> = {};
  for (const path of paths) data[path] = capabilityList(caller, path.replace(/^\/+/, ''));
  if (paths.length === 1) data.capabilities = data[paths[0]!]!;
  return envelope(data, { mountType: 'system', flatten: true });
}

export function lookupSelf(world: SysWorld, caller: Caller): VaultReply {
  const { token } = caller;
  const ttl = world.tokens.remaining(token);
  return envelope(
    {
      accessor: token.accessor,
      creation_time: token.creationTime,
      creation_ttl: token.ttl,
      display_name: token.displayName,
      entity_id: token.entityId,
      expire_time: token.ttl === 0 ? null : new Date((token.creationTime + token.ttl) * 1000).toISOString(),
      explicit_max_ttl: 0,
      id: token.id,
      issue_time: new Date(token.creationTime * 1000).toISOString(),
      meta: token.meta,
      num_uses: 0,
      orphan: true,
      path: token.path,
      policies: token.policies,
      renewable: token.renewable,
      ttl,
      type: 'service',
    },
    { mountType: 'token' },
  );
}

export function revokeSelf(world: SysWorld, caller: Caller): VaultReply {
  world.tokens.revoke(caller.token.id);
  return noContent();
}
