/**
 * What a review approves. Two runs of the same spec against the same cluster must agree on it
 * whatever inputs their jobs were given, so repair rotations (asked for only by a run's inputs:
 * a GitHub secret seen missing through `secrets-token`, the `rotate` input) are left out, as if
 * that run had not asked for them: a repair rotation that also brings declared token fields into
 * line counts as the update it would otherwise be.
 */
import type { Change, Plan, RealmChange, TokenChange } from './model.js';

/** A token change as it would be without its rotation: its declared field changes, or nothing. */
export function declaredPart(change: TokenChange): TokenChange | undefined {
  if (change.fields.length === 0) return undefined;
  const { repair: _repair, rotation: _rotation, generation: _generation, reason: _reason, ...rest } = change;
  return { ...rest, action: 'update' };
}

/** A realm whose secret is set again, or that syncs, on request: what is left is the update the spec asks for, if any. */
function declaredRealmPart(change: RealmChange): RealmChange | undefined {
  if (change.fields.length === 0) return undefined;
  const { repair: _repair, secret: _secret, syncRequested: _syncRequested, reason: _reason, ...rest } = change;
  return rest;
}

/** The changes a review covers, in plan order: every change, with repairs reduced to their declared part. */
export function reviewedChanges(changes: readonly Change[]): Change[] {
  return changes.flatMap((c) => {
    if (c.kind === 'realm' && c.repair === true) {
      const declared = declaredRealmPart(c);
      return declared ? [declared] : [];
    }
    if (c.kind !== 'token' || c.repair !== true) return [c];
    const declared = declaredPart(c);
    return declared ? [declared] : [];
  });
}

/** Repair rotations: done by apply on its own, shown apart from the reviewed changes. */
export const repairChanges = (plan: Plan): TokenChange[] =>
  plan.changes.filter((c): c is TokenChange => c.kind === 'token' && c.repair === true);

/** Whether the plan changes anything a review must approve (implied cascades aside). */
export const hasReviewedChanges = (plan: Plan): boolean => reviewedChanges(plan.changes).some((c) => !c.implied);
