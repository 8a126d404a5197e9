import { describe, expect, it } from 'vitest';
import { planDigest } from '../../src/plan/digest.js';
import { makePlan } from '../../src/plan/make-plan.js';
import type { LiveState } from '../../src/model/live-state.js';
import { acl, aclSpec, live, liveToken, liveUser, options, spec, userSpec } from './plan-fixtures.js';

const specWith = (comment: string) =>
  spec({
    users: [userSpec('a@pve', { comment })],
    acl: [aclSpec('/', ['PVEAuditor'], { users: ['a@pve'] })],
    prune: { users: ['old@pve'] },
  });
const s = specWith('x');
const build = (): LiveState =>
  live({ users: [liveUser('a@pve'), liveUser('old@pve'), liveUser('other@pam')], acl: [acl('/', 'user', 'other@pam', 'PVEAuditor')] });

/** The same content with every object's keys in reverse order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    ) as T;
  return value;
}

describe('planDigest', () => {
  it('is a sha256 hex string, identical for identical input however it was built', () => {
    const a = makePlan(s, build(), options());
    const b = makePlan(s, build(), options());
    expect(a.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(b.digest).toBe(a.digest);
    expect(planDigest(reversedKeys(a.changes), reversedKeys(build()))).toBe(a.digest);
  });

  it('changes with any change of the live state, even to objects the plan does not touch', () => {
    const base = makePlan(s, build(), options()).digest;
    const l = build();
    const edits: LiveState[] = [
      { ...l, users: { ...l.users, 'other@pam': { ...l.users['other@pam']!, comment: 'edited' } } },
      { ...l, users: { ...l.users, 'other@pam': { ...l.users['other@pam']!, tokens: { t: liveToken('t') } } } },
      { ...l, acl: l.acl.map((e) => ({ ...e, propagate: false })) },
      { ...l, version: { ...l.version, version: '9.1.2' } },
    ];
    const digests = edits.map((edited) => makePlan(s, edited, options()).digest);
    for (const d of digests) expect(d).not.toBe(base);
    expect(new Set(digests).size).toBe(edits.length);
  });

  it('changes with the operations, and ignores their human-readable reasons', () => {
    const plan = makePlan(s, build(), options());
    const other = makePlan(specWith('y'), build(), options());
    expect(other.digest).not.toBe(plan.digest);
    const reworded = plan.changes.map((c) => ({ ...c, reason: 'said differently' }));
    expect(planDigest(reworded, build())).toBe(plan.digest);
    const reordered = [...plan.changes].reverse();
    expect(planDigest(reordered, build())).not.toBe(plan.digest);
  });
});
