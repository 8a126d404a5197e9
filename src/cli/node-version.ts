/**
 * The CLI is built for Node 24 (as the action runs on `node24`). On an older Node it says so and
 * stops, instead of failing later on some missing language or library feature.
 */
export const MINIMUM_NODE_MAJOR = 24;

/** Why this Node cannot run the CLI, or undefined when it can. `version` as in `process.versions.node`. */
export function unsupportedNode(version: string): string | undefined {
  const major = Number.parseInt(version.split('.')[0] ?? '', 10);
  if (Number.isInteger(major) && major >= MINIMUM_NODE_MAJOR) return undefined;
  return `proxmox-access needs Node.js ${MINIMUM_NODE_MAJOR} or later; this is Node.js ${version}`;
}
