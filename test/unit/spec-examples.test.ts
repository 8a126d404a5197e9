import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import privilegeData from '../../src/data/pve-privileges.json' with { type: 'json' };
import { loadSpecFile } from '../../src/spec/load.js';
import { validateSpec } from '../../src/spec/validate.js';

const root = join(import.meta.dirname, '..', '..');
const versions = (privilegeData as unknown as { versions: Record<string, string[]> }).versions;

async function exampleFiles(): Promise<string[]> {
  const entries = await readdir(join(root, 'examples'), { recursive: true });
  return entries
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => join('examples', f))
    .sort();
}

describe('examples', async () => {
  const files = await exampleFiles();

  it('cover every seed setup', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        join('examples', 'proxmox-access.yml'),
        join('examples', 'terraform-ansible.yml'),
        join('examples', 'least-privilege-automation.yml'),
        join('examples', 'vm-admin.yml'),
        join('examples', 'privsep-token.yml'),
        join('examples', 'legacy', 'token_setup.json'),
      ]),
    );
  });

  it.each(files)('%s loads and validates cleanly against PVE 9 and offline', async (file) => {
    const loaded = await loadSpecFile(join(root, file), file);
    expect(validateSpec(loaded)).toEqual([]);
    expect(validateSpec(loaded, { pveMajor: 9 })).toEqual([]);
    expect(validateSpec(loaded, { pveMajor: 9, serverPrivileges: versions['9'] ?? [] })).toEqual([]);
  });

  it('include a least-privilege role of about 30 privileges', async () => {
    const { spec } = await loadSpecFile(join(root, 'examples', 'least-privilege-automation.yml'));
    const sizes = Object.values(spec.roles).map((r) => r.privileges.length);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(25);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(35);
  });

  it('include a privsep token with ACL entries of its own', async () => {
    const { spec } = await loadSpecFile(join(root, 'examples', 'privsep-token.yml'));
    const privsep = Object.values(spec.users).flatMap((u) =>
      Object.values(u.tokens ?? {})
        .filter((t) => t.privsep)
        .map((t) => `${u.userid}!${t.tokenid}`),
    );
    expect(privsep.some((id) => spec.acl.some((e) => e.tokens.includes(id)))).toBe(true);
  });

  it('grant PVEVMAdmin on / in the VM admin example', async () => {
    const { spec } = await loadSpecFile(join(root, 'examples', 'vm-admin.yml'));
    expect(spec.acl.some((e) => e.path === '/' && e.roles.includes('PVEVMAdmin') && e.users.length > 0)).toBe(true);
  });
});
