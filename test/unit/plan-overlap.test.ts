import { describe, expect, it } from 'vitest';
import { applyChangesToState } from '../../src/plan/apply-to-state.js';
import { detectDrift } from '../../src/plan/drift.js';
import { makePlan } from '../../src/plan/make-plan.js';
import type { Change, Plan, PlanOptions, TokenChange } from '../../src/plan/model.js';
import type { AclEntry, LiveState, LiveToken } from '../../src/model/live-state.js';
import { generationOf, generationTokenId } from '../../src/model/token-generations.js';
import { TOKEN_NAME_PATTERN } from '../../src/model/identity.js';
import type { LoadedSpec, TokenSpec } from '../../src/spec/model.js';
import { DAY, NOW, acl, aclSpec, live, liveToken, liveUser, options, spec, tokenSpec, userSpec } from './plan-fixtures.js';

const OVERLAP = 7 * DAY;
const LIFETIME = 60 * DAY; // default rotate-before: 10 days
const overlapToken = (over: Partial<TokenSpec> = {}): TokenSpec =>
  tokenSpec('tf', { rotation: 'overlap', overlap: OVERLAP, lifetime: LIFETIME, ...over });

const declared = (token: TokenSpec = overlapToken()): LoadedSpec =>
  spec({
    users: [userSpec('a@pve', { tokens: [token] })],
    acl: [aclSpec('/vms', ['PVEVMUser'], { tokens: ['a@pve!tf'] }), aclSpec('/storage', ['PVEDatastoreUser'], { tokens: ['a@pve!tf'] })],
  });

/** The token's grants for each id in `ids`. */
const grants = (ids: string[]): AclEntry[] =>
  ids.flatMap((id) => [acl('/storage', 'token', id, 'PVEDatastoreUser'), acl('/vms', 'token', id, 'PVEVMUser')]);

const cluster = (tokens: LiveToken[], aclIds: string[] = tokens.map((t) => `a@pve!${t.tokenid}`), version = '9.1.1'): LiveState =>
  live({ version, users: [liveUser('a@pve', { tokens })], acl: grants(aclIds) });

const plan = (s: LoadedSpec, l: LiveState, opts: Partial<PlanOptions> = {}): Plan => makePlan(s, l, options(opts));
const tokenChanges = (p: Plan): TokenChange[] => p.changes.filter((c): c is TokenChange => c.kind === 'token');
const addresses = (changes: readonly Change[]): string[] => changes.map((c) => `${c.action} ${c.address}${c.implied ? ' (implied)' : ''}`);

describe('token generation ids', () => {
  it('numbers generations from 2, the declared name being the first, and reads them back', () => {
    expect([1, 2, 3, 10].map((n) => generationTokenId('tf', n))).toEqual(['tf', 'tf-2', 'tf-3', 'tf-10']);
    expect(['tf', 'tf-2', 'tf-10', 'tf-1', 'tf-02', 'tf-x', 'tf2', 'other-2'].map((id) => generationOf('tf', id))).toEqual([
      1,
      2,
      10,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('keeps a generated id a valid PVE token name', () => {
    for (const name of ['tf', 'a.b_c-d', 'X9']) expect(generationTokenId(name, 12)).toMatch(TOKEN_NAME_PATTERN);
  });
});

describe('overlap rotation plan', () => {
  it('creates the next generation beside the due token, with the declared fields and the overlap', () => {
    const p = plan(declared(), cluster([liveToken('tf', { expire: NOW + 3 * DAY })]));
    expect(tokenChanges(p)).toEqual([
      expect.objectContaining({
        action: 'rotate',
        rotation: 'overlap',
        fullid: 'a@pve!tf',
        generation: { tokenid: 'tf-2', fullid: 'a@pve!tf-2', overlap: OVERLAP },
      }),
    ]);
    // The ACL is already right: nothing to grant or revoke in the ACL phase.
    expect(p.changes.filter((c) => c.kind === 'acl')).toEqual([]);
  });

  it('predicts both tokens after the apply: the new one with the ACL entries, the old one expiring after the overlap', () => {
    const l = cluster([liveToken('tf', { expire: NOW + 3 * DAY })]);
    const after = applyChangesToState(l, plan(declared(), l).changes, NOW);
    expect(after.users['a@pve']?.tokens).toEqual({
      tf: liveToken('tf', { expire: NOW + 3 * DAY }), // sooner than the overlap: never lengthened
      'tf-2': liveToken('tf-2', { expire: NOW + LIFETIME }),
    });
    expect(after.acl.filter((e) => e.ugid === 'a@pve!tf-2')).toEqual(grants(['a@pve!tf-2']));
    const never = cluster([liveToken('tf', { expire: 0 })]);
    const rotated = applyChangesToState(never, plan(declared(), never, { rotate: ['a@pve!tf'] }).changes, NOW);
    expect(rotated.users['a@pve']?.tokens['tf']?.expire).toBe(NOW + OVERLAP);
  });

  it('counts from the highest generation: tf-3 follows tf-2, and a rotate input names the declared token', () => {
    const l = cluster([liveToken('tf-2', { expire: NOW + 50 * DAY })]);
    expect(tokenChanges(plan(declared(), l))).toEqual([]);
    const p = plan(declared(), l, { rotate: ['a@pve!tf'] });
    expect(tokenChanges(p)).toEqual([
      expect.objectContaining({ action: 'rotate', fullid: 'a@pve!tf-2', generation: expect.objectContaining({ fullid: 'a@pve!tf-3' }) }),
    ]);
  });

  it('rotates nothing for a rotate input that names a generation, and says which id to name', () => {
    const l = cluster([liveToken('tf-2', { expire: NOW + 50 * DAY })]);
    const p = plan(declared(), l, { rotate: ['a@pve!tf-2'] });
    expect(tokenChanges(p)).toEqual([]);
    expect(p.findings.filter((f) => f.code === 'rotate-unknown')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        address: 'token:a@pve!tf-2',
        message: expect.stringContaining('a generation of a@pve!tf (rotation: overlap): name a@pve!tf to rotate it'),
      }),
    ]);
    const other = plan(declared(), l, { rotate: ['a@pve!tf-x'] }).findings.find((f) => f.code === 'rotate-unknown');
    expect(other?.message).not.toContain('generation');
  });

  it('works the same before PVE 9.1, which has no regenerate', () => {
    const l = cluster([liveToken('tf', { expire: NOW + 3 * DAY })], undefined, '8.4.1');
    expect(tokenChanges(plan(declared(), l))).toEqual([
      expect.objectContaining({ rotation: 'overlap', generation: expect.objectContaining({ tokenid: 'tf-2', fullid: 'a@pve!tf-2' }) }),
    ]);
  });

  it('falls back from a declared regenerate to recreate before PVE 9.1, and keeps a declared recreate on 9.1', () => {
    const due = (rotation: TokenSpec['rotation'], version: string) =>
      tokenChanges(
        plan(
          declared(tokenSpec('tf', { ...(rotation && { rotation }), lifetime: LIFETIME })),
          cluster([liveToken('tf', { expire: NOW + DAY })], undefined, version),
        ),
      )[0]?.rotation;
    expect(due('regenerate', '8.4.1')).toBe('recreate');
    expect(due('regenerate', '9.1.1')).toBe('regenerate');
    expect(due('recreate', '9.1.1')).toBe('recreate');
    expect(due(undefined, '9.1.1')).toBe('regenerate');
  });
});

describe('generations during and after the overlap', () => {
  const during = (): LiveState => cluster([liveToken('tf', { expire: NOW + 5 * DAY }), liveToken('tf-2', { expire: NOW + 59 * DAY })]);

  it('leaves an unexpired previous generation and its ACL entries alone, and says until when it works', () => {
    const p = plan(declared(), during());
    expect(p.changes).toEqual([]);
    const retiring = p.findings.filter((f) => f.code === 'token-retiring');
    expect(retiring).toEqual([expect.objectContaining({ severity: 'notice', address: 'token:a@pve!tf' })]);
    expect(retiring[0]?.message).toContain(`retiring until ${new Date((NOW + 5 * DAY) * 1000).toISOString().replace('.000', '')}`);
  });

  it('applies declared fields and ACLs to the current generation only', () => {
    const s = spec({
      users: [userSpec('a@pve', { tokens: [overlapToken({ comment: 'new' })] })],
      acl: [aclSpec('/vms', ['PVEVMUser'], { tokens: ['a@pve!tf'] })],
    });
    expect(addresses(plan(s, during()).changes)).toEqual([
      'update token:a@pve!tf-2',
      'delete acl:/storage|token:a@pve!tf-2|PVEDatastoreUser',
    ]);
  });

  it('grants a declared entry the current generation lacks to it, not to the previous one', () => {
    const l = cluster([liveToken('tf', { expire: NOW + 5 * DAY }), liveToken('tf-2', { expire: NOW + 59 * DAY })], ['a@pve!tf']);
    expect(addresses(plan(declared(), l).changes)).toEqual([
      'create acl:/storage|token:a@pve!tf-2|PVEDatastoreUser',
      'create acl:/vms|token:a@pve!tf-2|PVEVMUser',
    ]);
  });

  it('deletes an expired previous generation as a planned delete, with its ACL entries as the cascade', () => {
    const l = cluster([liveToken('tf', { expire: NOW - 1 }), liveToken('tf-2', { expire: NOW + 59 * DAY })]);
    const p = plan(declared(), l);
    expect(addresses(p.changes)).toEqual([
      'delete acl:/storage|token:a@pve!tf|PVEDatastoreUser (implied)',
      'delete acl:/vms|token:a@pve!tf|PVEVMUser (implied)',
      'delete token:a@pve!tf',
    ]);
    expect(tokenChanges(p)[0]).toMatchObject({
      retired: true,
      reason: expect.stringMatching(/^previous generation of a@pve!tf-2, expired /),
    });
    expect(p.findings.filter((f) => f.code === 'privsep-no-acl')).toEqual([]);
  });

  it('sets the expiry of a previous generation that has none (its apply could not), and the run after that is clean', () => {
    const l = cluster([liveToken('tf', { expire: 0 }), liveToken('tf-2', { expire: NOW + 59 * DAY })]);
    const p = plan(declared(), l);
    expect(tokenChanges(p)).toEqual([
      expect.objectContaining({ action: 'update', fullid: 'a@pve!tf', fields: [{ field: 'overlap', before: undefined, after: OVERLAP }] }),
    ]);
    const after = applyChangesToState(l, p.changes, NOW);
    expect(after.users['a@pve']?.tokens['tf']?.expire).toBe(NOW + OVERLAP);
    expect(plan(declared(), after, { now: NOW + DAY }).changes).toEqual([]);
  });

  it('deletes a token that only looks like a generation, or belongs to a token without overlap', () => {
    const l = cluster([liveToken('tf-2', { expire: NOW + 59 * DAY }), liveToken('tf-01')], ['a@pve!tf-2']);
    expect(addresses(tokenChanges(plan(declared(), l)))).toEqual(['delete token:a@pve!tf-01']);
    const plain = declared(tokenSpec('tf', { lifetime: LIFETIME }));
    expect(addresses(tokenChanges(plan(plain, l)))).toEqual([
      'create token:a@pve!tf',
      'delete token:a@pve!tf-01',
      'delete token:a@pve!tf-2',
    ]);
  });

  it('converges: the plan after an overlap rotation is empty, and so is the one after the old generation is gone', () => {
    const l = cluster([liveToken('tf', { expire: NOW + 3 * DAY })]);
    const rotated = applyChangesToState(l, plan(declared(), l).changes, NOW);
    expect(plan(declared(), rotated, { now: NOW + 60 }).changes).toEqual([]);
    const later = NOW + 4 * DAY;
    const cleanup = plan(declared(), rotated, { now: later });
    expect(addresses(tokenChanges(cleanup))).toEqual(['delete token:a@pve!tf']);
    expect(plan(declared(), applyChangesToState(rotated, cleanup.changes, later), { now: later }).changes).toEqual([]);
  });
});

describe('drift during an overlap', () => {
  const drift = (l: LiveState) => detectDrift(declared(), l, plan(declared(), l), { now: NOW });

  it('is quiet while the previous generation retires and when it is deleted after expiring', () => {
    expect(drift(cluster([liveToken('tf', { expire: NOW + 5 * DAY }), liveToken('tf-2', { expire: NOW + 59 * DAY })]))).toEqual({
      items: [],
      clean: true,
    });
    expect(drift(cluster([liveToken('tf', { expire: NOW - 5 }), liveToken('tf-2', { expire: NOW + 59 * DAY })])).clean).toBe(true);
  });

  it('reports the current generation when it is due, and a previous one without an expiry', () => {
    const due = drift(cluster([liveToken('tf', { expire: NOW + 5 * DAY }), liveToken('tf-2', { expire: NOW + 2 * DAY })]));
    expect(due.items.map((i) => `${i.kind} ${i.address}`)).toEqual(['expiring token:a@pve!tf-2']);
    const stuck = drift(cluster([liveToken('tf', { expire: 0 }), liveToken('tf-2', { expire: NOW + 59 * DAY })]));
    expect(stuck.items).toEqual([
      expect.objectContaining({ kind: 'changed', address: 'token:a@pve!tf', message: expect.stringContaining('overlap of 7d') }),
    ]);
  });
});

describe('the plan as people read it', () => {
  it('names the new generation, the overlap and the retiring previous one', async () => {
    const { renderPlanMarkdown } = await import('../../src/render/markdown.js');
    const { renderPlanText } = await import('../../src/render/text.js');
    const l = cluster([liveToken('tf', { expire: NOW + 5 * DAY }), liveToken('tf-2', { expire: NOW + 3 * DAY })]);
    const p = plan(declared(), l);
    for (const text of [
      renderPlanMarkdown(p, { specPath: 'proxmox-access.yml', mode: 'plan', headSha: 'a'.repeat(40) }),
      renderPlanText(p),
    ]) {
      expect(text).toContain('a@pve!tf-3');
      expect(text).toContain('7d');
      expect(text).toMatch(/overlap: a new token beside this one/);
      expect(text).toContain('a@pve!tf is a previous generation of a@pve!tf-2: retiring until');
    }
  });
});

describe('token inventory with generations', () => {
  it('counts every generation as managed; only the current one holds the delivered secret', async () => {
    const { tokenInventory } = await import('../../src/plan/token-inventory.js');
    const l = cluster([liveToken('tf', { expire: NOW + 5 * DAY }), liveToken('tf-2', { expire: NOW + 59 * DAY }), liveToken('tf-x')]);
    const rows = tokenInventory(declared(), l, NOW).map((e) => [e.id, e.managed, e.targets.length]);
    expect(rows.sort()).toEqual([
      ['a@pve!tf', true, 0],
      ['a@pve!tf-2', true, 1],
      ['a@pve!tf-x', false, 0],
    ]);
  });
});

describe('review of an overlap repair rotation', () => {
  it('reduces it to its declared part, as the plan without the rotate input has it', async () => {
    const { reviewedChanges } = await import('../../src/plan/reviewed.js');
    const { planToJson } = await import('../../src/render/json.js');
    const l = cluster([liveToken('tf', { expire: NOW + 30 * DAY, comment: 'old' })]);
    const repaired = plan(declared(), l, { rotate: ['a@pve!tf'] });
    expect(tokenChanges(repaired)[0]).toMatchObject({ repair: true, generation: { fullid: 'a@pve!tf-2' } });
    expect(reviewedChanges(repaired.changes)).toEqual(plan(declared(), l).changes);
    expect(JSON.stringify(planToJson(repaired))).toContain('"rotation":"overlap","generation":"a@pve!tf-2"');
  });
});
