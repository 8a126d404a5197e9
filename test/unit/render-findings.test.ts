import { describe, expect, it } from 'vitest';
import { renderFindingsMarkdown, sortFindings } from '../../src/render/findings.js';
import { findings } from './render-fixtures.js';

describe('findings', () => {
  it('sorts errors before warnings and keeps order within a severity', () => {
    const notice = { severity: 'notice' as const, code: 'n', message: 'n' };
    const second = { severity: 'warning' as const, code: 'w2', message: 'w2' };
    expect(sortFindings([notice, ...findings, second]).map((f) => f.code)).toEqual(['lockout', 'privsep-no-acl', 'w2', 'n']);
  });

  it('renders the validate summary with its notice', () => {
    const md = renderFindingsMarkdown('proxmox-access.yml', findings, 'Fork PR: no secrets, so no live plan.');
    expect(md.split('\n')[0]).toContain('⛔ 1 error');
    expect(md).toContain('> [!NOTE]\n> Fork PR: no secrets, so no live plan.');
    expect(md.indexOf('`lockout`')).toBeLessThan(md.indexOf('`privsep-no-acl`'));
    expect(renderFindingsMarkdown('p.yml', [])).toContain('✅ valid');
  });
});
