/** The version `proxmox-access --version` prints: the package's own, bundled in at build time. */
import pkg from '../../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
