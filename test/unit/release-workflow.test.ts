/**
 * The release workflow runs only pinned code, checks before it publishes, and moves the major
 * tag forward only: its tag-moving step is run here against a local repository standing in
 * for GitHub.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.join(import.meta.dirname, '..', '..');
interface Step {
  name?: string;
  uses?: string;
  run?: string;
}
const workflow = parse(readFileSync(path.join(root, '.github', 'workflows', 'release.yml'), 'utf8')) as {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
};
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const step = (name: string): Step => {
  const found = steps.find((s) => s.name === name);
  if (!found) throw new Error(`release.yml has no step "${name}"`);
  return found;
};

describe('release.yml', () => {
  it('runs on vX.Y.Z tags only, allowed to write contents and nothing else', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } });
    expect(workflow.permissions).toEqual({ contents: 'write' });
  });

  it('uses no action that is not pinned by a full commit SHA', () => {
    for (const s of steps) if (s.uses) expect(s.uses).toMatch(/@[0-9a-f]{40}$/);
  });

  it('checks the tag and runs the whole CI before it creates the release, and moves the major tag last', () => {
    const runs = steps.map((s) => s.run ?? '');
    const at = (text: string): number => runs.findIndex((r) => r.includes(text));
    expect(at('scripts/release-notes.ts --tag "$TAG"')).toBeGreaterThan(at('git checkout'));
    expect(at('bash .ci/run')).toBeGreaterThan(at('scripts/release-notes.ts'));
    expect(at('gh release create')).toBeGreaterThan(at('bash .ci/run'));
    expect(at('git push -f origin')).toBe(runs.length - 1);
  });
});

describe('the "Move the major tag" step', () => {
  let dir: string;
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' }).trim();

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'proxmox-access-release-'));
    git(dir, 'init', '-q', '--bare', 'origin.git');
    git(dir, 'init', '-q', 'work');
    git(path.join(dir, 'work'), 'remote', 'add', 'origin', path.join(dir, 'origin.git'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Commits, tags and pushes `tags` in order; returns each tag's commit. */
  function release(...tags: string[]): Record<string, string> {
    const work = path.join(dir, 'work');
    const commits: Record<string, string> = {};
    for (const tag of tags) {
      git(work, 'commit', '-q', '--allow-empty', '-m', tag);
      git(work, 'tag', tag);
      commits[tag] = git(work, 'rev-parse', 'HEAD');
    }
    git(work, 'push', '-q', 'origin', ...tags.map((t) => `refs/tags/${t}`));
    return commits;
  }

  function runStep(tag: string, commit: string): string {
    return execFileSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step('Move the major tag').run!], {
      cwd: path.join(dir, 'work'),
      env: { PATH: process.env['PATH'] ?? '', HOME: dir, TAG: tag, COMMIT: commit },
      encoding: 'utf8',
    });
  }

  const remoteTag = (name: string): string | undefined =>
    git(dir, '--git-dir', path.join(dir, 'origin.git'), 'tag', '--list', name)
      ? git(dir, '--git-dir', path.join(dir, 'origin.git'), 'rev-parse', `${name}^{commit}`)
      : undefined;

  it('creates v1 at the first release and moves it to the next', () => {
    const first = release('v1.0.0');
    runStep('v1.0.0', first['v1.0.0']!);
    expect(remoteTag('v1')).toBe(first['v1.0.0']);
    const next = release('v1.10.0');
    runStep('v1.10.0', next['v1.10.0']!);
    expect(remoteTag('v1')).toBe(next['v1.10.0']);
  });

  it('leaves v1 alone for a patch to an older line (sorted as versions, not as text)', () => {
    const commits = release('v1.10.0', 'v1.9.1');
    runStep('v1.10.0', commits['v1.10.0']!);
    const out = runStep('v1.9.1', commits['v1.9.1']!);
    expect(out).toContain('v1 stays where it is: v1.10.0 is newer than v1.9.1');
    expect(remoteTag('v1')).toBe(commits['v1.10.0']);
  });

  it('keeps the majors apart: a v2 release does not move v1', () => {
    const commits = release('v1.4.0', 'v2.0.0');
    runStep('v1.4.0', commits['v1.4.0']!);
    runStep('v2.0.0', commits['v2.0.0']!);
    expect(remoteTag('v1')).toBe(commits['v1.4.0']);
    expect(remoteTag('v2')).toBe(commits['v2.0.0']);
  });
});
