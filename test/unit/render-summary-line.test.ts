import { describe, expect, it } from 'vitest';
import { countChanges, summaryLine } from '../../src/render/summary-line.js';
import { fullPlan, plan, roleCreate, token, userDelete, userUpdate } from './render-fixtures.js';

describe('summaryLine', () => {
  it('counts creates, updates and deletes in the fixed wording', () => {
    const p = plan([roleCreate('A'), roleCreate('B'), userUpdate('a@pve', 'x', 'y'), userDelete('b@pve')]);
    expect(summaryLine(p)).toBe('2 to create, 1 to update, 1 to delete');
  });

  it('says zero of each for an empty plan and leaves rotation out', () => {
    expect(summaryLine(plan([]))).toBe('0 to create, 0 to update, 0 to delete');
  });

  it('appends rotations only when there are some', () => {
    const p = plan([token('a@pve!ci', 'rotate', { rotation: 'recreate' }), token('a@pve!t2', 'rotate', { rotation: 'regenerate' })]);
    expect(summaryLine(p)).toBe('0 to create, 0 to update, 0 to delete, 2 to rotate');
  });

  it('does not count implied cascades', () => {
    const p = plan([
      userDelete('bob@pve'),
      token('bob@pve!a', 'delete', { implied: true }),
      token('bob@pve!b', 'delete', { implied: true }),
    ]);
    expect(summaryLine(p)).toBe('0 to create, 0 to update, 1 to delete');
    expect(countChanges(p.changes)).toEqual({ create: 0, update: 0, delete: 1, rotate: 0 });
  });

  it('matches the mixed fixture', () => {
    expect(summaryLine(fullPlan())).toBe('2 to create, 1 to update, 1 to delete, 1 to rotate');
  });
});
