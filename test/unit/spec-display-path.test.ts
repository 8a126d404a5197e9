import { describe, expect, it } from 'vitest';
import { specDisplayPath } from '../../src/modes/load-spec.js';

describe('specDisplayPath', () => {
  it('spells one spec path one way whatever the workflow wrote', () => {
    expect(specDisplayPath('./proxmox-access.yml')).toBe('proxmox-access.yml');
    expect(specDisplayPath('infra//pve/./access.yml')).toBe('infra/pve/access.yml');
    expect(specDisplayPath('infra\\pve\\access.yml')).toBe('infra/pve/access.yml');
    expect(specDisplayPath('proxmox-access.yml')).toBe('proxmox-access.yml');
  });
});
