/**
 * Serves the PVE simulator, seeded with the demo cluster, until killed. Writes how to reach it
 * as `KEY=value` lines to the file named by --env (GITHUB_ENV in the self-test workflow).
 *
 *   npx tsx scripts/sim-serve.ts --env "$GITHUB_ENV" &
 */
import { appendFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startPveSimulator } from '../test/fakes/pve/index.js';
import { seedDemoCluster } from './demo/cluster.js';

const { values } = parseArgs({ options: { env: { type: 'string' }, version: { type: 'string', default: '9.1.1' } } });
const sim = await startPveSimulator({ version: values.version });
seedDemoCluster(sim);
const token = sim.createToken('root@pam', 'self-test', { privsep: false, comment: 'self-test workflow' });
const lines = [
  `PVE_SIM_URL=${sim.url}`,
  `PVE_SIM_FINGERPRINT=${sim.fingerprint}`,
  `PVE_SIM_TOKEN_ID=${token.fullTokenId}`,
  `PVE_SIM_TOKEN_SECRET=${token.value}`,
].join('\n');
if (values.env) await appendFile(values.env, `${lines}\n`);
else console.log(lines);
console.error(`PVE ${values.version} simulator listening at ${sim.url}`);
process.on('SIGTERM', () => void sim.stop().then(() => process.exit(0)));
