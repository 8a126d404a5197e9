/**
 * Checks a release tag against package.json and CHANGELOG.md, and prints that version's release
 * notes (the release workflow publishes them). Exits 1, saying what to fix, when the tag must not
 * be released.
 *
 *   npx tsx scripts/release-notes.ts --tag v1.2.3 > notes.md
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ReleaseCheckError, checkRelease } from './lib/changelog.js';

const root = new URL('..', import.meta.url);
const { values } = parseArgs({ options: { tag: { type: 'string' } } });
if (!values.tag) {
  console.error('usage: release-notes.ts --tag vX.Y.Z');
  process.exit(2);
}
const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8')) as { version: string };
const changelog = await readFile(new URL('CHANGELOG.md', root), 'utf8');
try {
  const release = checkRelease({ tag: values.tag, packageVersion: pkg.version, changelog });
  process.stdout.write(`${release.notes}\n`);
  console.error(`${values.tag}: package.json and CHANGELOG.md agree; major tag ${release.majorTag}`);
} catch (err) {
  if (!(err instanceof ReleaseCheckError)) throw err;
  console.error(`${values.tag} cannot be released:\n${err.problems.map((p) => `- ${p}`).join('\n')}`);
  process.exit(1);
}
