/** `pools:` as written → PoolSpec records, with the defaults the README documents. */
import type { PoolSpec } from './pool-model.js';
import type { PoolInput } from './pools-schema.js';

/** Only numeric VM ids are kept: a name in `vms` is reported by the pool rules, never sent. */
export function buildPools(input: Readonly<Record<string, PoolInput | null>> | null | undefined): Record<string, PoolSpec> {
  const pools: Record<string, PoolSpec> = {};
  for (const [poolid, pool] of Object.entries(input ?? {})) {
    const members = pool?.members;
    pools[poolid] = {
      poolid,
      comment: pool?.comment ?? '',
      allowMove: pool?.['allow-move'] ?? false,
      ...(members !== undefined && {
        members: {
          vms: [...new Set((members.vms ?? []).filter((vm): vm is number => typeof vm === 'number'))].sort((a, b) => a - b),
          storage: [...new Set(members.storage ?? [])].sort(),
          ...(notNumbers(members.vms).length > 0 && { notNumbers: notNumbers(members.vms) }),
        },
      }),
    };
  }
  return pools;
}

const notNumbers = (vms: readonly (number | string)[] | undefined): string[] => (vms ?? []).filter((vm) => typeof vm === 'string');
