import { describe, expect, it } from 'vitest';
import { message, ownMarkdown, ownMessage } from '../../src/message.js';

describe('message', () => {
  it('reads the same as a template literal in the log', () => {
    const name = 'PM_TOKEN';
    expect(message`secret ${name}: pass \`secrets-token\``.text).toBe('secret PM_TOKEN: pass `secrets-token`');
  });

  it("keeps the action's code spans and escapes everything else", () => {
    expect(ownMarkdown('pass `Secrets: write` as `secrets-token` *now*')).toBe('pass `Secrets: write` as `secrets-token` \\*now\\*');
  });

  it('never reads a backtick in a value as code, however the values line up', () => {
    const md = message`a ${'`x'} b \`own\` c ${'y`'} d`.markdown;
    expect(md).toBe('a \\`x b `own` c y\\` d');
  });

  it('keeps the Markdown of a nested message', () => {
    const inner = ownMessage('with `Secrets: write`');
    expect(message`outer ${'<b>'} ${inner}`.markdown).toBe('outer &lt;b&gt; with `Secrets: write`');
  });
});
