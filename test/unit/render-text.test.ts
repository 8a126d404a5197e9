import { describe, expect, it } from 'vitest';
import { renderPlanText } from '../../src/render/text.js';
import { fullPlan, plan, token, userDelete } from './render-fixtures.js';

const ANSI = /\u001b\[/;

describe('renderPlanText', () => {
  const text = renderPlanText(fullPlan());
  const lines = text.split('\n');

  it('prints one line per change with its symbol', () => {
    expect(lines).toContain('  + role:TerraformProv');
    expect(lines).toContain('  ~ user:alice@pve');
    expect(lines).toContain('  ↻ token:alice@pve!ci  (expires in 3d)');
    expect(lines).toContain('  - user:bob@pve  (not in spec, matches prune "*@pve")');
    expect(lines).toContain('  + acl:/vms|user:alice@pve|PVEVMAdmin');
  });

  it('marks implied cascades', () => {
    const implied = lines.find((l) => l.includes('token:bob@pve!old'));
    expect(implied).toMatch(/implied/);
    expect(implied).toContain('deleted with user:bob@pve');
  });

  it('shows field changes under their change, lists as additions', () => {
    const at = lines.indexOf('  ~ user:alice@pve');
    expect(lines[at + 1]).toBe('      comment: "old comment" → "new comment"');
    expect(lines[at + 2]).toBe('      groups: +automation');
    expect(text).toContain('rotation: regenerate the secret');
    expect(text).toContain('deliver: output terraform_token, github-secret acme/infra:production/PM_API_TOKEN');
    expect(text).toContain('grant: PVEVMAdmin to user alice@pve on /vms (propagates)');
  });

  it('puts findings first, errors before warnings, with their location', () => {
    const error = lines.findIndex((l) => l.includes('[lockout]'));
    const warning = lines.findIndex((l) => l.includes('[privsep-no-acl]'));
    const firstChange = lines.indexOf('  + role:TerraformProv');
    expect(error).toBeGreaterThan(-1);
    expect(error).toBeLessThan(warning);
    expect(warning).toBeLessThan(firstChange);
    expect(lines[error]).toContain('error');
    expect(lines[error]).toContain('proxmox-access.yml:12:5');
  });

  it('lists privilege changes per principal and path', () => {
    expect(text).toContain('  alice@pve (user)');
    expect(text).toContain('    /vms  +Permissions.Modify +VM.Console -Sys.Modify');
    expect(text).toContain('    /  +Datastore.Audit (this path only)');
  });

  it('ends with the summary line and has no colour unless asked', () => {
    expect(text.trimEnd().split('\n').at(-1)).toBe('Plan: 2 to create, 1 to update, 1 to delete, 1 to rotate.');
    expect(text).not.toMatch(ANSI);
    expect(renderPlanText(fullPlan(), { color: true })).toMatch(ANSI);
  });

  it('says "No changes." for an empty plan', () => {
    const empty = renderPlanText(plan([]));
    expect(empty).toContain('No changes.');
    expect(empty).not.toContain('Plan:');
  });

  it('counts a plan of only cascades as no changes', () => {
    expect(renderPlanText(plan([token('x@pve!a', 'delete', { implied: true })]))).toContain('No changes.');
    expect(renderPlanText(plan([userDelete('x@pve')]))).not.toContain('No changes.');
  });
});
