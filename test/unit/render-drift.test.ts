import { describe, expect, it } from 'vitest';
import { renderDriftMarkdown, type DriftReportLike } from '../../src/render/drift.js';

const NOW = Date.UTC(2026, 10, 20, 3, 17) / 1000;

const report: DriftReportLike = {
  clean: false,
  items: [
    {
      kind: 'changed',
      address: 'role:TerraformProv',
      message: 'privileges on the cluster include Sys.Modify, which the spec does not list',
    },
    { kind: 'added', address: 'token:terraform-prov@pve!handmade', message: 'token not in the spec | <i>hand-made</i>' },
    { kind: 'expiring', address: 'token:ci@pve!t', message: 'expires in 10d' },
    { kind: 'changed', address: 'user:alice@pve', message: 'comment is "HACKED" on the cluster, the spec says "Terraform provisioning"' },
  ],
};

describe('renderDriftMarkdown', () => {
  const md = renderDriftMarkdown(report, { specPath: 'proxmox-access.yml', now: NOW });

  it('groups items by kind with a count and a table', () => {
    expect(md).toContain('Drift in `proxmox-access.yml`: 4 items');
    expect(md).toContain('#### ✏️ Changed outside the spec (2)');
    expect(md).toContain('#### ➕ Added outside the spec (1)');
    expect(md).toContain('#### ⏳ Expiring soon (1)');
    expect(md).not.toContain('Deleted outside the spec');
    const changed = md.slice(md.indexOf('Changed outside'), md.indexOf('Added outside'));
    expect(changed).toContain('`role:TerraformProv`');
    expect(changed).toContain('`user:alice@pve`');
  });

  it('reads every item cluster first, spec second', () => {
    expect(md).toContain('| `user:alice@pve` | comment is "HACKED" on the cluster, the spec says "Terraform provisioning" |');
    expect(md).toContain('| `role:TerraformProv` | privileges on the cluster include Sys.Modify, which the spec does not list |');
    expect(md).toContain('| object | on the cluster, compared with the spec |');
  });

  it('says what to do: revert with the manual apply workflow, keep by changing the spec', () => {
    expect(md).toContain('Checked 2026-11-20 03:17 UTC');
    const advice = [...md.matchAll(/\*\*What to do:\*\* ([^\n]*)/g)].map((m) => m[1]!);
    expect(advice).toHaveLength(3);
    for (const text of advice)
      expect(text).toContain('[manual apply](https://github.com/proxmox-access/proxmox-access#manual-apply) workflow');
    expect(advice[0]).toMatch(/To keep what is live, change the spec[^\n]*`proxmox-access export`/);
  });

  it('never advises re-running the apply on merge for drift its digest check would refuse', () => {
    const kinds = ['changed', 'added', 'deleted', 'expiring', 'privileges-stripped'] as const;
    const all = renderDriftMarkdown(
      { clean: false, items: kinds.map((kind) => ({ kind, address: `user:${kind}@pve`, message: kind })) },
      { specPath: 'p.yml', now: NOW },
    );
    expect(all).not.toMatch(/re-run/i);
  });

  it('a missing secret alone: any apply with secrets-token restores it, even a re-run of the apply on merge', () => {
    const missing = renderDriftMarkdown(
      {
        clean: false,
        items: [{ kind: 'secret-missing', address: 'token:ci@pve!t', message: 'a delivery target no longer holds the secret' }],
      },
      { specPath: 'p.yml', now: NOW },
    );
    expect(missing).toMatch(
      /any apply with `secrets-token` does the same, a repair that needs no reviewed plan[^\n]*manual apply[^\n]*re-run the apply on merge if nothing else drifted/,
    );
  });

  it('points a due token and a missing secret at the nightly rotate step first, the manual apply with rotate second', () => {
    const due = renderDriftMarkdown(
      {
        clean: false,
        items: [
          { kind: 'expiring', address: 'token:ci@pve!t', message: 'expires in 3 days' },
          { kind: 'secret-missing', address: 'token:ci@pve!u', message: 'a delivery target no longer holds the secret' },
        ],
      },
      { specPath: 'p.yml', now: NOW },
    );
    const advice = [...due.matchAll(/\*\*What to do:\*\* ([^\n]*)/g)].map((m) => m[1]!);
    const nightly = '[nightly `rotate` step](https://github.com/proxmox-access/proxmox-access#nightly-rotation-and-drift-report)';
    expect(advice).toHaveLength(2);
    const [missing, expiring] = advice as [string, string];
    expect(missing.startsWith(`The ${nightly} restores it on its next run`)).toBe(true);
    expect(expiring.startsWith(`The ${nightly} rotates these tokens on its next run`)).toBe(true);
    for (const text of advice) {
      expect(text).toContain('[manual apply](https://github.com/proxmox-access/proxmox-access#manual-apply) workflow');
      expect(text).toMatch(/`rotate` input|`rotate:`/);
      expect(text).toContain('its job summary says why');
    }
  });

  it('escapes messages', () => {
    expect(md).toContain('token not in the spec &#124; &lt;i&gt;hand-made&lt;/i&gt;');
    expect(md).not.toContain('<i>');
  });

  it('reports a clean cluster', () => {
    const clean = renderDriftMarkdown({ clean: true, items: [] }, { specPath: 'p.yml', now: NOW });
    expect(clean).toContain('No drift');
    expect(clean).not.toContain('####');
  });

  it('fits a large drift under the issue limit', () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({
      kind: 'added' as const,
      address: `user:x${i}@pve`,
      message: 'user not in the spec, matches no prune pattern',
    }));
    const big = renderDriftMarkdown({ clean: false, items }, { specPath: 'p.yml', now: NOW });
    expect(big.length).toBeLessThanOrEqual(65_536 - 512);
    expect(big).toMatch(/…and \d+ more/);
  });
});
