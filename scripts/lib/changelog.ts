/**
 * What the release workflow checks before it publishes a tag: the tag is `vX.Y.Z`, package.json
 * says the same version, and CHANGELOG.md (Keep a Changelog) has a non-empty section for it, whose
 * text becomes the release notes. Pure: the caller reads the files.
 */

export interface ReleaseFacts {
  /** The pushed tag, e.g. `v1.2.3`. */
  readonly tag: string;
  /** `version` of package.json. */
  readonly packageVersion: string;
  /** CHANGELOG.md's text. */
  readonly changelog: string;
}

export interface Release {
  /** `1.2.3` */
  readonly version: string;
  /** The moving major tag, `v1`. */
  readonly majorTag: string;
  /** The version's CHANGELOG section without its heading, as Markdown. */
  readonly notes: string;
}

const TAG = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
/** `## [1.2.3] - 2026-01-31`; the brackets and the date are optional. */
const VERSION_HEADING = /^## \[?([^\]\s]+)\]?(?:\s+-\s+(\S+))?\s*$/;
/** Link reference definitions (`[1.2.3]: https://…`) close the file, not a section. */
const LINK_DEFINITION = /^\[[^\]]+\]:\s/;

export class ReleaseCheckError extends Error {
  override readonly name = 'ReleaseCheckError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** Every `## ` section of the changelog, by its version (or `Unreleased`), with its body text. */
export function changelogSections(changelog: string): Map<string, string> {
  const sections = new Map<string, string>();
  let current: { version: string; lines: string[] } | undefined;
  const close = (): void => {
    if (current) sections.set(current.version, current.lines.join('\n').trim());
  };
  for (const line of changelog.replaceAll('\r\n', '\n').split('\n')) {
    const heading = line.startsWith('## ') ? VERSION_HEADING.exec(line) : null;
    if (heading) {
      close();
      current = { version: heading[1]!, lines: [] };
    } else if (line.startsWith('## ') || LINK_DEFINITION.test(line)) {
      close();
      current = undefined;
    } else current?.lines.push(line);
  }
  close();
  return sections;
}

/** The release the tag stands for, or every reason it must not be published. */
export function checkRelease(facts: ReleaseFacts): Release {
  const problems: string[] = [];
  const tag = TAG.exec(facts.tag);
  if (!tag) problems.push(`the tag "${facts.tag}" is not of the form vX.Y.Z (for example v1.2.3)`);
  const version = tag ? facts.tag.slice(1) : facts.tag.replace(/^v/, '');
  if (tag && facts.packageVersion !== version) {
    problems.push(
      `the tag ${facts.tag} does not match package.json's version ${facts.packageVersion}: bump package.json, or tag v${facts.packageVersion}`,
    );
  }
  const notes = changelogSections(facts.changelog).get(version);
  if (notes === undefined) {
    problems.push(`CHANGELOG.md has no section for ${version}: move the Unreleased entries under "## [${version}] - YYYY-MM-DD"`);
  } else if (notes === '') {
    problems.push(`CHANGELOG.md's section for ${version} is empty: say what changed`);
  }
  if (problems.length > 0 || !tag || notes === undefined) throw new ReleaseCheckError(problems);
  return { version, majorTag: `v${tag[1]}`, notes };
}
