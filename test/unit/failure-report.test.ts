import { describe, expect, it } from 'vitest';
import type { ActionDeps } from '../../src/deps.js';
import { recordingLogger } from '../../src/log.js';
import { reportFailure } from '../../src/modes/failure.js';

const deps = (): ActionDeps => ({ env: {}, annotate: () => {}, logger: recordingLogger() }) as unknown as ActionDeps;

describe('reportFailure', () => {
  it('keeps each line of a multi-line error on its own line in the job summary, escaped', () => {
    const summary: string[] = [];
    const outcome = reportFailure(deps(), new Error('refusing to apply the plan:\n- delete user:a@pve | locked\n- <b>lockout</b>'), summary);
    expect(outcome.failure).toBe('proxmox-access failed: refusing to apply the plan:\n- delete user:a@pve | locked\n- <b>lockout</b>');
    const section = summary.join('\n');
    expect(section.split('\n').slice(2)).toEqual([
      'refusing to apply the plan:  ',
      '- delete user:a@pve &#124; locked  ',
      '- &lt;b&gt;lockout&lt;/b&gt;',
    ]);
  });
});
