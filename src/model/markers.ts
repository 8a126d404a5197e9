/**
 * Hidden HTML-comment markers that let later runs find what earlier runs wrote: the plan comment
 * on a pull request (and the digest reviewers approved) and the drift issue of a spec file.
 * The formats are part of the public contract; users' tooling may grep for them.
 */

/** The label every drift issue carries; the list endpoint filters on it. */
export const DRIFT_LABEL = 'proxmox-drift';

export interface PlanMarker {
  readonly spec: string;
  /** sha256 hex of the plan (operations plus the live state they came from). */
  readonly digest: string;
}

const DIGEST = /^[0-9a-f]{64}$/;
const PLAN = /<!-- proxmox-access:plan spec=(\S+) digest=([0-9a-f]{64}) -->/;
const DRIFT = /<!-- proxmox-access:drift spec=(\S+) -->/;
const FINGERPRINT_CHARS = '[A-Za-z0-9._:+/=-]+';
const DRIFT_FINGERPRINT = new RegExp(`<!-- proxmox-access:drift-fingerprint (${FINGERPRINT_CHARS}) -->`);

/** `<!-- proxmox-access:plan spec=<path> digest=<sha256> -->` */
export function planMarker(specPath: string, digest: string): string {
  if (!DIGEST.test(digest)) throw new Error(`plan digest must be 64 lower-case hex digits, got '${digest}'`);
  return `<!-- proxmox-access:plan spec=${encodePath(specPath)} digest=${digest} -->`;
}

/** The first plan marker in a comment body, if any. */
export function parsePlanMarker(body: string): PlanMarker | undefined {
  const match = PLAN.exec(body);
  const spec = match ? decodePath(match[1]!) : undefined;
  return match && spec !== undefined ? { spec, digest: match[2]! } : undefined;
}

/** `<!-- proxmox-access:drift spec=<path> -->` */
export function driftMarker(specPath: string): string {
  return `<!-- proxmox-access:drift spec=${encodePath(specPath)} -->`;
}

/** The spec path of the first drift marker in an issue body, if any. */
export function parseDriftMarker(body: string): string | undefined {
  const match = DRIFT.exec(body);
  return match ? decodePath(match[1]!) : undefined;
}

/** Records in the issue body which drift the issue last reported, so an unchanged drift adds no comment. */
export function driftFingerprintMarker(fingerprint: string): string {
  if (!new RegExp(`^${FINGERPRINT_CHARS}$`).test(fingerprint)) {
    throw new Error(`drift fingerprint has characters a marker cannot hold: '${fingerprint}'`);
  }
  return `<!-- proxmox-access:drift-fingerprint ${fingerprint} -->`;
}

export function parseDriftFingerprint(body: string): string | undefined {
  return DRIFT_FINGERPRINT.exec(body)?.[1];
}

// Paths are written as they are, except the few characters that would end the marker's field or the
// HTML comment: `%`, whitespace, `<` and `>` are percent-encoded. Ordinary paths stay readable.
const encodePath = (path: string): string => path.replace(/[%\s<>]/g, (ch) => encodeURIComponent(ch));

function decodePath(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** GitHub refuses comment and issue bodies longer than this (422); every limit of that kind reads it here. */
export const COMMENT_LIMIT = 65_536;
