import { describe, expect, it } from 'vitest';
import type { TokenInventoryEntry } from '../../src/plan/token-inventory.js';
import { renderDriftMarkdown } from '../../src/render/drift.js';
import { tokenInventorySection } from '../../src/render/token-inventory.js';

const NOW = Date.UTC(2026, 10, 20, 3, 17) / 1000;
const DAY = 86_400;
const ALL = ['Permissions.Modify', 'Sys.Audit', 'Sys.Modify', 'VM.Audit'];

const token = (id: string, over: Partial<TokenInventoryEntry> = {}): TokenInventoryEntry => ({
  id,
  owner: id.slice(0, id.lastIndexOf('!')),
  privsep: true,
  expire: null,
  daysLeft: null,
  managed: true,
  privileges: {},
  marks: [],
  targets: [],
  ...over,
});

const entries: TokenInventoryEntry[] = [
  token('ci@pve!old', { expire: NOW - 3 * DAY, daysLeft: -3, managed: false, privsep: false }),
  token('ci@pve!deploy', {
    expire: NOW + 10 * DAY,
    daysLeft: 10,
    privileges: { '/vms': ['VM.Audit', 'Sys.Modify'], '/vms/100': [] },
    marks: ['Sys.Modify'],
    targets: ['output deploy_token', 'github-secret acme/infra:production/PM_API_TOKEN'],
  }),
  token('tf@pve!plan', { expire: NOW + 200 * DAY, daysLeft: 200, privileges: { '/': ['VM.Audit'] } }),
  token('root@pam!backup', {
    privsep: false,
    managed: false,
    privileges: { '/': ALL },
    marks: ['Permissions.Modify', 'Sys.Modify', 'Administrator'],
  }),
];

const section = (level: 1 | 2 | 3 | 4 = 1, budget = 10_000, list = entries) =>
  tokenInventorySection(list, { allPrivileges: ALL, level, budget });
const rowOf = (md: string, id: string) => md.split('\n').find((line) => line.startsWith(`| \`${id}\``)) ?? '';

describe('tokenInventorySection', () => {
  const md = section();

  it('has one row per token, in the inventory’s order, under a count', () => {
    expect(md).toContain('#### 🔐 Token inventory (4)');
    expect(md).toContain('4 tokens on the cluster: 1 expired, 1 expiring within 30 days, 2 not in the spec, 2 with ⚠️');
    const rows = md.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.map((r) => r.slice(3, r.indexOf('`', 3)))).toEqual(['ci@pve!old', 'ci@pve!deploy', 'tf@pve!plan', 'root@pam!backup']);
  });

  it('flags expired and soon-expiring tokens, and gives the date and days of the rest', () => {
    expect(rowOf(md, 'ci@pve!old')).toContain('| ⛔ **expired** 2026-11-17 |');
    expect(rowOf(md, 'ci@pve!deploy')).toContain('⏳ **2026-11-30** (in 10 days)');
    expect(rowOf(md, 'tf@pve!plan')).toContain('| 2027-06-08 (in 200 days) |');
    expect(rowOf(md, 'root@pam!backup')).toContain('| never |');
  });

  it('flags unmanaged tokens and marks powerful privileges', () => {
    expect(rowOf(md, 'ci@pve!old')).toContain('🏷️ not in the spec');
    expect(rowOf(md, 'ci@pve!deploy')).not.toContain('not in the spec');
    expect(rowOf(md, 'ci@pve!deploy')).toContain('<br>⚠️ Sys.Modify |');
    expect(rowOf(md, 'root@pam!backup')).toContain('⚠️ Permissions.Modify, Sys.Modify, Administrator');
    expect(rowOf(md, 'tf@pve!plan')).not.toContain('⚠️');
  });

  it('writes privileges as path lines, all of them in two words, and the spec’s targets', () => {
    expect(rowOf(md, 'ci@pve!deploy')).toContain('`/vms`: VM.Audit, Sys.Modify<br>`/vms/100`: _none_');
    expect(rowOf(md, 'ci@pve!deploy')).toContain('output deploy\\_token<br>github-secret acme/infra:production/PM\\_API\\_TOKEN');
    expect(rowOf(md, 'root@pam!backup')).toContain('`/`: **all privileges**');
    expect(rowOf(md, 'ci@pve!old')).toContain('| no | _none_ |  |');
  });

  it('keeps a hostile user id inside its cell', () => {
    const odd = section(1, 10_000, [token('e|v<b>il@pve!x', { managed: false })]);
    const row = odd.split('\n').at(-1)!;
    expect(row).toContain('`e\\|v<b>il@pve!x`');
    expect(row.split(/(?<!\\)\|/)).toHaveLength(7);
  });

  it('drops privilege names at level 3 and cuts rows at level 4', () => {
    expect(rowOf(section(3), 'ci@pve!deploy')).toContain('`/vms`<br>`/vms/100` |');
    const many = Array.from({ length: 500 }, (_, i) => token(`u${i}@pve!t`));
    const cut = section(4, 2_000, many);
    expect(cut).toMatch(/\| …and \d+ more \|/);
    expect(cut.length).toBeLessThan(2_000 + 600);
  });

  it('says so when the cluster has no token', () => {
    expect(section(1, 10_000, [])).toContain('No API token on the cluster.');
  });
});

describe('the drift report with the inventory', () => {
  const inventory = { entries, allPrivileges: ALL };

  it('comes after the drift items', () => {
    const report = { clean: false, items: [{ kind: 'added' as const, address: 'token:ci@pve!old', message: 'not in the spec' }] };
    const md = renderDriftMarkdown(report, { specPath: 'p.yml', now: NOW, inventory });
    expect(md.indexOf('Added outside the spec')).toBeLessThan(md.indexOf('Token inventory'));
  });

  it('is there when the cluster is clean', () => {
    const md = renderDriftMarkdown({ clean: true, items: [] }, { specPath: 'p.yml', now: NOW, inventory });
    expect(md).toContain('No drift in `p.yml`');
    expect(md).toContain('#### 🔐 Token inventory (4)');
  });

  it('fits a large inventory under the issue limit', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      token(`user${i}@pve!token`, { privileges: { '/': ['VM.Audit', 'Sys.Audit'], '/vms': ['VM.Audit'] }, targets: ['output x'] }),
    );
    const md = renderDriftMarkdown(
      { clean: true, items: [] },
      { specPath: 'p.yml', now: NOW, inventory: { entries: many, allPrivileges: ALL } },
    );
    expect(md.length).toBeLessThanOrEqual(65_536 - 512);
    expect(md).toMatch(/…and \d+ more/);
  });
});
