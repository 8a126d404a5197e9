/** Loads the spec named by the `spec` input; problems become annotations through the failure path. */
import path from 'node:path';
import type { ActionDeps } from '../deps.js';
import { loadSpecFile } from '../spec/load.js';
import type { LoadedSpec } from '../spec/model.js';
import { count } from '../model/count.js';

export async function loadSpecForRun(deps: ActionDeps, specPath: string): Promise<LoadedSpec> {
  const loaded = await loadSpecFile(specPath, specDisplayPath(specPath));
  const counts = loaded.spec;
  deps.logger.info(
    `spec ${loaded.file}: ${count(Object.keys(counts.roles).length, 'role')}, ${count(Object.keys(counts.groups).length, 'group')}, ` +
      `${count(Object.keys(counts.users).length, 'user')}, ${count(counts.acl.length, 'ACL entry', 'ACL entries')}`,
  );
  return loaded;
}

/**
 * The one spelling of a spec path used in markers and annotations, so `./proxmox-access.yml` in
 * the apply workflow finds the comment `proxmox-access.yml` in the plan workflow wrote.
 */
export function specDisplayPath(specPath: string): string {
  const normalized = path.posix.normalize(specPath.replace(/\\/g, '/'));
  return normalized.startsWith('./') ? normalized.slice(2) : normalized;
}
