/**
 * Prune never deletes root@pam or the identity the action runs as. When a pattern matches one
 * of them the plan says it was kept, at the pattern's line, so a reviewer is not left wondering
 * why a matching user survived; a pattern that names the user outright is a warning, as it
 * cannot mean anything. When the action runs as root@pam, that is one user and one finding.
 */
import type { LoadedSpec } from '../spec/model.js';
import { finding, type Finding } from '../model/finding.js';
import { matchingPattern } from './glob.js';
import { type PlanContext } from './plan-context.js';
import { positionOf } from './positions.js';
import { ROOT_USER } from '../model/identity.js';

const ACTING_REASON = 'it is the user this action authenticates as';

/** Each protected user once, with every reason it is kept. */
function protectedUsers(ctx: PlanContext): ReadonlyMap<string, string> {
  const users = new Map<string, string>([[ROOT_USER, 'root@pam is never deleted']]);
  if (ctx.actingUser !== undefined) {
    const other = users.get(ctx.actingUser);
    users.set(ctx.actingUser, other === undefined ? ACTING_REASON : `${other}, and ${ACTING_REASON}`);
  }
  return users;
}

export function keptByRuleFindings(loaded: LoadedSpec, ctx: PlanContext): Finding[] {
  const out: Finding[] = [];
  for (const [userid, why] of protectedUsers(ctx)) {
    if (!(userid in ctx.live.users) || Object.hasOwn(ctx.spec.users, userid)) continue;
    const pattern = matchingPattern(ctx.spec.prune.users, userid);
    if (pattern === undefined) continue;
    const named = pattern === userid;
    out.push(
      finding(named ? 'warning' : 'notice', 'prune-kept', `prune pattern "${pattern}" ${named ? 'names' : 'matches'} ${userid}, which is kept: ${why}`, {
        address: `user:${userid}`,
        position: positionOf(loaded, `prune.users[${pattern}]`, 'prune.users', 'prune'),
      }),
    );
  }
  return out;
}
