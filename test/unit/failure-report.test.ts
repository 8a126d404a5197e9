import { describe, expect, it } from 'vitest';
import type { ActionDeps } from '../../src/deps.js';
import { recordingLogger } from '../../src/log.js';
import { SecretDeliveryError } from '../../src/errors.js';
import { message } from '../../src/message.js';
import { reportFailure } from '../../src/modes/failure.js';
import { DeliveryPreflightError } from '../../src/secrets/delivery-errors.js';

const deps = (): ActionDeps => ({ env: {}, annotate: () => {}, logger: recordingLogger() }) as unknown as ActionDeps;

describe('reportFailure', () => {
  it('keeps each line of a multi-line error on its own line in the job summary, escaped', () => {
    const summary: string[] = [];
    const outcome = reportFailure(
      deps(),
      new Error('refusing to apply the plan:\n- delete user:a@pve | locked\n- <b>lockout</b>'),
      summary,
    );
    expect(outcome.failure).toBe('proxmox-access failed: refusing to apply the plan:\n- delete user:a@pve | locked\n- <b>lockout</b>');
    const section = summary.join('\n');
    expect(section.split('\n').slice(2)).toEqual([
      'refusing to apply the plan:  ',
      '- delete user:a@pve &#124; locked  ',
      '- &lt;b&gt;lockout&lt;/b&gt;',
    ]);
  });

  it('keeps the code spans the action wrote, and escapes the outside text put into the message', () => {
    const summary: string[] = [];
    const target = 'github-secret acme/infra:PM_`TOKEN` <b>@team</b>';
    const problem = new SecretDeliveryError('secrets-token', message`no \`secrets-token\` was given, but ${target} needs one`);
    const outcome = reportFailure(
      deps(),
      new DeliveryPreflightError([problem, new SecretDeliveryError('output x', 'bad *name*')]),
      summary,
    );
    // The log and the failure line read as before.
    expect(outcome.failure).toBe(
      `proxmox-access failed: secret delivery: 2 problems with the secret targets, found before any change was made:\n` +
        `- secrets-token: no \`secrets-token\` was given, but ${target} needs one\n- output x: bad *name*`,
    );
    expect(summary.join('\n').split('\n').slice(2)).toEqual([
      'secret delivery: 2 problems with the secret targets, found before any change was made:',
      '',
      '- secrets-token: no `secrets-token` was given, but github-secret acme/infra:PM\\_\\`TOKEN\\` &lt;b&gt;`@team`&lt;/b&gt; needs one',
      '- output x: bad \\*name\\*',
    ]);
  });
});
