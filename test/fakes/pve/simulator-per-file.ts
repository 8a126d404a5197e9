/**
 * One PVE simulator, and a wire client that trusts it, shared by all tests of the calling file:
 * started before them and handed to `use`, closed and stopped after them.
 */
import { afterAll, beforeAll } from 'vitest';
import { startPveSimulator, type PveSimulator } from './index.js';
import { PveWire } from './pve-http.js';

export function simulatorPerFile(use: (started: { sim: PveSimulator; wire: PveWire }) => void): void {
  let started: { sim: PveSimulator; wire: PveWire } | undefined;
  beforeAll(async () => {
    const sim = await startPveSimulator();
    started = { sim, wire: new PveWire(sim) };
    use(started);
  });
  afterAll(async () => {
    started?.wire.close();
    await started?.sim.stop();
  });
}
