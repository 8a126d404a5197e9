/** Labels and badges the Markdown renderers share. */
import type { Change, ChangeAction } from '../plan/model.js';
import type { Severity } from '../model/finding.js';

export type ChangeKind = Change['kind'];

/** The order of execution, so a reviewer reads the plan as apply runs it. */
export const KIND_ORDER: readonly ChangeKind[] = ['realm', 'role', 'group', 'user', 'token', 'pool', 'acl'];

export const KIND_LABEL: Readonly<Record<ChangeKind, string>> = {
  realm: 'Realms',
  role: 'Roles',
  group: 'Groups',
  user: 'Users',
  token: 'API tokens',
  pool: 'Pools',
  acl: 'ACL entries',
};

export const ACTION_BADGE: Readonly<Record<ChangeAction, string>> = {
  create: '➕ create',
  update: '✏️ update',
  delete: '🗑️ delete',
  rotate: '🔄 rotate',
};

export const SEVERITY_BADGE: Readonly<Record<Severity, string>> = {
  error: '⛔ **error**',
  warning: '⚠️ **warning**',
  notice: 'ℹ️ notice',
};

export const ACTIONS: readonly ChangeAction[] = ['create', 'update', 'delete', 'rotate'];

/** The ownership rules of the spec, as the plan states them. */
export const OWNERSHIP_RULES: readonly string[] = [
  'A declared role, group or user is owned whole: its fields are exactly the spec’s.',
  'A declared user with `tokens:` owns exactly those tokens; without `tokens:` its tokens are left alone.',
  'An ACL entry whose subject is a declared user, group or token is owned: undeclared ones go.',
  'Anything else is deleted only when it matches a `prune` pattern. Never `root@pam`, never a built-in role, never the identity the action authenticates with.',
];

export const ownershipNote = (): string =>
  ['<details><summary>Ownership rules</summary>', '', ...OWNERSHIP_RULES.map((rule) => `- ${rule}`), '', '</details>'].join('\n');
