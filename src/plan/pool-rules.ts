/**
 * Pool rules that need the cluster: a declared guest that another pool holds moves only where
 * the spec allows it, and an ACL entry on `/pool/<id>` must name a pool that exists once the plan
 * ran (PVE itself accepts any such path and the grant would reach nothing).
 */
import { finding, type Finding } from '../model/finding.js';
import { poolOfAclPath } from '../model/live-pool.js';
import { positionOf } from '../spec/positions.js';
import type { PoolChange } from './model.js';
import { serverRule, type PlanRule, type PlanRuleInput } from './rule-facts.js';

function movesNotAllowed({ loaded, server }: PlanRuleInput): Finding[] {
  const declared = loaded.spec.pools ?? {};
  const poolChanges = server.changes.filter((c): c is PoolChange => c.kind === 'pool' && c.moves.length > 0);
  return poolChanges
    .filter((c) => declared[c.poolid]?.allowMove !== true)
    .flatMap((c) =>
      c.moves.map((move) =>
        finding(
          'error',
          'pool-move-not-allowed',
          `vm ${move.vmid} is in pool ${move.from} on the cluster; set allow-move: true on pool ${c.poolid} to move it (PVE keeps a guest in one pool only)`,
          { position: positionOf(loaded, `pools.${c.poolid}.members.vms[${move.vmid}]`, `pools.${c.poolid}`), address: c.address },
        ),
      ),
    );
}

function unknownPools({ loaded, server }: PlanRuleInput): Finding[] {
  const after = server.after.state.pools ?? {};
  const out: Finding[] = [];
  loaded.spec.acl.forEach((entry, index) => {
    const poolid = poolOfAclPath(entry.path);
    if (poolid === undefined || Object.hasOwn(after, poolid)) return;
    const deleted = Object.hasOwn(server.live.pools ?? {}, poolid) ? ', and this plan deletes it' : '';
    out.push(
      finding(
        'error',
        'acl-unknown-pool',
        `ACL path ${entry.path} names pool ${poolid}, which is neither declared nor on the cluster${deleted}`,
        {
          position: positionOf(loaded, `acl.${index}.path`, `acl.${index}`),
        },
      ),
    );
  });
  return out;
}

export const POOL_PLAN_RULES: readonly PlanRule[] = [
  serverRule('pool-move-not-allowed', movesNotAllowed),
  serverRule('acl-unknown-pool', unknownPools),
];
