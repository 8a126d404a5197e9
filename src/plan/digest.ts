/**
 * The plan digest: sha256 over the changes and the live state they were computed from. The PR
 * comment carries it; apply re-plans and proceeds only when the digest is the same, i.e. the
 * cluster did not change since the review and the same operations will run.
 *
 * - The whole live access state counts, not only the objects the changes touch: ownership,
 *   pruning, cascades, privilege diffs and lockout checks all read the rest of it.
 * - `reason` is left out: it is prose for humans, may be worded differently by another release
 *   of this action, and apply never branches on it.
 * - Repair rotations are left out (reviewed.ts): they depend on the job's inputs, not on the spec
 *   and the cluster, so a plan job and an apply job configured differently still agree.
 * - Rotations that an expiry asks for are left out too (only their declared part counts), and so
 *   are the live tokens' expiries: a rotation moves a secret and an expiry, never declared access,
 *   so the nightly `rotate` run between a review and its merge does not make the apply refuse.
 * - Canonical JSON (sorted keys, no undefined) so the digest depends only on content.
 */
import { createHash } from 'node:crypto';
import type { LiveState, LiveToken, LiveUser } from '../model/live-state.js';
import type { Change } from './model.js';
import { declaredPart, reviewedChanges } from './reviewed.js';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = canonical(item);
    }
    return out;
  }
  return value;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

const withoutRotations = (changes: readonly Change[]): Change[] =>
  reviewedChanges(changes).flatMap((c) => (c.kind === 'token' && c.action === 'rotate' ? (declaredPart(c) ?? []) : [c]));

function withoutTokenExpiry(user: LiveUser): unknown {
  const tokens: Record<string, Omit<LiveToken, 'expire'>> = {};
  for (const [id, { expire: _expire, ...rest }] of Object.entries(user.tokens)) tokens[id] = rest;
  return { ...user, tokens };
}

export function planDigest(changes: readonly Change[], live: LiveState): string {
  const operations = withoutRotations(changes).map(({ reason: _reason, ...rest }) => rest);
  const users = Object.fromEntries(Object.entries(live.users).map(([id, user]) => [id, withoutTokenExpiry(user)]));
  return createHash('sha256')
    .update(canonicalJson({ changes: operations, live: { ...live, users } }))
    .digest('hex');
}
