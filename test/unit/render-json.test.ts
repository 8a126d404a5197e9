import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/plan/model.js';
import { planToJson, toJsonValue } from '../../src/render/json.js';
import { DIGEST, fullPlan, plan, token, userDelete } from './render-fixtures.js';

describe('planToJson', () => {
  const json = planToJson(fullPlan());

  it('has exactly the documented top-level fields', () => {
    expect(Object.keys(json).sort()).toEqual(
      ['changes', 'counts', 'digest', 'findings', 'hasChanges', 'hasErrors', 'privileges', 'server', 'summary', 'version'].sort(),
    );
    expect(json.version).toBe(1);
    expect(json.digest).toBe(DIGEST);
    expect(json.summary).toBe('2 to create, 1 to update, 1 to delete, 1 to rotate');
    expect(json.counts).toEqual({ create: 2, update: 1, delete: 1, rotate: 1 });
    expect(json.hasErrors).toBe(true);
  });

  it('gives every change the same fields, tokens also their targets by name', () => {
    const common = ['action', 'address', 'fields', 'implied', 'kind', 'reason'];
    for (const change of json.changes) {
      const expected = change.kind === 'token' ? [...common, 'deliver', 'rotation'] : common;
      expect(Object.keys(change).sort()).toEqual(expected.sort());
    }
    const rotated = json.changes.find((c) => c.address === 'token:alice@pve!ci');
    expect(rotated?.deliver).toEqual(['output terraform_token', 'github-secret acme/infra:production/PM_API_TOKEN']);
    expect(rotated?.rotation).toBe('regenerate');
    expect(json.changes.find((c) => c.address === 'token:bob@pve!old')?.implied).toBe(true);
    expect(json.changes.find((c) => c.address === 'role:TerraformProv')?.reason).toBeNull();
  });

  it('leaves out anything the model does not declare', () => {
    const withExtra = { ...userDelete('eve@pve'), secret: 'do-not-leak' } as Change;
    const out = JSON.stringify(planToJson(plan([withExtra])));
    expect(out).not.toContain('do-not-leak');
  });

  it('round trips through JSON.stringify unchanged', () => {
    const withUndefined = plan([
      { ...userDelete('a@pve'), fields: [{ field: 'expire', before: 0, after: undefined }] },
      token('a@pve!t', 'create', { fields: [{ field: 'lifetime', before: undefined, after: Number.NaN }] }),
    ]);
    for (const value of [json, planToJson(withUndefined)]) {
      expect(JSON.parse(JSON.stringify(value))).toEqual(value);
    }
    expect(planToJson(withUndefined).changes[0]?.fields[0]).toEqual({ field: 'expire', before: 0, after: null });
  });

  it('keeps findings and privileges with null for what is absent', () => {
    const lockout = json.findings.find((f) => f.code === 'lockout');
    expect(lockout?.position).toEqual({ file: 'proxmox-access.yml', line: 12, column: 5 });
    expect(json.findings.find((f) => f.code === 'privsep-no-acl')?.position).toBeNull();
    expect(json.privileges[0]?.paths[0]?.after).toEqual({ 'VM.Audit': true, 'VM.Console': true, 'Permissions.Modify': true });
  });
});

describe('toJsonValue', () => {
  it('turns what JSON would drop or mangle into null', () => {
    expect(toJsonValue({ a: undefined, b: [1, Infinity], c: 10n })).toEqual({ a: null, b: [1, null], c: '10' });
  });
});
