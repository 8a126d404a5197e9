import * as core from '@actions/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coreLogger } from '../../src/core-logger.js';
import { annotationProperties } from '../../src/github/annotations.js';
import { oneLine, safeLine, safeLines } from '../../src/log-line.js';
import { parseRunnerCommands } from '../e2e/runner-commands.js';

/** Ways a line can be made to start with `::` for the runner: trimmed white space, or characters its comparison skips. */
const LEADS = ['', ' ', '\t', '   ', '\u00a0', '\u3000', '\u0085', '\u200b', '\ufeff', '\u001b', '\u00ad', ' \u200b '];
const BREAKS = ['\n', '\r', '\r\n', '\u2028', '\u2029', '\u0085', '\v', '\f'];
const COMMANDS = [
  '::error::x',
  '::add-mask::x',
  '::stop-commands::tok',
  ':\u200b:warning::x',
  '##[add-mask]x',
  '#\u200b#[warning]x',
  'a ##[debug]x',
];

describe('log line formatter', () => {
  it('leaves ordinary log text alone', () => {
    for (const text of [
      'create user alice@pve',
      'plan digest 0123 matches the plan reviewed on #42',
      'a: b :: c',
      'role:PVEAdmin',
      '  + user:ok@pve',
    ]) {
      expect(safeLines(text)).toBe(text);
      expect(oneLine(text)).toBe(text);
    }
  });

  it('shows line breaks and invisible characters in a value as escapes, on one line', () => {
    expect(oneLine('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
    expect(oneLine('x\u001b[31my')).toBe('x\\u001b[31my');
    expect(oneLine('zero\u200bwidth\u2028sep\u0085nel')).toBe('zero\\u200bwidth\\u2028sep\\u0085nel');
    expect(oneLine('a\nb').split(/\r|\n/)).toHaveLength(1);
  });

  it('keeps the line breaks of composed text and the colours of the command line', () => {
    expect(safeLines('Changes:\n  + user:a@pve\n')).toBe('Changes:\n  + user:a@pve\n');
    expect(safeLines('\u001b[32m+\u001b[0m user')).toBe('\u001b[32m+\u001b[0m user');
    expect(safeLines('a\r\nb\rc')).toBe('a\nb\nc');
  });

  it('never lets a line start a command, however the command is hidden', () => {
    let tried = 0;
    for (const lead of LEADS) {
      for (const brk of BREAKS) {
        for (const command of COMMANDS) {
          const hostile = `value${brk}${lead}${command}`;
          // The reader is not blind: the raw text is a command wherever the runner would split it.
          if (['\n', '\r', '\r\n'].includes(brk)) expect(parseRunnerCommands(hostile), JSON.stringify(hostile)).toHaveLength(1);
          for (const written of [safeLines(hostile), safeLine(hostile), `user ${oneLine(hostile)}`, oneLine(`${lead}${command}`)]) {
            tried += 1;
            expect(parseRunnerCommands(written), JSON.stringify(written)).toEqual([]);
          }
        }
      }
    }
    expect(tried).toBe(LEADS.length * BREAKS.length * COMMANDS.length * 4);
  });

  it('defuses a command at the very start and keeps it readable', () => {
    expect(safeLine('::error::x')).toBe('\\::error::x');
    expect(safeLine('  ::add-mask::x')).toBe('  \\::add-mask::x');
    expect(safeLine('see ##[warning]x')).toBe('see ##\\u005bwarning]x');
  });

  it('keeps JSON valid and its values the same', () => {
    const value = { comment: 'a\n::error::x ##[add-mask]y \u200b', list: ['\u2028', '::stop-commands::t'] };
    const json = JSON.stringify(value, null, 2);
    const written = safeLines(json);
    expect(parseRunnerCommands(written)).toEqual([]);
    expect(JSON.parse(written)).toEqual(value);
  });
});

describe('what @actions/core writes through the formatter', () => {
  let written: string[];
  beforeEach(() => {
    written = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const log = (): string => written.join('');

  it('an annotation is one command with its own title, file and message, whatever they hold', () => {
    const message = 'users.x: bad\n::add-mask::x\r##[error]y';
    const props = annotationProperties({ title: 'proxmox-access: a,b\n::error::t', file: 'spec,1:2\n.yml', startLine: 3, startColumn: 5 });
    core.error(safeLines(message), props);
    const commands = parseRunnerCommands(log());
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({
      name: 'error',
      properties: { title: 'proxmox-access: a,b\\n::error::t', file: 'spec,1:2\\n.yml', line: '3', col: '5' },
      data: 'users.x: bad\n\\::add-mask::x\n##\\u005berror]y',
    });
  });

  it('the action logger writes info, warnings and group titles without a command of their own', async () => {
    coreLogger.info('comment: a\n::add-mask::x');
    coreLogger.info('  ::stop-commands::token');
    coreLogger.warning('w\n::error::x');
    await coreLogger.group('title\n::add-mask::x', async () => coreLogger.info('inside ##[add-mask]y'));
    const commands = parseRunnerCommands(log());
    expect(commands.map((c) => c.name)).toEqual(['warning', 'group', 'endgroup']);
    expect(commands[1]?.data).toBe('title\\n::add-mask::x');
    expect(log()).toContain('\\::add-mask::x');
  });
});
