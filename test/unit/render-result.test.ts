import { describe, expect, it } from 'vitest';
import type { ApplyReport } from '../../src/plan/apply-report.js';
import { renderApplyMarkdown, renderApplyText } from '../../src/render/result.js';
import { fullPlan, userDelete } from './render-fixtures.js';

const report = (over: Partial<ApplyReport> = {}): ApplyReport => ({
  operations: [
    { address: 'role:TerraformProv', kind: 'role', action: 'create', status: 'done' },
    { address: 'token:alice@pve!ci', kind: 'token', action: 'rotate', status: 'done' },
    { address: 'token:new@pve!t', kind: 'token', action: 'create', status: 'reverted', message: 'secret PM_API_TOKEN: 403 <forbidden>' },
    { address: 'user:bob@pve', kind: 'user', action: 'delete', status: 'failed', message: 'user | locked' },
    { address: 'acl:/vms|user:alice@pve|PVEVMAdmin', kind: 'acl', action: 'create', status: 'skipped' },
  ],
  applied: 2,
  writes: 7,
  delivered: [{ fullid: 'alice@pve!ci', targets: ['output terraform_token', 'secret acme/infra:PM_API_TOKEN (environment production)'] }],
  revoked: ['new@pve!t'],
  deadSecrets: [{ fullid: 'alice@pve!ci', consumers: ['secret OLD_CONSUMER'] }],
  converged: false,
  remaining: [userDelete('bob@pve')],
  error: 'stopped after user:bob@pve failed',
  ...over,
});

describe('renderApplyMarkdown', () => {
  const md = renderApplyMarkdown(report(), fullPlan(), { specPath: 'proxmox-access.yml' });

  it('heads with the verdict and counts every status', () => {
    expect(md.split('\n')[0]).toContain('⛔ apply failed');
    expect(md).toContain('2 done, 1 failed, 1 reverted, 1 skipped');
    expect(md).toContain('7 writes to Proxmox');
    const one = report({ writes: 1 });
    expect(renderApplyMarkdown(one, fullPlan(), { specPath: 'proxmox-access.yml' })).toContain('· 1 write to Proxmox ·');
    expect(renderApplyText(one)).toContain('(1 write to Proxmox)');
    expect(md).toContain('**Apply stopped:** stopped after user:bob@pve failed');
  });

  it('lists every operation with its escaped message', () => {
    expect(md).toContain('| status | action | object | message |');
    expect(md).toContain('| ✅ done | ➕ create | `role:TerraformProv` |  |');
    expect(md).toContain('| ❌ failed | 🗑️ delete | `user:bob@pve` | user &#124; locked |');
    expect(md).toContain('403 &lt;forbidden&gt;');
    expect(md).toContain('`acl:/vms\\|user:alice@pve\\|PVEVMAdmin`');
  });

  it('names delivered targets, revoked tokens, dead secrets and what did not converge', () => {
    expect(md).toContain('| `alice@pve!ci` | output terraform\\_token, secret acme/infra:PM\\_API\\_TOKEN (environment production) |');
    expect(md).toContain('**Revoked:** `new@pve!t`');
    expect(md).toContain('These consumers now hold a dead secret');
    expect(md).toContain('secret OLD\\_CONSUMER');
    expect(md).toContain('Not converged');
    expect(md).toContain('🗑️ delete `user:bob@pve`');
  });

  it('says converged and applied when all went well', () => {
    const ok = renderApplyMarkdown(
      {
        operations: [{ address: 'role:R', kind: 'role', action: 'create', status: 'done' }],
        applied: 1,
        writes: 1,
        delivered: [],
        revoked: [],
        deadSecrets: [],
        converged: true,
        remaining: [],
      },
      fullPlan(),
      { specPath: 'p.yml' },
    );
    expect(ok.split('\n')[0]).toContain('✅ applied');
    // Every operation succeeded, so none has a message: no column stays empty.
    expect(ok).toContain('| status | action | object |\n| --- | --- | --- |\n| ✅ done | ');
    expect(ok).not.toContain('| message |');
    expect(ok).toContain('Converged');
    expect(ok).not.toContain('dead secret');
  });

  it('fits many operations under the limit, keeping the failures', () => {
    const many = Array.from({ length: 4000 }, (_, i) => ({
      address: `user:u${i}@pve`,
      kind: 'user' as const,
      action: 'create' as const,
      status: 'done' as const,
    }));
    const big = renderApplyMarkdown(report({ operations: [...many, ...report().operations] }), fullPlan(), {
      specPath: 'p.yml',
      runUrl: 'https://github.com/o/r/actions/runs/9',
    });
    expect(big.length).toBeLessThanOrEqual(65_536 - 512);
    expect(big).toContain('`user:bob@pve`');
    expect(big).not.toContain('`user:u3999@pve`');
    expect(big).toContain('Full plan in the job summary');
  });
});

describe('renderApplyText', () => {
  it('has a line per operation and the delivery outcome, no Markdown', () => {
    const text = renderApplyText(report());
    expect(text).toContain('  ✗ delete user:bob@pve: user | locked');
    expect(text).toContain('  alice@pve!ci → output terraform_token, secret acme/infra:PM_API_TOKEN (environment production)');
    expect(text).toContain('Revoked (secret could not be delivered or failed verification, token deleted again): new@pve!t');
    expect(text).toContain('These consumers now hold a dead secret:\n  alice@pve!ci: secret OLD_CONSUMER');
    expect(text).toContain('Not converged');
    expect(text).toContain('Error: stopped after user:bob@pve failed');
  });
});

describe('a token with no deliver target', () => {
  const bare = report({ delivered: [{ fullid: 'svc@pve!bare', targets: [] }] });

  it('says its secret went to the tokens output only, in text and Markdown', () => {
    expect(renderApplyText(bare)).toContain('svc@pve!bare → the tokens output only');
    expect(renderApplyMarkdown(bare, fullPlan(), { specPath: 'proxmox-access.yml' })).toContain(
      '| `svc@pve!bare` | the tokens output only |',
    );
  });
});

describe('the verification of each delivered secret', () => {
  const checked = report({
    delivered: [
      {
        fullid: 'a@pve!ok',
        targets: ['output a'],
        verification: { status: 'verified', detail: 'holds the 3 planned privileges on 1 path' },
      },
      { fullid: 'b@pve!net', targets: ['output b'], verification: { status: 'unverified', detail: 'could not be checked: reset' } },
      { fullid: 'c@pve!bad', targets: ['output c'], verification: { status: 'failed', detail: 'PVE did not accept it' } },
      { fullid: 'd@pve!old', targets: ['output d'] },
    ],
  });
  const md = renderApplyMarkdown(checked, fullPlan(), { specPath: 'proxmox-access.yml' });

  it('gets its own column in Markdown, only when some secret was tried', () => {
    expect(md).toContain('| token | delivered to | verification |');
    expect(md).toContain('| `a@pve!ok` | output a | ✅ verified: holds the 3 planned privileges on 1 path |');
    expect(md).toContain('| `b@pve!net` | output b | ⚠️ not verified: could not be checked: reset |');
    expect(md).toContain('| `c@pve!bad` | output c | ❌ failed, revoked: PVE did not accept it |');
    expect(md).toContain('| `d@pve!old` | output d | not tried |');
    expect(renderApplyMarkdown(report(), fullPlan(), { specPath: 'proxmox-access.yml' })).toContain('| token | delivered to |\n');
  });

  it('follows the targets in the text', () => {
    const text = renderApplyText(checked);
    expect(text).toContain('  a@pve!ok → output a (verified: holds the 3 planned privileges on 1 path)');
    expect(text).toContain('  c@pve!bad → output c (verification failed, revoked: PVE did not accept it)');
    expect(text).toContain('  d@pve!old → output d\n');
  });
});
