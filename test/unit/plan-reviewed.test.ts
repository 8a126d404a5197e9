/**
 * The reviewed digest depends on the spec and the cluster, never on a job's optional inputs:
 * repair rotations (a missing GitHub secret, the rotate input) stay out of it, and so do expiry
 * rotations and the token expiries they move; declared changes stay in.
 */
import { describe, expect, it } from 'vitest';
import { makePlan } from '../../src/plan/make-plan.js';
import type { Plan, PlanOptions } from '../../src/plan/model.js';
import { hasReviewedChanges, repairChanges, reviewedChanges } from '../../src/plan/reviewed.js';
import { encodeReviewedChanges, decodeReviewedChanges } from '../../src/render/reviewed-changes.js';
import { renderPlanMarkdown } from '../../src/render/markdown.js';
import type { TokenSpec } from '../../src/spec/model.js';
import type { LiveToken } from '../../src/model/live-state.js';
import { DAY, NOW, live, liveToken, liveUser, options, spec, tokenSpec, userSpec } from './plan-fixtures.js';

const TOKEN = 'a@pve!ci';

/** `a@pve` with tokens ci (existing, `have`) and new (not yet created). */
function planWith(want: TokenSpec, have: LiveToken, opts: Partial<PlanOptions> = {}): Plan {
  const s = spec({ users: [userSpec('a@pve', { tokens: [want, tokenSpec('new')] })] });
  const l = live({ users: [liveUser('a@pve', { tokens: [have] })] });
  return makePlan(s, l, options(opts));
}

const operations = (plan: Plan): string[] => plan.changes.map((c) => `${c.action} ${c.address}`);

describe('the reviewed digest and repair rotations', () => {
  it('plans a missing secret as a repair rotation that leaves the digest as a job without secrets-token computes it', () => {
    const planJob = planWith(tokenSpec('ci'), liveToken('ci'));
    const applyJob = planWith(tokenSpec('ci'), liveToken('ci'), { secretMissing: [TOKEN] });
    expect(operations(planJob)).toEqual(['create token:a@pve!new']);
    expect(operations(applyJob)).toEqual(['rotate token:a@pve!ci', 'create token:a@pve!new']);
    expect(repairChanges(applyJob).map((c) => c.address)).toEqual(['token:a@pve!ci']);
    expect(applyJob.digest).toBe(planJob.digest);
    expect(decodeReviewedChanges(encodeReviewedChanges(applyJob))).toEqual(decodeReviewedChanges(encodeReviewedChanges(planJob)));
  });

  it('treats a rotation the rotate input asks for the same way, in either job', () => {
    const plain = planWith(tokenSpec('ci'), liveToken('ci'));
    expect(planWith(tokenSpec('ci'), liveToken('ci'), { rotate: 'all' }).digest).toBe(plain.digest);
    expect(planWith(tokenSpec('ci'), liveToken('ci'), { rotate: [TOKEN] }).digest).toBe(plain.digest);
  });

  it('keeps the declared part of a repair rotation: a metadata change still counts as the update it would be', () => {
    const want = tokenSpec('ci', { comment: 'new comment' });
    const have = liveToken('ci', { comment: 'old comment' });
    const planJob = planWith(want, have);
    const applyJob = planWith(want, have, { secretMissing: [TOKEN] });
    expect(operations(planJob)).toContain('update token:a@pve!ci');
    expect(operations(applyJob)).toContain('rotate token:a@pve!ci');
    expect(applyJob.digest).toBe(planJob.digest);
    expect(reviewedChanges(applyJob.changes)).toEqual(planJob.changes);
    // The declared part is still reviewed: another comment is another digest.
    expect(planWith(tokenSpec('ci', { comment: 'other' }), have, { secretMissing: [TOKEN] }).digest).not.toBe(planJob.digest);
  });

  it('leaves a rotation the declared lifetime asks for, and the expiry it moves, out of the digest', () => {
    const want = tokenSpec('ci', { lifetime: 60 * DAY });
    const due = liveToken('ci', { expire: NOW + 2 * DAY });
    const expiring = planWith(want, due);
    const both = planWith(want, due, { secretMissing: [TOKEN] });
    expect(operations(expiring)).toContain('rotate token:a@pve!ci');
    expect(repairChanges(expiring)).toEqual([]);
    expect(repairChanges(both)).toEqual([]);
    expect(both.digest).toBe(expiring.digest);
    // After a scheduled rotation the token is no longer due and has a new expiry: the same digest,
    // so a plan reviewed before the nightly rotation still applies after it.
    const rotated = planWith(want, liveToken('ci', { expire: NOW + 60 * DAY }));
    expect(operations(rotated)).not.toContain('rotate token:a@pve!ci');
    expect(rotated.digest).toBe(expiring.digest);
    // Declared access still counts: the same rotation with another comment is another digest.
    expect(planWith(tokenSpec('ci', { lifetime: 60 * DAY, comment: 'other' }), due).digest).not.toBe(expiring.digest);
  });

  it('says a plan of repair only has nothing to review', () => {
    const s = spec({ users: [userSpec('a@pve', { tokens: [tokenSpec('ci')] })] });
    const l = live({ users: [liveUser('a@pve', { tokens: [liveToken('ci')] })] });
    const repairOnly = makePlan(s, l, options({ secretMissing: [TOKEN] }));
    expect(repairOnly.changes).toHaveLength(1);
    expect(hasReviewedChanges(repairOnly)).toBe(false);
    expect(hasReviewedChanges(planWith(tokenSpec('ci'), liveToken('ci')))).toBe(true);
  });

  it('shows repair in its own section of the plan comment, not among the reviewed changes', () => {
    const markdown = renderPlanMarkdown(planWith(tokenSpec('ci'), liveToken('ci'), { secretMissing: [TOKEN] }), {
      specPath: 'proxmox-access.yml',
      mode: 'plan',
    });
    const [before, repair] = markdown.split('#### Repair on apply, not part of the reviewed digest');
    expect(repair).toBeDefined();
    const changes = before!.slice(before!.indexOf('#### Changes'));
    expect(changes).toContain('token:a@pve!new');
    expect(changes).not.toContain('a@pve!ci');
    expect(repair).toContain('token:a@pve!ci');
    expect(repair).toContain('a delivery target no longer holds the secret');
    const without = renderPlanMarkdown(planWith(tokenSpec('ci'), liveToken('ci')), { specPath: 'proxmox-access.yml', mode: 'plan' });
    expect(without).not.toContain('Repair on apply');
  });
});
