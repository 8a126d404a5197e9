/**
 * npm run bench: request counts, wall time and CPU time of a plan at growing sizes against the
 * simulator (in its own process), next to a per-object reader (how Terraform providers refresh),
 * of applying N new users with tokens and ACLs, writes against the minimum, and of the nightly
 * rotate mode with all N tokens due, reads and writes apart.
 *
 *   npm run bench                     # N = 10, 100, 1000, 5000; apply and rotate up to 1000
 *   npm run bench -- --apply-max 5000 # apply at every size (slow: one write per object at 20 ms)
 *   npm run bench -- --realms 0,1,5,20 # the state read with that many LDAP realms beside pam and pve
 *   npm run bench -- --tables rotate --sizes 10,100,1000 # only the tables named
 */
import { parseArgs } from 'node:util';
import { executePlan } from '../src/apply/executor.js';
import { remainingChanges } from '../src/engine/plan-live.js';
import { applyRotations } from '../src/engine/rotate-tokens.js';
import { openRunSession, type RunSession } from '../src/engine/run-session.js';
import { sleep } from '../src/github/retry.js';
import { createOctokit } from '../src/github/octokit.js';
import { nullLogger } from '../src/log.js';
import { createProxmoxClient } from '../src/proxmox/client.js';
import { rotationOnlyPlan } from '../src/plan/rotation-only.js';
import { readLiveStatePerObject } from '../src/proxmox/read-state-per-object.js';
import { readLiveState } from '../src/proxmox/read-state.js';
import { createSecretDelivery } from '../src/secrets/delivery.js';
import { parseSpecText } from '../src/spec/load.js';
import { minimumWrites, poolCount, scaleSpecYaml } from './lib/scale.js';
import { startSimChild, type SimChild } from './lib/sim-child.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,100,1000,5000' },
    'apply-max': { type: 'string', default: '1000' },
    realms: { type: 'string', default: '0,1,5,20' },
    tables: { type: 'string', default: 'plan,apply,realms,rotate' },
  },
});
const SIZES = values.sizes.split(',').map(Number);
const APPLY_MAX = Number(values['apply-max']);
const LATENCIES = [0, 20];
const NOW = Math.floor(Date.now() / 1000);
const TABLES = new Set(values.tables.split(','));

interface Measure {
  readonly requests: number;
  readonly wallMs: number;
  readonly cpuMs: number;
}

async function measure(sim: SimChild, fn: () => Promise<unknown>): Promise<Measure> {
  const before = await sim.requests();
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { requests: (await sim.requests()) - before, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** The run session the action and the CLI plan through, against the simulator, with no GitHub behind it. */
const openSession = (sim: SimChild, rotate: 'all' | readonly string[] = []): RunSession =>
  openRunSession(
    { logger: nullLogger, now: () => NOW, connectProxmox: createProxmoxClient, octokit: createOctokit, sleep, setSecret: () => {} },
    {
      connection: {
        proxmoxUrl: sim.url,
        auth: { tokenId: sim.tokenId, secret: sim.secret },
        fingerprint: sim.fingerprint,
        insecure: false,
      },
      github: { apiUrl: 'https://api.github.com', repository: () => ({ owner: 'bench', repo: 'bench' }) },
      rotate,
      allowDeletions: true,
      checkSecrets: false,
    },
  );

async function benchPlan(n: number): Promise<string[]> {
  const sim = await startSimChild('9.1.1');
  const rows: string[] = [];
  try {
    await sim.seed(n);
    const loaded = parseSpecText(scaleSpecYaml(n), `bench-${n}.yml`);
    for (const latency of LATENCIES) {
      await sim.setLatency(latency);
      const session = openSession(sim);
      try {
        const client = await session.proxmox();
        let changes = -1;
        const bulk = await measure(sim, async () => {
          const { plan } = await session.plan(loaded);
          changes = plan.changes.length;
        });
        const perObject = await measure(sim, () => readLiveStatePerObject(client));
        rows.push(
          row([
            n,
            poolCount(n),
            latency,
            bulk.requests,
            ms(bulk.wallMs),
            ms(bulk.cpuMs),
            perObject.requests,
            ms(perObject.wallMs),
            ms(perObject.cpuMs),
            ratio(perObject.wallMs, bulk.wallMs),
            changes,
          ]),
        );
      } finally {
        await session.close();
      }
    }
  } finally {
    await sim.stop();
  }
  return rows;
}

async function benchApply(n: number): Promise<string> {
  const sim = await startSimChild('9.1.1');
  try {
    await sim.setLatency(20);
    const session = openSession(sim);
    try {
      const client = await session.proxmox();
      const loaded = parseSpecText(scaleSpecYaml(n), `bench-${n}.yml`);
      const { live, plan } = await session.plan(loaded);
      // The executor alone is measured: the verification read after it is counted apart, below.
      const delivery = createSecretDelivery({ mask: () => {}, setOutput: () => {}, logger: nullLogger });
      let writes = 0;
      const run = await measure(sim, async () => {
        const report = await executePlan(plan, { api: client, delivery, logger: nullLogger, live, now: () => NOW });
        if (report.error) throw new Error(report.error);
        writes = report.writes;
      });
      const converged = (await remainingChanges(client, loaded, { now: NOW, allowDeletions: true })).length === 0;
      return row([n, 20, writes, minimumWrites(n), run.requests, ms(run.wallMs), ms(run.cpuMs), converged ? 'yes' : 'NO']);
    } finally {
      await session.close();
    }
  } finally {
    await sim.stop();
  }
}

/** The state read with `r` LDAP realms beside pam and pve: the realm list carries no options, so each costs one GET. */
async function benchRealms(r: number): Promise<string> {
  const sim = await startSimChild('9.1.1');
  try {
    await sim.seed(100);
    const session = openSession(sim);
    try {
      const client = await session.proxmox();
      for (let i = 1; i <= r; i++) {
        await client.createRealm({ realm: `ldap${i}`, type: 'ldap', server1: 'ldap.example.com', base_dn: 'dc=example', user_attr: 'uid' });
      }
      await sim.setLatency(20);
      const read = await measure(sim, () => readLiveState(client));
      return row([r, 20, read.requests, ms(read.wallMs)]);
    } finally {
      await session.close();
    }
  } finally {
    await sim.stop();
  }
}

/** Rotate mode's steps (plan in full, keep the rotations, apply, re-read) with every token due through `rotate: all`. */
async function benchRotate(n: number): Promise<string> {
  const sim = await startSimChild('9.1.1');
  try {
    await sim.seed(n);
    await sim.setLatency(20);
    const session = openSession(sim, 'all');
    try {
      await session.proxmox();
      const loaded = parseSpecText(scaleSpecYaml(n), `bench-${n}.yml`);
      const delivery = createSecretDelivery({ mask: () => {}, setOutput: () => {}, logger: nullLogger });
      let writes = 0;
      let rotated = 0;
      let settled = false;
      let checks = 0;
      const run = await measure(sim, async () => {
        const planned = await session.plan(loaded);
        const rotations = rotationOnlyPlan(planned.plan, planned.live);
        const { report } = await applyRotations(session, { logger: nullLogger, now: () => NOW }, loaded, planned, rotations, delivery);
        if (report.error) throw new Error(report.error);
        ({ writes, applied: rotated, converged: settled } = report);
        checks = report.delivered.filter((d) => d.verification !== undefined).length;
      });
      return row([n, 20, rotated, run.requests - writes - checks, checks, writes, ms(run.wallMs), ms(run.cpuMs), settled ? 'yes' : 'NO']);
    } finally {
      await session.close();
    }
  } finally {
    await sim.stop();
  }
}

const ms = (value: number): string => value.toFixed(0);
const ratio = (a: number, b: number): string => `${(a / b).toFixed(1)}×`;
const row = (cells: readonly (string | number)[]): string => `| ${cells.join(' | ')} |`;

if (TABLES.has('plan')) {
  console.log('## Plan: read the whole cluster and diff it (N users, each with a token and an ACL entry, and N/10 pools)\n');
  // Requests are 7 + pools: PVE lists pools without members, so each pool is one more read.
  console.log(
    row([
      'N',
      'pools',
      'latency ms',
      'requests',
      'wall ms',
      'CPU ms',
      'per-object requests',
      'per-object wall ms',
      'per-object CPU ms',
      'per-object / bulk wall',
      'changes',
    ]),
  );
  console.log(row(Array(11).fill('---')));
  for (const n of SIZES) for (const line of await benchPlan(n)) console.log(line);
}

if (TABLES.has('apply')) {
  console.log('\n## Apply: create N users with a token and an ACL entry each, and N/10 pools, at 20 ms latency\n');
  console.log(row(['N', 'latency ms', 'writes', 'minimum writes', 'requests', 'wall ms', 'CPU ms', 'converged']));
  console.log(row(Array(8).fill('---')));
  for (const n of SIZES.filter((size) => size <= APPLY_MAX)) console.log(await benchApply(n));
}

if (TABLES.has('realms')) {
  console.log('\n## Read with R LDAP realms (100 users and 10 pools, 20 ms latency): 7 list requests + 1 per pool + 1 per realm\n');
  console.log(row(['R', 'latency ms', 'requests', 'wall ms']));
  console.log(row(Array(4).fill('---')));
  for (const r of values.realms.split(',').map(Number)) console.log(await benchRealms(r));
}

if (TABLES.has('rotate')) {
  console.log('\n## Rotate: the nightly rotate mode with all N tokens due (`rotate: all`), at 20 ms latency\n');
  console.log(
    row([
      'N',
      'latency ms',
      'rotated',
      'cluster reads (plan + re-read)',
      'secret checks (one GET as each token)',
      'writes',
      'wall ms',
      'CPU ms',
      'settled',
    ]),
  );
  console.log(row(Array(9).fill('---')));
  for (const n of SIZES.filter((size) => size <= APPLY_MAX)) console.log(await benchRotate(n));
}
