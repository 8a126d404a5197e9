/**
 * The simulated cluster behind `proxmox-access simulate`: the same PVE access-API simulator the
 * test suite and `npm run demo` use (bundled into the CLI at build time), seeded like the demo.
 */
import { seedDemoCluster } from '../../scripts/demo/cluster.js';
import { startPveSimulator } from '../../test/fakes/pve/index.js';
import type { StartSimulatedCluster } from './simulate.js';

const VERSION = '9.1.1';
/** The simulator keeps every request for tests to inspect; a long session must not grow without end. */
const FORGET_REQUESTS_MS = 60_000;

export const startSimulatedPve: StartSimulatedCluster = async ({ empty }) => {
  const sim = await startPveSimulator({ version: VERSION });
  if (!empty) seedDemoCluster(sim);
  const token = sim.createToken('root@pam', 'simulate', { privsep: false, comment: 'proxmox-access simulate' });
  const forget = setInterval(() => sim.resetRequests(), FORGET_REQUESTS_MS);
  forget.unref();
  return {
    url: sim.url,
    fingerprint: sim.fingerprint,
    version: VERSION,
    token: { id: token.fullTokenId, secret: token.value },
    stop: async () => {
      clearInterval(forget);
      await sim.stop();
    },
  };
};
