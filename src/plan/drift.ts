/**
 * Drift: how the cluster moved away from the spec since it was applied, read
 * off a plan made against it. Changed, added and deleted objects come from the plan's changes;
 * privileges a PVE upgrade stripped from a declared role, expiring tokens and users, and
 * delivery targets that lost a secret are reported in their own right.
 */
import type { LiveState } from '../model/live-state.js';
import type { LoadedSpec } from '../spec/model.js';
import { fieldsDrift, listDrift, MISSING_FROM_CLUSTER, notInSpec, strippedDrift } from './drift-wording.js';
import type { Change, Plan, RoleChange } from './model.js';
import { expiresWithin, isoTime, rotateBeforeOf } from './rotation.js';
import { fullTokenId } from '../model/identity.js';
import { liveGenerations } from '../model/token-generations.js';

export type DriftKind = 'changed' | 'added' | 'deleted' | 'privileges-stripped' | 'expiring' | 'secret-missing';

export interface DriftItem {
  readonly kind: DriftKind;
  readonly address: string;
  readonly message: string;
}

export interface DriftReport {
  readonly items: readonly DriftItem[];
  readonly clean: boolean;
}

export interface DriftOptions {
  /** Epoch seconds. */
  readonly now: number;
  /** Full token ids whose delivery target no longer holds the secret. */
  readonly secretMissing?: readonly string[];
}

/** Users have no rotate-before; warn this long before their expiry (or their tokens' window, if longer). */
export const USER_EXPIRY_WINDOW = 14 * 86_400;

function roleDrift(change: RoleChange, live: LiveState): DriftItem[] {
  const field = change.fields.find((f) => f.field === 'privileges');
  const before = Array.isArray(field?.before) ? (field.before as string[]) : [];
  const known = new Set(live.roles['Administrator']?.privileges ?? []);
  const missing = change.privileges.filter((p) => !before.includes(p));
  // PVE silently drops privileges it no longer knows when it parses a role (e.g. VM.Monitor on 9.x).
  const stripped = known.size > 0 ? missing.filter((p) => !known.has(p)) : [];
  const items: DriftItem[] = [];
  if (stripped.length > 0) {
    items.push({ kind: 'privileges-stripped', address: change.address, message: strippedDrift(stripped, live.version.version) });
  }
  // Stripped privileges are reported above; the rest is a hand edit.
  const edited = listDrift(
    'privileges',
    before,
    change.privileges.filter((p) => !stripped.includes(p)),
  );
  if (edited !== undefined) items.push({ kind: 'changed', address: change.address, message: edited });
  return items;
}

function changeDrift(change: Change, live: LiveState): DriftItem[] {
  if (change.implied) return [];
  switch (change.action) {
    case 'create':
      return [{ kind: 'deleted', address: change.address, message: MISSING_FROM_CLUSTER }];
    case 'delete':
      // A previous generation whose overlap ended is the rotation finishing, not a hand edit.
      if (change.kind === 'token' && change.retired) return [];
      return [{ kind: 'added', address: change.address, message: notInSpec(change.reason) }];
    case 'update':
      if (change.kind === 'role') return roleDrift(change, live);
      return [{ kind: 'changed', address: change.address, message: fieldsDrift(change.fields) }];
    case 'rotate':
      // The rotation itself is reported below (expiring / secret-missing); hand edits riding along are drift too.
      return change.fields.length > 0 ? [{ kind: 'changed', address: change.address, message: fieldsDrift(change.fields) }] : [];
  }
}

function expiryDrift(spec: LoadedSpec, live: LiveState, now: number): DriftItem[] {
  const items: DriftItem[] = [];
  for (const user of Object.values(spec.spec.users)) {
    const liveUser = live.users[user.userid];
    if (!liveUser) continue;
    let userWindow = USER_EXPIRY_WINDOW;
    for (const token of Object.values(user.tokens ?? {})) {
      const window = rotateBeforeOf(token);
      const liveToken =
        token.rotation === 'overlap' ? liveGenerations(token.tokenid, liveUser.tokens).at(-1)?.token : liveUser.tokens[token.tokenid];
      if (window === undefined || !liveToken) continue;
      userWindow = Math.max(userWindow, window);
      if (expiresWithin(liveToken.expire, window, now)) {
        const verb = liveToken.expire <= now ? 'expired' : 'expires';
        items.push({
          kind: 'expiring',
          address: `token:${fullTokenId(user.userid, liveToken.tokenid)}`,
          message: `${verb} ${isoTime(liveToken.expire)}, within rotate-before: the next apply rotates it`,
        });
      }
    }
    if (expiresWithin(liveUser.expire, userWindow, now)) {
      const verb = liveUser.expire <= now ? 'expired' : 'expires';
      items.push({
        kind: 'expiring',
        address: `user:${user.userid}`,
        message: `user ${verb} ${isoTime(liveUser.expire)}; its tokens stop working with it`,
      });
    }
  }
  return items;
}

export function detectDrift(spec: LoadedSpec, live: LiveState, plan: Plan, options: DriftOptions): DriftReport {
  const items = [
    ...plan.changes.flatMap((c) => changeDrift(c, live)),
    ...expiryDrift(spec, live, options.now),
    ...(options.secretMissing ?? []).map((id): DriftItem => ({
      kind: 'secret-missing',
      address: `token:${id}`,
      message: 'a delivery target no longer holds the secret: the next apply rotates it',
    })),
  ];
  return { items, clean: items.length === 0 };
}
