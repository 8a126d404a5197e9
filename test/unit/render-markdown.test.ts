import { describe, expect, it } from 'vitest';
import type { GroupChange } from '../../src/plan/model.js';
import { renderPlanMarkdown, type PlanMarkdownContext } from '../../src/render/markdown.js';
import { DIGEST, HEAD_SHA, findings, fullPlan, plan, roleCreate } from './render-fixtures.js';

const context: PlanMarkdownContext = { specPath: 'proxmox-access.yml', mode: 'plan', headSha: HEAD_SHA };

/** Cells of a GFM table row: split on pipes that are not escaped. */
const cells = (row: string): number =>
  row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/).length;

const groupWithComment = (comment: string): GroupChange => ({
  kind: 'group',
  address: 'group:ops',
  action: 'update',
  fields: [{ field: 'comment', before: 'old', after: comment }],
  groupid: 'ops',
  comment,
  reason: `reason ${comment}`,
});

describe('renderPlanMarkdown', () => {
  const md = renderPlanMarkdown(fullPlan(), context);

  it('heads with the spec path, a status badge, the short digest and the head SHA', () => {
    const first = md.split('\n')[0] ?? '';
    expect(first).toContain('`proxmox-access.yml`');
    expect(first).toContain('⛔ blocked by errors');
    expect(md).toContain(`\`${DIGEST.slice(0, 12)}\``);
    expect(md).not.toContain(DIGEST);
    expect(md).toContain(HEAD_SHA);
  });

  it('badges plans with changes and plans without', () => {
    expect(renderPlanMarkdown(plan([roleCreate('R')]), context).split('\n')[0]).toContain('📝 changes');
    const empty = renderPlanMarkdown(plan([]), context);
    expect(empty.split('\n')[0]).toContain('✅ no changes');
    expect(empty).not.toContain('#### Changes');
  });

  it('has a counts table per kind with a total row', () => {
    expect(md).toContain('| Roles | 1 | 0 | 0 | 0 |');
    expect(md).toContain('| Users | 0 | 1 | 1 | 0 |');
    expect(md).toContain('| **total** | **2** | **1** | **1** | **1** |');
    expect(md).toContain('Plus 1 implied');
  });

  it('lists errors before warnings with badges', () => {
    const error = md.indexOf('⛔ **error** `lockout`');
    const warning = md.indexOf('⚠️ **warning** `privsep-no-acl`');
    expect(error).toBeGreaterThan(-1);
    expect(warning).toBeGreaterThan(error);
  });

  it('puts changes per kind in <details> tables with field detail', () => {
    expect(md).toContain('<summary><b>Users</b> (1 update, 1 delete)</summary>');
    expect(md).toContain('comment: "old comment" → "new comment"');
    expect(md).toContain('_implied: Proxmox does this by itself_');
    expect((md.match(/<details/g) ?? []).length).toBe((md.match(/<\/details>/g) ?? []).length);
  });

  it('shows privilege gains and losses per principal and path', () => {
    expect(md).toContain('**`alice@pve`** (user)');
    expect(md).toContain('| `/vms` | ⚠️ `Permissions.Modify`, `VM.Console` | `Sys.Modify` |');
    expect(md).toContain('**`@automation`** (group)');
  });

  it('folds the ownership rules', () => {
    expect(md).toContain('<details><summary>Ownership rules</summary>');
    expect(md).toContain('Never `root@pam`');
  });

  it('escapes a comment holding |, <b> and backticks without breaking its table', () => {
    const out = renderPlanMarkdown(plan([groupWithComment('a|<b>bold</b> `x`')]), context);
    expect(out).not.toContain('<b>bold');
    expect(out).toContain('a&#124;&lt;b&gt;bold&lt;/b&gt; \\`x\\`');
    const rows = out.split('\n').filter((l) => l.startsWith('| '));
    const header = rows.find((r) => r.startsWith('| action'));
    const row = rows.find((r) => r.includes('group:ops'));
    expect(header).toBeDefined();
    expect(cells(row ?? '')).toBe(cells(header ?? ''));
  });

  it('warns loudly when TLS verification was off, once', () => {
    const insecure = plan([roleCreate('R')], {
      findings: [{ severity: 'warning', code: 'insecure-tls', message: 'TLS verification is off' }],
    });
    const out = renderPlanMarkdown(insecure, { ...context, insecure: true });
    expect(out).toContain('> [!CAUTION]');
    expect(out.indexOf('[!CAUTION]')).toBeLessThan(out.indexOf('| Roles'));
    expect(out).not.toContain('`insecure-tls`');
    expect(renderPlanMarkdown(insecure, context)).not.toContain('[!CAUTION]');
  });

  it('says merging applies the plan only on a pull request', () => {
    const changes = plan([roleCreate('R')]);
    const merging = /Merging applies this plan/;
    expect(renderPlanMarkdown(changes, { ...context, pullRequest: true })).toMatch(merging);
    // A manual run (workflow_dispatch), a push to another branch and an apply have nothing to merge.
    expect(renderPlanMarkdown(changes, { specPath: 'p.yml', mode: 'plan' })).not.toMatch(merging);
    expect(renderPlanMarkdown(changes, { specPath: 'p.yml', mode: 'apply', pullRequest: true })).not.toMatch(merging);
    const drift = renderPlanMarkdown(changes, { specPath: 'p.yml', mode: 'drift' });
    expect(drift).not.toMatch(merging);
    expect(drift).toContain('Re-running apply makes these changes');
    expect(renderPlanMarkdown(plan([]), { ...context, pullRequest: true })).not.toMatch(merging);
  });

  it('is not shortened when it fits', () => {
    expect(md).not.toContain('Full plan in the job summary');
    expect(renderPlanMarkdown(plan([roleCreate('R')], { findings }), context)).not.toContain('[!NOTE]');
  });
});
