/**
 * The `pools:` section: how it builds, and the spec rules that judge it offline, each at the line
 * and column of what it is about (fixtures in test/fixtures/specs/pools).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { parseSpecText } from '../../src/spec/load.js';
import { validateSpec } from '../../src/spec/validate.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/specs/pools/${name}`, import.meta.url), 'utf8');
const lines = (findings: Finding[]): string[] =>
  findings.map((f) => `${f.position?.line}:${f.position?.column} ${f.severity} ${f.code}: ${f.message}`);

describe('pools: building the spec', () => {
  it('applies the defaults and sorts members; members absent means unmanaged', () => {
    const { spec } = parseSpecText(
      'version: 1\npools:\n  prod:\n    comment: P\n    members: { vms: [102, 101, 102], storage: [nfs, local] }\n  dev: {}\n  qa:\n    members: {}\n',
      's.yml',
    );
    expect(spec.pools).toEqual({
      prod: { poolid: 'prod', comment: 'P', allowMove: false, members: { vms: [101, 102], storage: ['local', 'nfs'] } },
      dev: { poolid: 'dev', comment: '', allowMove: false },
      qa: { poolid: 'qa', comment: '', allowMove: false, members: { vms: [], storage: [] } },
    });
  });

  it('leaves pools out of a spec that does not mention them', () => {
    const { spec } = parseSpecText('version: 1\n', 's.yml');
    expect(spec.pools).toBeUndefined();
    expect(spec.prune.pools).toBeUndefined();
  });

  it('reads prune: pools: patterns', () => {
    expect(parseSpecText('version: 1\nprune:\n  pools: ["tmp-*", "a"]\n', 's.yml').spec.prune.pools).toEqual(['a', 'tmp-*']);
  });
});

describe('pools: offline rules', () => {
  it('reports every bad id and member at its line and column', () => {
    expect(lines(validateSpec(parseSpecText(fixture('invalid.yml'), 'invalid.yml'), { pveMajor: 9 }))).toEqual([
      "3:3 error invalid-pool-id: pool id '1st' is not valid: '1st' must start with a letter",
      "5:3 error invalid-pool-id: pool id 'prod/web/app/x' is not valid: it is nested too deeply (PVE allows 3 levels, like a/b/c)",
      "7:3 error invalid-pool-id: pool id 'my pool' is not valid: each level may hold only letters, digits, '.', '-' and '_', with one '/' between levels",
      "10:18 error pool-vm-not-id: pool prod: vms lists 'web01', which is not a VM id (a number such as 101); a guest name is not accepted: use its VM id",
      "10:25 error pool-vm-not-id: pool prod: vms lists '102', which is not a VM id (a number such as 101); write 102 without quotes",
      '10:32 error pool-vm-not-id: pool prod: 99 is not a VM id (a whole number from 100 to 999999999)',
      "11:28 error invalid-storage-id: pool prod: storage id '-bad' is not valid: a letter first, then letters, digits, '-', '_' or '.', ending in a letter or digit",
      '14:13 error pool-vm-in-two-pools: vm 101 is declared in pool prod and in pool dev; PVE keeps a guest in one pool only',
    ]);
  });

  it('accepts nested pools where PVE nests them, and refuses them for PVE 7', () => {
    const loaded = parseSpecText(fixture('nested.yml'), 'nested.yml');
    expect(validateSpec(loaded, { pveMajor: 9 })).toEqual([]);
    expect(validateSpec(loaded)).toEqual([]);
    expect(lines(validateSpec(loaded, { pveMajor: 7 }))).toEqual([
      '5:3 error pool-nesting-unsupported: pool prod/web is nested, which PVE 7 does not support (nested pools came with 8.0.7)',
      '9:3 error pool-nesting-unsupported: pool staging/web is nested, which PVE 7 does not support (nested pools came with 8.0.7)',
      // PVE 7 takes no /pool/a/b path either.
      expect.stringMatching(/^12:\d+ error invalid-acl-path: ACL path '\/pool\/prod\/web' is not accepted by PVE 7/),
    ]);
  });

  it('warns about a prune pattern no pool id can match, and accepts nested ones', () => {
    const findings = validateSpec(parseSpecText('version: 1\nprune:\n  pools: ["tmp-*", "prod/*", "^old.*$"]\n', 's.yml'));
    expect(lines(findings)).toEqual([
      expect.stringMatching(/^3:\d+ warning prune-never-matches: prune pattern "\^old\.\*\$" can never match: pool ids hold only/),
    ]);
  });

  it('a pool id that is fine for PVE is not judged by its length', () => {
    const id = 'pool-with-a-very-long-name-0123456789abcdefghij';
    expect(validateSpec(parseSpecText(`version: 1\npools:\n  ${id}: {}\n`, 's.yml'))).toEqual([]);
  });
});
