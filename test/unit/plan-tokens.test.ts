import { describe, expect, it } from 'vitest';
import { makePlan } from '../../src/plan/make-plan.js';
import type { Plan, PlanOptions, TokenChange } from '../../src/plan/model.js';
import type { TokenSpec } from '../../src/spec/model.js';
import { DAY, NOW, live, liveToken, liveUser, options, spec, tokenSpec, userSpec } from './plan-fixtures.js';
import type { LiveToken } from '../../src/model/live-state.js';

function planToken(want: TokenSpec, have: LiveToken | undefined, opts: Partial<PlanOptions> = {}, version = '9.1.1'): Plan {
  const s = spec({ users: [userSpec('a@pve', { tokens: [want] })] });
  const l = live({ version, users: [liveUser('a@pve', { tokens: have ? [have] : [] })] });
  return makePlan(s, l, options(opts));
}

const tokenChange = (plan: Plan): TokenChange | undefined => plan.changes.find((c): c is TokenChange => c.kind === 'token');

describe('token metadata', () => {
  it('creates a token with its lifetime, privsep and delivery', () => {
    const change = tokenChange(planToken(tokenSpec('ci', { lifetime: 90 * DAY, privsep: false, comment: 'CI' }), undefined));
    expect(change).toMatchObject({
      action: 'create',
      fullid: 'a@pve!ci',
      lifetime: 90 * DAY,
      privsep: false,
      comment: 'CI',
      deliver: [{ kind: 'output', name: 'ci_token' }],
    });
  });

  it('changes privsep in place (PVE accepts privsep on PUT), it does not recreate', () => {
    const change = tokenChange(planToken(tokenSpec('ci', { privsep: false }), liveToken('ci', { privsep: true })));
    expect(change).toMatchObject({ action: 'update', privsep: false, fields: [{ field: 'privsep', before: true, after: false }] });
    expect(change?.rotation).toBeUndefined();
  });

  it('updates the comment, but does not plan removing it on PVE 8, which cannot', () => {
    expect(tokenChange(planToken(tokenSpec('ci', { comment: '' }), liveToken('ci', { comment: 'x' })))).toMatchObject({
      action: 'update',
      fields: [{ field: 'comment', after: '' }],
    });
    const old = planToken(tokenSpec('ci', { comment: '' }), liveToken('ci', { comment: 'x' }), {}, '8.2.4');
    expect(old.changes).toEqual([]);
    expect(old.findings.map((f) => f.code)).toContain('token-comment');
  });

  it('gives a never-expiring token the declared lifetime, and clears an expiry the spec does not want', () => {
    expect(tokenChange(planToken(tokenSpec('ci', { lifetime: 30 * DAY }), liveToken('ci', { expire: 0 })))).toMatchObject({
      action: 'update',
      fields: [{ field: 'lifetime', after: 30 * DAY }],
    });
    expect(tokenChange(planToken(tokenSpec('ci'), liveToken('ci', { expire: NOW + DAY })))).toMatchObject({
      action: 'update',
      fields: [{ field: 'expire', before: NOW + DAY, after: 0 }],
    });
  });

  it('brings an expiry beyond now + lifetime back within the lifetime, and leaves one inside it alone', () => {
    expect(tokenChange(planToken(tokenSpec('ci', { lifetime: 30 * DAY }), liveToken('ci', { expire: NOW + 60 * DAY })))?.action).toBe(
      'update',
    );
    expect(planToken(tokenSpec('ci', { lifetime: 30 * DAY }), liveToken('ci', { expire: NOW + 20 * DAY })).changes).toEqual([]);
  });
});

describe('rotation triggers', () => {
  const lifetime = 60 * DAY; // default rotate-before: 10 days

  it('rotates within the default rotate-before window (a sixth of the lifetime), not before', () => {
    expect(tokenChange(planToken(tokenSpec('ci', { lifetime }), liveToken('ci', { expire: NOW + 9 * DAY })))?.action).toBe('rotate');
    expect(planToken(tokenSpec('ci', { lifetime }), liveToken('ci', { expire: NOW + 11 * DAY })).changes).toEqual([]);
  });

  it('honours an explicit rotate-before and rotates expired tokens', () => {
    const want = tokenSpec('ci', { lifetime, rotateBefore: 20 * DAY });
    expect(tokenChange(planToken(want, liveToken('ci', { expire: NOW + 15 * DAY })))?.action).toBe('rotate');
    const expired = tokenChange(planToken(want, liveToken('ci', { expire: NOW - DAY })));
    expect(expired?.action).toBe('rotate');
    expect(expired?.reason).toMatch(/^expired /);
  });

  it('rotates on request: all, or by full token id', () => {
    const have = liveToken('ci');
    expect(tokenChange(planToken(tokenSpec('ci'), have, { rotate: 'all' }))?.action).toBe('rotate');
    expect(tokenChange(planToken(tokenSpec('ci'), have, { rotate: ['a@pve!ci'] }))?.reason).toBe('rotation requested');
    expect(planToken(tokenSpec('ci'), have, { rotate: ['a@pve!other'] }).changes).toEqual([]);
  });

  it('rotates a token whose delivery target lost the secret', () => {
    const change = tokenChange(planToken(tokenSpec('ci'), liveToken('ci'), { secretMissing: ['a@pve!ci'] }));
    expect(change).toMatchObject({ action: 'rotate', reason: 'a delivery target no longer holds the secret' });
  });

  it.each([
    ['9.1.1', 'regenerate'],
    ['10.0.1', 'regenerate'],
    ['9.0.10', 'recreate'],
    ['8.2.4', 'recreate'],
    ['7.4-3', 'recreate'],
  ])('on PVE %s rotates by %s', (version, method) => {
    expect(tokenChange(planToken(tokenSpec('ci'), liveToken('ci'), { rotate: 'all' }, version))?.rotation).toBe(method);
  });

  it('carries metadata changes along with a rotation', () => {
    const change = tokenChange(planToken(tokenSpec('ci', { comment: 'new' }), liveToken('ci', { comment: 'old' }), { rotate: 'all' }));
    expect(change).toMatchObject({ action: 'rotate', fields: [{ field: 'comment', before: 'old', after: 'new' }] });
  });

  it('never rotates the token the run authenticates with, and says so', () => {
    const plan = planToken(tokenSpec('ci'), liveToken('ci'), { rotate: 'all', actingIdentity: 'a@pve!ci' });
    expect(plan.changes).toEqual([]);
    expect(plan.findings.filter((f) => f.code === 'self-rotation')).toMatchObject([{ severity: 'warning', address: 'token:a@pve!ci' }]);
  });

  it('warns about rotate ids that are not declared tokens', () => {
    const plan = planToken(tokenSpec('ci'), liveToken('ci'), { rotate: ['a@pve!nope'] });
    expect(plan.findings.filter((f) => f.code === 'rotate-unknown')).toMatchObject([{ severity: 'warning', address: 'token:a@pve!nope' }]);
    expect(plan.changes).toEqual([]);
  });

  it('does not rotate tokens that are being created', () => {
    expect(tokenChange(planToken(tokenSpec('ci'), undefined, { rotate: 'all', secretMissing: ['a@pve!ci'] }))?.action).toBe('create');
  });

  it('gives the same digest on later runs while the same rotation is due (reasons carry no relative time)', () => {
    const want = tokenSpec('ci', { lifetime });
    const have = liveToken('ci', { expire: NOW + 5 * DAY });
    const first = planToken(want, have);
    const later = planToken(want, have, { now: NOW + DAY });
    expect(first.changes).toEqual(later.changes);
    expect(first.digest).toBe(later.digest);
  });
});
