/**
 * Who is asking: the token of a request, its ACL and how a path in the request's namespace
 * reads from the token's namespace (where its policies live).
 */
import { Acl, DEFAULT_POLICY, type Capability, type PolicyRules } from './policy.js';
import { pathFrom, type Namespace, type Namespaces } from './namespaces.js';
import type { TokenEntry } from './tokens.js';

export interface Caller {
  readonly token: TokenEntry;
  readonly root: boolean;
  readonly acl: Acl;
  /** The namespace the request addresses. */
  readonly namespace: Namespace;
}

/** The ACL of a token from the policies of its own namespace (`default` is built in). */
export function callerOf(token: TokenEntry, namespaces: Namespaces, requestNamespace: Namespace): Caller {
  const home = namespaces.get(token.namespace);
  const rules: PolicyRules[] = [];
  for (const name of token.policies) {
    const stored = home?.policies.get(name);
    if (stored) rules.push(stored);
    else if (name === 'default') rules.push(DEFAULT_POLICY);
  }
  return { token, root: token.policies.includes('root'), acl: new Acl(rules), namespace: requestNamespace };
}

/** The path as the token's policies name it, or undefined when the token cannot reach that namespace. */
export function policyPath(caller: Caller, path: string): string | undefined {
  return pathFrom(caller.token.namespace, caller.namespace.path, path);
}

export function can(caller: Caller, path: string, capability: Capability): boolean {
  if (caller.root) return policyPath(caller, path) !== undefined;
  const seen = policyPath(caller, path);
  return seen !== undefined && caller.acl.allows(seen, capability);
}

/** What `sys/capabilities-self` reports for a path: sorted capabilities, `root`, or `deny`. */
export function capabilityList(caller: Caller, path: string): string[] {
  const seen = policyPath(caller, path);
  if (seen === undefined) return ['deny'];
  if (caller.root) return ['root'];
  const caps = [...caller.acl.capabilities(seen)].sort();
  return caps.length > 0 ? caps : ['deny'];
}
