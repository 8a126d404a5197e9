/**
 * The release workflow publishes what scripts/lib/changelog.ts extracts, and refuses what it
 * rejects: a tag that is not vX.Y.Z, a tag that disagrees with package.json, a version without
 * (or with an empty) CHANGELOG section.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReleaseCheckError, changelogSections, checkRelease } from '../../scripts/lib/changelog.js';

const CHANGELOG = `# Changelog

Intro text that belongs to no version.

## [Unreleased]

### Added

- Something not yet released.

## [1.2.0] - 2026-03-01

### Added

- Feature B, with a [link](https://example.com).
- A line mentioning ## not at the start.

### Fixed

- Bug C.

## [1.1.10] - 2026-02-01

- Patch D.

## 1.0.0 - 2026-01-01

- First.

## [0.9.0] - 2025-12-01

[Unreleased]: https://example.com/compare/v1.2.0...HEAD
[1.2.0]: https://example.com/releases/tag/v1.2.0
`;

const problemsOf = (fn: () => unknown): readonly string[] => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ReleaseCheckError) return err.problems;
    throw err;
  }
  throw new Error('expected the release check to fail');
};

describe('changelogSections', () => {
  it('splits at version headings, with or without brackets and dates, and drops link definitions', () => {
    const sections = changelogSections(CHANGELOG);
    expect([...sections.keys()]).toEqual(['Unreleased', '1.2.0', '1.1.10', '1.0.0', '0.9.0']);
    expect(sections.get('1.2.0')).toBe(
      '### Added\n\n- Feature B, with a [link](https://example.com).\n- A line mentioning ## not at the start.\n\n### Fixed\n\n- Bug C.',
    );
    expect(sections.get('1.0.0')).toBe('- First.');
    expect(sections.get('0.9.0')).toBe('');
  });

  it('reads CRLF files the same', () => {
    expect(changelogSections(CHANGELOG.replaceAll('\n', '\r\n')).get('1.1.10')).toBe('- Patch D.');
  });
});

describe('checkRelease', () => {
  it('a matching tag gives the notes and the major tag', () => {
    const release = checkRelease({ tag: 'v1.1.10', packageVersion: '1.1.10', changelog: CHANGELOG });
    expect(release).toEqual({ version: '1.1.10', majorTag: 'v1', notes: '- Patch D.' });
    expect(checkRelease({ tag: 'v1.0.0', packageVersion: '1.0.0', changelog: CHANGELOG }).notes).toBe('- First.');
  });

  it.each(['1.2.0', 'v1.2', 'v1.2.0-rc.1', 'v01.2.0', 'v1', 'release-1.2.0', 'v1.2.0 '])('refuses the tag %j', (tag) => {
    expect(problemsOf(() => checkRelease({ tag, packageVersion: '1.2.0', changelog: CHANGELOG }))[0]).toContain('not of the form vX.Y.Z');
  });

  it('refuses a tag that disagrees with package.json, saying both versions', () => {
    const problems = problemsOf(() => checkRelease({ tag: 'v1.2.0', packageVersion: '1.1.10', changelog: CHANGELOG }));
    expect(problems).toEqual([expect.stringContaining("v1.2.0 does not match package.json's version 1.1.10")]);
  });

  it('refuses a version without a section, and one whose section is empty', () => {
    expect(problemsOf(() => checkRelease({ tag: 'v1.3.0', packageVersion: '1.3.0', changelog: CHANGELOG }))).toEqual([
      expect.stringContaining('no section for 1.3.0'),
    ]);
    expect(problemsOf(() => checkRelease({ tag: 'v0.9.0', packageVersion: '0.9.0', changelog: CHANGELOG }))).toEqual([
      expect.stringContaining('section for 0.9.0 is empty'),
    ]);
  });

  it('"Unreleased" is never a version', () => {
    expect(problemsOf(() => checkRelease({ tag: 'vUnreleased', packageVersion: 'Unreleased', changelog: CHANGELOG }))[0]).toContain(
      'not of the form',
    );
  });

  it('lists every problem at once', () => {
    expect(problemsOf(() => checkRelease({ tag: 'v2.0.0', packageVersion: '1.2.0', changelog: CHANGELOG }))).toHaveLength(2);
  });
});

describe("the repository's own CHANGELOG.md", () => {
  const root = path.join(import.meta.dirname, '..', '..');
  const changelog = readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

  it("has an Unreleased section first, then package.json's version, releasable as is", () => {
    const versions = [...changelogSections(changelog).keys()];
    expect(versions[0]).toBe('Unreleased');
    expect(versions).toContain(version);
    expect(checkRelease({ tag: `v${version}`, packageVersion: version, changelog }).notes.length).toBeGreaterThan(50);
  });
});
