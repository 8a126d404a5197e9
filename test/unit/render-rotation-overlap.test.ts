import { describe, expect, it } from 'vitest';
import { makePlan } from '../../src/plan/make-plan.js';
import type { ApplyReport } from '../../src/plan/apply-report.js';
import { renderRotationMarkdown, renderRotationText } from '../../src/render/rotation-result.js';
import { DAY, NOW, acl, aclSpec, live, liveToken, liveUser, options, spec, tokenSpec, userSpec } from './plan-fixtures.js';

// An overlap rotation delivers the secret under the new generation's id (`tf-2`), while the
// rotation's change is addressed by the token it replaces: the result must still find it.
const declared = spec({
  users: [userSpec('a@pve', { tokens: [tokenSpec('tf', { rotation: 'overlap', overlap: 7 * DAY, lifetime: 60 * DAY })] })],
  acl: [aclSpec('/vms', ['PVEVMUser'], { tokens: ['a@pve!tf'] })],
});
const cluster = live({
  users: [liveUser('a@pve', { tokens: [liveToken('tf', { expire: NOW + 3 * DAY })] })],
  acl: [acl('/vms', 'token', 'a@pve!tf', 'PVEVMUser')],
});
const plan = makePlan(declared, cluster, options());

const report: ApplyReport = {
  operations: [{ address: 'token:a@pve!tf', kind: 'token', action: 'rotate', status: 'done' }],
  applied: 1,
  writes: 3,
  delivered: [
    {
      fullid: 'a@pve!tf-2',
      targets: ['output tf_token'],
      verification: { status: 'verified', detail: 'holds the 3 planned privileges on 1 path' },
    },
  ],
  revoked: [],
  deadSecrets: [],
  converged: true,
  remaining: [],
};

describe('the result of an overlap rotation', () => {
  it('plans a new generation for the due token', () => {
    expect(plan.changes).toEqual([
      expect.objectContaining({ fullid: 'a@pve!tf', generation: expect.objectContaining({ fullid: 'a@pve!tf-2' }) }),
    ]);
  });

  it('names where the new generation went and its verification, in the log and in Markdown', () => {
    const text = renderRotationText(report, plan);
    expect(text).toContain('→ output tf_token (secret verified: holds the 3 planned privileges on 1 path)');
    expect(text).not.toContain('the tokens output only');
    const md = renderRotationMarkdown(report, plan, { specPath: 'proxmox-access.yml' });
    expect(md).toContain('output tf\\_token (secret verified: holds the 3 planned privileges on 1 path)');
  });
});
