/**
 * What a principal gains and loses on one path. PrivilegeMap values are the propagate flag, so
 * a privilege that stays but stops (or starts) propagating is a change of its own.
 */
import type { PathPrivileges, PrivilegeMap } from '../plan/model.js';

export interface PrivilegeGrant {
  readonly name: string;
  readonly propagate: boolean;
}

export interface PrivilegeDelta {
  readonly added: readonly PrivilegeGrant[];
  readonly removed: readonly PrivilegeGrant[];
  /** Held before and after, with the propagate flag flipped; `propagate` is the new value. */
  readonly repropagated: readonly PrivilegeGrant[];
}

/** Privileges that let a holder widen its own or others' access: worth a second look in review. */
export { ESCALATING_PRIVILEGES } from '../plan/safety.js';

const grants = (map: PrivilegeMap, keep: (name: string, propagate: boolean) => boolean): PrivilegeGrant[] =>
  Object.entries(map)
    .filter(([name, propagate]) => keep(name, propagate))
    .map(([name, propagate]) => ({ name, propagate }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

export function privilegeDelta(path: PathPrivileges): PrivilegeDelta {
  const { before, after } = path;
  return {
    added: grants(after, (name) => !Object.hasOwn(before, name)),
    removed: grants(before, (name) => !Object.hasOwn(after, name)),
    repropagated: grants(after, (name, propagate) => Object.hasOwn(before, name) && before[name] !== propagate),
  };
}

/** `VM.Audit`, or `VM.Audit (this path only)` when it does not propagate. */
export function formatGrant(grant: PrivilegeGrant): string {
  return grant.propagate ? grant.name : `${grant.name} (this path only)`;
}
