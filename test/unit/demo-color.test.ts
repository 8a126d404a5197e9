import { describe, expect, it } from 'vitest';
import { bold, wantsColor } from '../../scripts/demo/color.js';

describe('demo colours', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{}, undefined, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: 'anything' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '3' }, undefined, true],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: 'false' }, true, false],
    [{ FORCE_COLOR: '' }, false, false],
  ] as const)('%j on a %s terminal: colour %s', (env, isTTY, expected) => {
    expect(wantsColor(env, isTTY)).toBe(expected);
  });

  it('writes escape codes only when colour is on', () => {
    expect(bold('x', false)).toBe('x');
    expect(bold('x', true)).toBe('\u001b[1mx\u001b[0m');
  });
});
