/**
 * Rules for `pools:`: ids PVE accepts, members written as PVE takes them, a guest in one declared
 * pool only. With a connected server they also judge nesting against its version and parents
 * against the pools it has.
 */
import { finding, type Finding } from '../model/finding.js';
import { nestsPools, parentPoolId, POOL_LEVEL, POOL_MAX_DEPTH } from '../model/live-pool.js';
import type { LoadedSpec, PoolSpec } from './model.js';
import { specWhere, type SpecRule } from './rule-input.js';

const pools = (loaded: LoadedSpec): PoolSpec[] => Object.values(loaded.spec.pools ?? {});
const at = (loaded: LoadedSpec, poolid: string, ...more: string[]) =>
  specWhere(loaded, ...more.map((m) => `pools.${poolid}.${m}`), `pools.${poolid}`);

/** Why PVE refuses the pool id, or undefined. */
export function poolIdProblem(poolid: string): string | undefined {
  const levels = poolid.split('/');
  if (levels.length > POOL_MAX_DEPTH) return `it is nested too deeply (PVE allows ${POOL_MAX_DEPTH} levels, like a/b/c)`;
  if (levels.some((level) => !POOL_LEVEL.test(level))) {
    return "each level may hold only letters, digits, '.', '-' and '_', with one '/' between levels";
  }
  const bad = levels.find((level) => !/^[A-Za-z]/.test(level));
  return bad === undefined ? undefined : `'${bad}' must start with a letter`;
}

const invalidPoolId: SpecRule = {
  code: 'invalid-pool-id',
  needs: 'spec',
  check: ({ loaded }) =>
    pools(loaded).flatMap((pool) => {
      const why = poolIdProblem(pool.poolid);
      return why === undefined
        ? []
        : [finding('error', 'invalid-pool-id', `pool id '${pool.poolid}' is not valid: ${why}`, { position: at(loaded, pool.poolid) })];
    }),
};

const VMID = { min: 100, max: 999_999_999 };

function vmProblems(loaded: LoadedSpec, pool: PoolSpec): Finding[] {
  const members = pool.members;
  if (!members) return [];
  const where = (value: string) => at(loaded, pool.poolid, `members.vms[${value}]`, 'members.vms', 'members');
  const names = (members.notNumbers ?? []).map((name) => {
    const hint = /^\d+$/.test(name) ? `write ${name} without quotes` : 'a guest name is not accepted: use its VM id';
    return finding(
      'error',
      'pool-vm-not-id',
      `pool ${pool.poolid}: vms lists '${name}', which is not a VM id (a number such as 101); ${hint}`,
      {
        position: where(name),
      },
    );
  });
  const ranges = members.vms
    .filter((vm) => !Number.isInteger(vm) || vm < VMID.min || vm > VMID.max)
    .map((vm) =>
      finding('error', 'pool-vm-not-id', `pool ${pool.poolid}: ${vm} is not a VM id (a whole number from ${VMID.min} to ${VMID.max})`, {
        position: where(String(vm)),
      }),
    );
  return [...names, ...ranges];
}

const STORAGE_ID = /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i;

const poolMembers: SpecRule[] = [
  { code: 'pool-vm-not-id', needs: 'spec', check: ({ loaded }) => pools(loaded).flatMap((pool) => vmProblems(loaded, pool)) },
  {
    code: 'invalid-storage-id',
    needs: 'spec',
    check: ({ loaded }) =>
      pools(loaded).flatMap((pool) =>
        (pool.members?.storage ?? [])
          .filter((id) => !STORAGE_ID.test(id))
          .map((id) =>
            finding(
              'error',
              'invalid-storage-id',
              `pool ${pool.poolid}: storage id '${id}' is not valid: a letter first, then letters, digits, '-', '_' or '.', ending in a letter or digit`,
              { position: at(loaded, pool.poolid, `members.storage[${id}]`, 'members.storage') },
            ),
          ),
      ),
  },
];

function vmInTwoPools(loaded: LoadedSpec): Finding[] {
  const first = new Map<number, string>();
  const out: Finding[] = [];
  for (const pool of pools(loaded)) {
    for (const vm of pool.members?.vms ?? []) {
      const other = first.get(vm);
      if (other === undefined) first.set(vm, pool.poolid);
      else {
        out.push(
          finding(
            'error',
            'pool-vm-in-two-pools',
            `vm ${vm} is declared in pool ${other} and in pool ${pool.poolid}; PVE keeps a guest in one pool only`,
            {
              position: at(loaded, pool.poolid, `members.vms[${vm}]`, 'members.vms'),
            },
          ),
        );
      }
    }
  }
  return out;
}

const nesting: SpecRule[] = [
  { code: 'pool-vm-in-two-pools', needs: 'spec', check: ({ loaded }) => vmInTwoPools(loaded) },
  {
    code: 'pool-nesting-unsupported',
    needs: 'spec',
    check: ({ loaded, options, server }) => {
      const version = server?.live.version;
      const refuses = version ? !nestsPools(version) : options.pveMajor !== undefined && options.pveMajor < 8;
      if (!refuses) return [];
      const target = version ? `PVE ${version.version}` : `PVE ${options.pveMajor}`;
      return pools(loaded)
        .filter((pool) => pool.poolid.includes('/'))
        .map((pool) =>
          finding(
            'error',
            'pool-nesting-unsupported',
            `pool ${pool.poolid} is nested, which ${target} does not support (nested pools came with 8.0.7)`,
            {
              position: at(loaded, pool.poolid),
            },
          ),
        );
    },
  },
  {
    code: 'pool-parent-missing',
    needs: 'spec',
    // Offline the parent may exist on the cluster; only the connected server can tell.
    check: ({ loaded, server }) => {
      if (!server) return [];
      const declared = loaded.spec.pools ?? {};
      const live = server.live.pools ?? {};
      return pools(loaded).flatMap((pool) => {
        const parent = parentPoolId(pool.poolid);
        if (parent === undefined || Object.hasOwn(declared, parent) || Object.hasOwn(live, parent)) return [];
        return [
          finding(
            'error',
            'pool-parent-missing',
            `pool ${pool.poolid} needs its parent pool ${parent}, which is neither declared nor on the cluster`,
            {
              position: at(loaded, pool.poolid),
            },
          ),
        ];
      });
    },
  },
];

export const POOL_RULES: readonly SpecRule[] = [invalidPoolId, ...poolMembers, ...nesting];
