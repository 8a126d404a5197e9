/** Loads the spec named by the `spec` input; problems become annotations through the failure path. */
import type { ActionDeps } from '../deps.js';
import { loadSpecFile } from '../spec/load.js';
import type { LoadedSpec } from '../spec/model.js';

export async function loadSpecForRun(deps: ActionDeps, specPath: string): Promise<LoadedSpec> {
  const loaded = await loadSpecFile(specPath);
  const counts = loaded.spec;
  deps.logger.info(
    `spec ${specPath}: ${Object.keys(counts.roles).length} roles, ${Object.keys(counts.groups).length} groups, ` +
      `${Object.keys(counts.users).length} users, ${counts.acl.length} ACL entries`,
  );
  return loaded;
}
