/** Logging in to the PVE simulator with a token secret, the way a user of a delivered secret would. */
import { ProxmoxApiError } from '../../src/errors.js';
import { createProxmoxClient } from '../../src/proxmox/client.js';
import type { PveSimulator } from '../fakes/pve/index.js';

/** Whether `secret` works as `tokenId` against the world's simulator: true, or the status PVE answered. */
export async function authenticates(world: { readonly sim: PveSimulator }, tokenId: string, secret: string): Promise<true | number> {
  const client = await createProxmoxClient({ url: world.sim.url, auth: { tokenId, secret }, fingerprint: world.sim.fingerprint });
  try {
    await client.getVersion();
    return true;
  } catch (err) {
    if (err instanceof ProxmoxApiError) return err.status;
    throw err;
  } finally {
    await client.close();
  }
}
