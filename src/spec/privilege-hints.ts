/**
 * Hints for a privilege the connected server does not know. The knowledge (removals, renames,
 * additions per release, near spellings) lives in the spec catalog; this adapts it to the
 * server's own privilege list.
 */
import { privilegeHint as catalogHint } from './pve-catalog.js';

export function privilegeHint(privilege: string, serverPrivileges: readonly string[]): string | undefined {
  return catalogHint(privilege, new Set(serverPrivileges)) || undefined;
}
