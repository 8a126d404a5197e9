/**
 * What each PVE major version knows: privileges, built-in roles, and how privileges changed
 * between releases, read from the bundled privilege catalogue. Pure lookups for validation and
 * for hints that tell a user what to write instead of a privilege their server does not have.
 */
import { PRIVILEGE_CATALOG as data } from '../model/privilege-catalog.js';
import { editDistance } from './edit-distance.js';

/** Majors the data file describes, ascending. */
export const PVE_MAJORS: readonly number[] = Object.keys(data.versions)
  .map(Number)
  .sort((a, b) => a - b);

export const LATEST_MAJOR: number = PVE_MAJORS.at(-1) ?? 9;

/** A major the data covers: itself, or the newest known for a newer one. */
const covered = (major: number): number =>
  PVE_MAJORS.includes(major) ? major : major > LATEST_MAJOR ? LATEST_MAJOR : (PVE_MAJORS[0] ?? 7);

export function privilegesOf(major: number): ReadonlySet<string> {
  return new Set(data.versions[String(covered(major))] ?? []);
}

/** Every privilege any covered major knows. */
export const ALL_PRIVILEGES: ReadonlySet<string> = new Set(Object.values(data.versions).flat());

export function builtinRolesOf(major: number): Readonly<Record<string, readonly string[]>> {
  return data.builtin_roles[String(covered(major))] ?? {};
}

/** Majors in which a built-in role of this name exists. */
export function builtinRoleMajors(roleid: string): number[] {
  return PVE_MAJORS.filter((major) => roleid in builtinRolesOf(major));
}

/** Majors in which a privilege exists. */
export function privilegeMajors(privilege: string): number[] {
  return PVE_MAJORS.filter((major) => privilegesOf(major).has(privilege));
}

/**
 * Replacements the data file cannot express: VM.Monitor was split in PVE 9 (monitor reads need
 * Sys.Audit, guest agent calls VM.GuestAgent.*), per the PVE 9 release notes.
 */
const REPLACEMENTS: Readonly<Record<string, readonly string[]>> = {
  'VM.Monitor': ['Sys.Audit', 'VM.GuestAgent.Audit'],
};

const majorOfPackage = (pkg: string): number => Number.parseInt(pkg, 10);

/**
 * Why a privilege is not in `known` and what to use instead, e.g.
 * `VM.Monitor was removed in PVE 9: use Sys.Audit / VM.GuestAgent.Audit`.
 * Empty when there is nothing useful to say.
 */
export function privilegeHint(privilege: string, known: ReadonlySet<string>): string {
  const sameLetters = [...known].find((k) => k.toLowerCase() === privilege.toLowerCase());
  if (sameLetters) return `did you mean ${sameLetters}? privilege names are case-sensitive`;

  const removal = data.changes_timeline.find((t) => t.privileges_removed.includes(privilege));
  if (removal) {
    const replacements = (REPLACEMENTS[privilege] ?? removal.privileges_added).filter((p) => known.has(p));
    const release = majorOfPackage(removal['libpve-access-control']);
    return `${privilege} was removed in PVE ${release}${replacements.length > 0 ? `: use ${replacements.join(' / ')}` : ''}`;
  }
  const addition = data.changes_timeline.find((t) => t.privileges_added.includes(privilege));
  if (addition) {
    const release = addition['libpve-access-control'].replace(/~.*$/, '');
    return `${privilege} was added in PVE ${majorOfPackage(release)}, libpve-access-control ${release}`;
  }
  const close = closest(privilege, known);
  return close ? `did you mean ${close}?` : '';
}

function closest(name: string, known: ReadonlySet<string>): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= 3 && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}
