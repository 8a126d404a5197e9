/**
 * The README's first command must keep working: the demo runs the main job against the
 * simulator, applies, delivers the sealed secret, and ends with a cluster that matches the spec.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run demo', () => {
  it('plans, applies with the secret sealed and masked, and finds no drift afterwards', () => {
    const { FORCE_COLOR: _force, NO_COLOR: _no, ...env } = process.env;
    const demo = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    expect(demo.status, demo.stderr).toBe(0);
    // Piped, as here, the output carries no escape codes.
    expect(demo.stdout).not.toContain('\u001b');
    expect(demo.stdout).toContain('\n━━ 1. A pull request changes proxmox-access.yml: plan\n');
    expect(demo.stdout).toMatch(/summary: \d+ to create, \d+ to update, \d+ to delete; plan comment posted/);
    expect(demo.stdout).toMatch(/plan digest [0-9a-f]{12} matches the plan reviewed on #42/);
    expect(demo.stdout).toContain('terraform_token = ***');
    expect(demo.stdout).toContain('opened with the repository key it matches the new token');
    expect(demo.stdout).toContain('drift: false; summary: 0 to create, 0 to update, 0 to delete');
    // The README tells what the demo does; its last step is the drift check, not another plan.
    expect(demo.stdout).toContain('\n━━ 3. The nightly drift check: the cluster matches the spec\n');
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const tryIt = readme.slice(readme.indexOf('## Try it'), readme.indexOf('## How it works')).replace(/\s+/g, ' ');
    expect(tryIt).toContain('runs the nightly drift check to show that the cluster now matches the spec');
    expect(tryIt).not.toMatch(/re-plans|plans once more/);
    // The runner would mask it; the demo shows what the runner shows.
    expect(demo.stdout).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });
});
