import { describe, expect, it } from 'vitest';
import { DEFAULT_OVERLAP } from '../../src/spec/build.js';
import { parseSpecText } from '../../src/spec/load.js';
import { validateSpec } from '../../src/spec/validate.js';

const spec = (token: string, extra = ''): string =>
  `version: 1\nusers:\n  tf@pve:\n    tokens:\n      ci:\n${token
    .split('\n')
    .map((line) => `        ${line}`)
    .join('\n')}\n${extra}`;

const findings = (text: string) =>
  validateSpec(parseSpecText(text, 'spec.yml')).map((f) => `${f.severity} ${f.code} ${f.position?.line}:${f.position?.column}`);

describe('spec: rotation and overlap', () => {
  it('reads rotation and overlap, defaulting the overlap to 7 days', () => {
    const loaded = (text: string) => parseSpecText(text, 'spec.yml').spec.users['tf@pve']?.tokens?.['ci'];
    expect(loaded(spec('rotation: overlap'))).toMatchObject({ rotation: 'overlap', overlap: DEFAULT_OVERLAP });
    expect(DEFAULT_OVERLAP).toBe(7 * 86_400);
    expect(loaded(spec('rotation: overlap\noverlap: 36h'))).toMatchObject({ overlap: 36 * 3600 });
    expect(loaded(spec('rotation: recreate'))).toMatchObject({ rotation: 'recreate' });
    expect(loaded(spec('comment: x'))).not.toHaveProperty('rotation');
    expect(findings(spec('rotation: overlap\nformat: json'))).toEqual([]);
  });

  it('refuses format secret with overlap, at the format line', () => {
    expect(findings(spec('rotation: overlap\nformat: secret'))).toEqual(['error overlap-format-secret 7:9']);
  });

  it('refuses overlap without rotation: overlap, at the overlap line', () => {
    expect(findings(spec('lifetime: 30d\noverlap: 2d'))).toEqual(['error overlap-without-rotation 7:9']);
  });

  it('refuses a declared token with the id of a generation', () => {
    const text = spec('rotation: overlap', '      ci-2:\n        comment: other\n      ci-x: {}\n');
    expect(findings(text)).toEqual(['error overlap-generation-name 7:7']);
  });

  it('refuses an unknown rotation and a bad overlap duration through the schema', () => {
    expect(() => parseSpecText(spec('rotation: rolling'), 'spec.yml')).toThrow(/spec\.yml:6/);
    expect(() => parseSpecText(spec('rotation: overlap\noverlap: soon'), 'spec.yml')).toThrow(/spec\.yml:7/);
  });
});
