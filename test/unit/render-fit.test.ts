import { describe, expect, it } from 'vitest';
import { COMMENT_LIMIT, MARKER_MARGIN, fitMarkdown, linesWithin, truncateMarkdown, type FitLevel } from '../../src/render/fit.js';
import { renderPlanMarkdown } from '../../src/render/markdown.js';
import type { GroupChange } from '../../src/plan/model.js';
import { hugePlan, plan, privileges, roleCreate } from './render-fixtures.js';

const RUN_URL = 'https://github.com/acme/infra/actions/runs/42';

describe('renderPlanMarkdown under the comment limit', () => {
  it('fits a plan of 5,000 changes, with a marker margin, and points to the job summary', () => {
    const md = renderPlanMarkdown(hugePlan(5000), { specPath: 'p.yml', mode: 'plan', runUrl: RUN_URL });
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT - MARKER_MARGIN);
    expect(md).toContain('5000 to create');
    expect(md).toContain('`lockout`');
    expect(md).toMatch(/…and \d+ more/);
    expect(md.trimEnd().endsWith(`Full plan in the job summary: [the job summary of this run](${RUN_URL}).`)).toBe(true);
  });

  it('keeps the full plan when the limit is unbounded', () => {
    const md = renderPlanMarkdown(hugePlan(5000), { specPath: 'p.yml', mode: 'plan', limit: Number.POSITIVE_INFINITY });
    expect(md).not.toContain('Full plan in the job summary');
    expect(md).toContain('user:user-04999@pve');
    expect(md).toContain('automation account number 4999 for the nightly jobs');
  });

  it('counts UTF-16 units, so emoji-heavy text still fits', () => {
    const md = renderPlanMarkdown(hugePlan(3000), { specPath: '🔥'.repeat(100), mode: 'plan', limit: 20_000 });
    expect(md.length).toBeLessThanOrEqual(20_000 - MARKER_MARGIN);
  });

  it('drops field detail first (level 2), then privilege diffs (level 3)', () => {
    const longComment = (i: number): GroupChange => ({
      kind: 'group',
      address: `group:g${i}`,
      action: 'update',
      fields: [{ field: 'comment', before: '', after: 'x'.repeat(2000) }],
      groupid: `g${i}`,
      comment: 'x'.repeat(2000),
    });
    const p = plan([longComment(1), longComment(2), longComment(3)], { privileges });
    const level2 = renderPlanMarkdown(p, { specPath: 'p.yml', mode: 'plan', limit: 4000 });
    expect(level2).toContain('`group:g3`');
    expect(level2).not.toContain('xxxxxxxx');
    expect(level2).toContain('#### Privileges');
    expect(level2).toContain('Full plan in the job summary');

    const manyPrincipals = Array.from({ length: 60 }, (_, i) => ({ ...privileges[0]!, principal: `user${i}@pve` }));
    const level3 = renderPlanMarkdown(plan([roleCreate('R')], { privileges: manyPrincipals }), {
      specPath: 'p.yml',
      mode: 'plan',
      limit: 4000,
    });
    expect(level3).not.toContain('#### Privileges');
    expect(level3).toContain('`role:R`');
    // Level 3, not the compact level 4: the changes table and the ownership rules are still there.
    expect(level3).toContain('<summary><b>Roles</b> (1 create)</summary>');
    expect(level3).toContain('Ownership rules');
    expect(level3.length).toBeLessThanOrEqual(4000 - MARKER_MARGIN);
  });
});

describe('fitMarkdown', () => {
  const sized = (sizes: Record<FitLevel, number>) => (level: FitLevel) => `${level}`.repeat(sizes[level]);

  it('returns level 1 untouched when it fits', () => {
    expect(fitMarkdown(sized({ 1: 100, 2: 10, 3: 10, 4: 10 }), 1000)).toBe('1'.repeat(100));
  });

  it('takes the first level that fits and ends with the note', () => {
    const out = fitMarkdown(sized({ 1: 900, 2: 600, 3: 200, 4: 10 }), 1200, RUN_URL);
    expect(out.startsWith('3'.repeat(200))).toBe(true);
    expect(out).toContain(`Full plan in the job summary: [the job summary of this run](${RUN_URL})`);
    expect(out.length).toBeLessThanOrEqual(1200 - MARKER_MARGIN);
  });

  it('cuts even level 4 when nothing fits, closing open <details>', () => {
    const huge = `<details><summary>x</summary>\n\n${'line\n'.repeat(2000)}</details>`;
    const out = fitMarkdown(() => huge, 3000);
    expect(out.length).toBeLessThanOrEqual(3000 - MARKER_MARGIN);
    expect((out.match(/<details/g) ?? []).length).toBe((out.match(/<\/details>/g) ?? []).length);
    expect(out).toContain('Full plan in the job summary');
  });

  it('never splits a surrogate pair when cutting', () => {
    const out = truncateMarkdown('😀'.repeat(500), 301);
    expect(out.length).toBeLessThanOrEqual(301);
    expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('linesWithin', () => {
  it('keeps whole lines and counts the rest, within the budget', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    const kept = linesWithin(lines, 100, (n) => `…and ${n} more`);
    expect(kept.join('\n').length).toBeLessThanOrEqual(100);
    const last = kept.at(-1) ?? '';
    expect(last).toBe(`…and ${100 - (kept.length - 1)} more`);
    expect(linesWithin(['a', 'b'], 100, () => 'more')).toEqual(['a', 'b']);
  });
});
