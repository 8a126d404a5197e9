import { describe, expect, it } from 'vitest';
import { fitBody } from '../../src/github/body-limit.js';
import { COMMENT_LIMIT as GITHUB_BODY_LIMIT } from '../../src/render/fit.js';
import { planMarker } from '../../src/model/markers.js';

const MARKER = planMarker('proxmox-access.yml', 'ab'.repeat(32));

describe('fitBody', () => {
  it('leaves a body that fits untouched', () => {
    const body = `${MARKER}\n${'x'.repeat(1000)}`;
    expect(fitBody(body)).toBe(body);
    const exact = 'y'.repeat(GITHUB_BODY_LIMIT);
    expect(fitBody(exact)).toBe(exact);
  });

  it('cuts at a line break, keeps the marker even from the end, and says so', () => {
    const lines = Array.from({ length: 8000 }, (_, i) => `| user${i}@pve | create |`).join('\n');
    const fitted = fitBody(`${lines}\n${MARKER}`);
    expect(fitted.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(fitted.startsWith(MARKER)).toBe(true);
    expect(fitted).toMatch(/\| create \|\n\n> \[!WARNING\]/);
    expect(fitted).toMatch(/job summary/);
    expect(fitted).toContain('GitHub’s 65,536-character limit');
  });

  it('closes a code fence and <details> blocks the cut left open', () => {
    const body = `<details><summary>All changes</summary>\n\n\`\`\`diff\n${'+ VM.Audit\n'.repeat(10_000)}\`\`\`\n</details>\n`;
    const fitted = fitBody(body);
    expect(fitted.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(fitted.match(/^```/gm)).toHaveLength(2);
    expect(fitted).toContain('</details>');
  });

  it('never splits a surrogate pair, whatever the limit', () => {
    const body = '🔐'.repeat(100);
    for (let limit = 50; limit < 120; limit += 1) {
      const fitted = fitBody(body, limit, 'cut');
      expect(fitted.length).toBeLessThanOrEqual(limit);
      expect(fitted).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });
});
