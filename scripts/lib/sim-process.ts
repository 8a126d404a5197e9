/**
 * The PVE simulator in a process of its own, driven over IPC, so the benchmark's CPU time is the
 * client's alone and not the simulator's.
 */
import { startPveSimulator } from '../../test/fakes/pve/index.js';
import { seedScale } from './scale.js';

type Request =
  | { readonly type: 'seed'; readonly n: number }
  | { readonly type: 'latency'; readonly ms: number }
  | { readonly type: 'count' }
  | { readonly type: 'stop' };

const sim = await startPveSimulator({ version: process.argv[2] ?? '9.1.1' });
const token = sim.createToken('root@pam', 'bench', { privsep: false });
process.send?.({ type: 'ready', url: sim.url, fingerprint: sim.fingerprint, tokenId: token.fullTokenId, secret: token.value });

process.on('message', (message: Request) => {
  switch (message.type) {
    case 'seed':
      seedScale(sim, message.n);
      break;
    case 'latency':
      sim.setLatency(message.ms);
      break;
    case 'count':
      break;
    case 'stop':
      void sim.stop().then(() => process.exit(0));
      return;
  }
  process.send?.({ type: 'done', requests: sim.requestCount });
});
