import { describe, expect, it } from 'vitest';
import { makePlan } from '../../src/plan/make-plan.js';
import { exportSpec } from '../../src/spec/export.js';
import { parseSpecText } from '../../src/spec/load.js';
import { DAY, NOW, acl, live, liveToken, liveUser, options } from './plan-fixtures.js';

const grants = (id: string) => [acl('/vms', 'token', id, 'PVEVMUser'), acl('/vms', 'user', 'a@pve', 'PVEVMUser')];

/** In the middle of an overlap rotation of `ci`; `ro` and `ro-2` are two unrelated tokens (the older never expires). */
const cluster = (retiringFor: number) =>
  live({
    users: [
      liveUser('a@pve', {
        tokens: [
          liveToken('ci', { expire: NOW + retiringFor, comment: 'old' }),
          liveToken('ci-2', { expire: NOW + 80 * DAY, comment: 'deploys' }),
          liveToken('ro'),
          liveToken('ro-2', { expire: NOW + DAY }),
        ],
      }),
    ],
    acl: [...grants('a@pve!ci'), ...grants('a@pve!ci-2'), ...grants('a@pve!ro'), ...grants('a@pve!ro-2')],
  });

describe('export of tokens in the middle of an overlap rotation', () => {
  it('writes one declared token with rotation overlap and the current generation fields, and plans no change', () => {
    const l = cluster(5 * DAY);
    const loaded = parseSpecText(exportSpec(l, { now: NOW }), 'exported.yml');
    const tokens = loaded.spec.users['a@pve']!.tokens!;
    expect(Object.keys(tokens).sort()).toEqual(['ci', 'ro', 'ro-2']);
    expect(tokens['ci']).toMatchObject({ rotation: 'overlap', overlap: 7 * DAY, comment: 'deploys', lifetime: 80 * DAY });
    expect(tokens['ro']!.rotation).toBeUndefined();
    expect(loaded.spec.acl.flatMap((a) => a.tokens).sort()).toEqual(['a@pve!ci', 'a@pve!ro', 'a@pve!ro-2']);
    const plan = makePlan(loaded, l, options());
    expect(plan.changes).toEqual([]);
    expect(plan.findings.map((f) => f.code)).toContain('token-retiring');
  });

  it('writes an overlap that covers a previous generation retiring later than the default', () => {
    const l = cluster(10 * DAY + 60);
    const loaded = parseSpecText(exportSpec(l, { now: NOW }), 'exported.yml');
    expect(loaded.spec.users['a@pve']!.tokens!['ci']!.overlap).toBe(11 * DAY);
    expect(makePlan(loaded, l, options()).changes).toEqual([]);
  });
});
