/**
 * A list item written twice counts once (the spec is a set), which PVE takes without complaint;
 * a repeat is usually a copy-paste slip, or a typo that hides the name meant instead. Pure.
 */
// eslint-disable-next-line import-x/no-restricted-paths -- fixed by the redesign
import { finding } from '../plan/finding.js';
// eslint-disable-next-line import-x/no-restricted-paths -- fixed by the redesign
import type { Finding } from '../plan/model.js';
import type { LoadedSpec } from './model.js';

export function repeatedItemFindings(loaded: LoadedSpec): Finding[] {
  return (loaded.repeatedItems ?? []).map((item) => {
    const role = /^roles\.(.+)\.privileges$/.exec(item.list)?.[1];
    const message =
      role !== undefined
        ? `role '${role}' lists privilege '${item.value}' twice (first at line ${item.first.line}); a role holds it once, so remove the repeat`
        : `'${item.value}' is listed twice in ${item.list} (first at line ${item.first.line}); it counts once, so remove the repeat`;
    return finding('warning', 'duplicate-item', message, { position: item.position });
  });
}
