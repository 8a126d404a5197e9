/**
 * One request through Vault's order of checks: sealed, namespace, body, unauthenticated login
 * and preflight routes, then token, ACL (writes need `create` or `update` depending on whether
 * the key exists), and finally the route itself or "no handler".
 */
import { callerOf, can, policyPath } from './access.js';
import type { Operation } from './engine.js';
import { isPlainObject } from './engine.js';
import {
  badRequest,
  failure,
  invalidToken,
  missingToken,
  multiError,
  noHandler,
  permissionDenied,
  sealed,
  type VaultReply,
} from './envelope.js';
import type { VaultFaults } from './faults.js';
import type { Capability } from './policy.js';
import { capabilitiesSelf, lookupSelf, preflight, readMounts, revokeSelf, type SysWorld } from './sys.js';

export interface IncomingRequest {
  readonly method: string;
  /** The URL path below `/v1/`, decoded. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly namespaceHeader: string;
  readonly token: string | undefined;
  readonly rawBody: string;
}

const CAPABILITY: Record<Operation, Capability> = {
  read: 'read',
  list: 'list',
  create: 'create',
  update: 'update',
  delete: 'delete',
  patch: 'patch',
};

function operationOf(method: string, query: URLSearchParams): Operation | undefined {
  switch (method) {
    case 'GET':
      return query.get('list') === 'true' ? 'list' : 'read';
    case 'LIST':
      return 'list';
    case 'POST':
    case 'PUT':
      return 'update';
    case 'DELETE':
      return 'delete';
    case 'PATCH':
      return 'patch';
    default:
      return undefined;
  }
}

type Parsed = { readonly ok: true; readonly body: Record<string, unknown> } | { readonly ok: false; readonly reply: VaultReply };

function parseBody(raw: string): Parsed {
  if (raw.trim() === '') return { ok: true, body: {} };
  try {
    const value = JSON.parse(raw) as unknown;
    if (isPlainObject(value)) return { ok: true, body: value };
    return { ok: false, reply: badRequest('failed to parse JSON input: body is not a JSON object') };
  } catch (err) {
    return { ok: false, reply: badRequest(`failed to parse JSON input: ${(err as Error).message}`) };
  }
}

const unsupportedOperation = (): VaultReply => failure(405, multiError('unsupported operation'));

export async function route(world: SysWorld, faults: VaultFaults, request: IncomingRequest): Promise<VaultReply> {
  if (faults.countRequest()) return sealed();
  const operation = operationOf(request.method, request.query);
  if (!operation) return failure(405);
  const resolved = world.namespaces.resolve(request.namespaceHeader, request.path.replace(/\/{2,}/g, '/').replace(/^\//, ''));
  if (!resolved) return noHandler(`${request.namespaceHeader.replace(/^\/+|\/+$/g, '')}/${request.path}`);
  const { namespace } = resolved;
  const path = operation === 'list' && !resolved.path.endsWith('/') ? `${resolved.path}/` : resolved.path;
  const parsed = parseBody(request.rawBody);
  if (!parsed.ok) return parsed.reply;
  const params = parsed.body;
  if (operation === 'update' && path.endsWith('/')) return badRequest("cannot write to a path ending in '/'");

  const login = /^auth\/([^/]+)\/login$/.exec(path);
  const jwtMount = login ? namespace.jwtAuth.get(login[1]!) : undefined;
  if (jwtMount) return operation === 'update' ? jwtMount.login(params, world.tokens, world.clock) : unsupportedOperation();
  if (path.startsWith('sys/internal/ui/mounts/') && operation === 'read') {
    return preflight(world, namespace, path.slice('sys/internal/ui/mounts/'.length), request.token);
  }

  if (!request.token) return missingToken();
  const token = world.tokens.lookup(request.token);
  if (!token) return invalidToken();
  // The token's own endpoints always act in the token's namespace.
  const selfPath = path === 'auth/token/lookup-self' || path === 'auth/token/revoke-self';
  const caller = callerOf(token, world.namespaces, selfPath ? (world.namespaces.get(token.namespace) ?? namespace) : namespace);
  if (policyPath(caller, path) === undefined || faults.denies(request.method, path)) return permissionDenied();
  const allowed = (capability: Capability): boolean => can(caller, path, capability);

  switch (path) {
    case 'sys/mounts':
      if (!allowed(CAPABILITY[operation])) return permissionDenied();
      return operation === 'read' ? readMounts(namespace) : unsupportedOperation();
    case 'sys/capabilities-self':
      if (!allowed(CAPABILITY[operation])) return permissionDenied();
      return operation === 'update' ? capabilitiesSelf(caller, params) : unsupportedOperation();
    case 'auth/token/lookup-self':
      if (!allowed(CAPABILITY[operation])) return permissionDenied();
      return operation === 'read' ? lookupSelf(world, caller) : unsupportedOperation();
    case 'auth/token/revoke-self':
      if (!allowed(CAPABILITY[operation])) return permissionDenied();
      return operation === 'update' ? revokeSelf(world, caller) : unsupportedOperation();
  }

  const routed = namespace.route(path);
  let effective = operation;
  if (routed && operation === 'update' && routed.mount.engine.exists(routed.rest) === false) effective = 'create';
  if (!allowed(CAPABILITY[effective])) return permissionDenied();
  if (!routed) return noHandler(namespace.path ? `${namespace.path}/${path}` : path);
  return routed.mount.engine.handle({ operation: effective, path: routed.rest, body: params, query: request.query });
}
