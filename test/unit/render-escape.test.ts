import { describe, expect, it } from 'vitest';
import { code, escapeText, link, tableRow } from '../../src/model/markdown-escape.js';

describe('escapeText', () => {
  it('shows HTML instead of rendering it and keeps pipes out of table syntax', () => {
    const escaped = escapeText('a|<b>c</b> & d');
    expect(escaped).toBe('a&#124;&lt;b&gt;c&lt;/b&gt; &amp; d');
  });

  it('makes emphasis, code and link marks literal and joins lines', () => {
    expect(escapeText('*x* _y_ `z` [l](u)\nnext')).toBe('\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) next');
  });

  it('keeps @name from mentioning anyone but leaves e-mail addresses alone', () => {
    expect(escapeText('ping @admins')).toBe('ping `@admins`');
    expect(escapeText('ask @acme/ops-team, then @bob_2.')).toBe('ask `@acme/ops-team`, then `@bob_2`.');
    expect(escapeText('ops@example.com')).toBe('ops@example.com');
  });

  it('adds nothing invisible, so a prune pattern copied from a comment is the pattern', () => {
    const escaped = escapeText('prune pattern "terraform-*@pve" deletes user terraform-old@pve');
    expect(escaped).toBe('prune pattern "terraform-\\*`@pve`" deletes user terraform-old@pve');
    expect(escaped).not.toMatch(/[\u200b-\u200d\u2060\ufeff]/);
  });
});

describe('code', () => {
  it('uses a fence longer than any backtick run inside', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`x`')).toBe('`` `x` ``');
    expect(code('plain')).toBe('`plain`');
  });
});

describe('tableRow', () => {
  it('escapes pipes that code spans carry into a cell', () => {
    expect(tableRow([code('acl:/|user:a@pve|R'), 'x'])).toBe('| `acl:/\\|user:a@pve\\|R` | x |');
  });
});

describe('link', () => {
  it('links only http(s) URLs', () => {
    expect(link('run', 'https://github.com/o/r/actions/runs/1')).toBe('[run](https://github.com/o/r/actions/runs/1)');
    expect(link('run', 'javascript:alert(1)')).toBe('run');
    expect(link('run', undefined)).toBe('run');
  });
});
