import { describe, expect, it } from 'vitest';
import { settle, verdict } from '../../src/modes/result.js';

describe('settle: what a mode hands back', () => {
  it('keeps the outputs and sections a mode produced before a step threw, and the error itself', async () => {
    const refused = new Error('apply refused');
    const result = await settle(async (report) => {
      report.output('plan-digest', 'd'.repeat(64));
      const plan = report.section('the plan');
      report.sectionAt(plan, 'the result');
      throw refused;
    });
    expect([...result.outputs]).toEqual([['plan-digest', 'd'.repeat(64)]]);
    expect(result.summary).toEqual(['the result', 'the plan']);
    expect(result.failure).toEqual({ kind: 'error', error: refused });
  });

  it('returns the verdict of a mode that finished, and no failure when there is none', async () => {
    const drift = await settle(async (report) => {
      report.output('drift', 'true');
      report.output('drift', 'true');
      return verdict('drift found');
    });
    expect(drift.failure).toEqual({ kind: 'verdict', message: 'drift found' });
    expect([...drift.outputs.keys()]).toEqual(['drift']);
    const clean = await settle(async () => undefined);
    expect(clean).toEqual({ outputs: new Map(), summary: [] });
  });
});
