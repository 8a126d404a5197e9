/**
 * The plan comment carries, hidden, the list of operations the reviewers saw, so an apply whose
 * digest no longer matches can say what differs instead of only "something changed".
 */
import type { Plan } from '../plan/model.js';
import { reviewedChanges } from '../plan/reviewed.js';

const PREFIX = '<!-- proxmox-access:changes ';
/** Beyond this the list is left out; the digest alone still protects the apply. */
const MAX_ENCODED = 16_384;

/** Repair rotations are not reviewed, so a job that sees them and one that does not list the same. */
const operations = (plan: Plan): string[] =>
  reviewedChanges(plan.changes)
    .filter((c) => !c.implied)
    .map((c) => `${c.action} ${c.address}`);

export function encodeReviewedChanges(plan: Plan): string {
  const encoded = Buffer.from(JSON.stringify(operations(plan)), 'utf8').toString('base64url');
  return encoded.length > MAX_ENCODED ? '' : `${PREFIX}${encoded} -->`;
}

export function decodeReviewedChanges(commentBody: string): string[] | undefined {
  const start = commentBody.indexOf(PREFIX);
  if (start < 0) return undefined;
  const end = commentBody.indexOf(' -->', start);
  try {
    const parsed: unknown = JSON.parse(Buffer.from(commentBody.slice(start + PREFIX.length, end), 'base64url').toString('utf8'));
    return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export interface ReviewDifference {
  /** Operations planned now that the reviewed plan did not show. */
  readonly added: readonly string[];
  /** Reviewed operations no longer planned. */
  readonly dropped: readonly string[];
}

export function differenceFromReview(reviewed: readonly string[], plan: Plan): ReviewDifference {
  const now = operations(plan);
  const seen = new Set(reviewed);
  const current = new Set(now);
  return { added: now.filter((op) => !seen.has(op)), dropped: reviewed.filter((op) => !current.has(op)) };
}
