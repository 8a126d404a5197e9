/**
 * Prune never deletes root@pam or the identity the action runs as. When a pattern matches one
 * of them the plan says it was kept, at the pattern's line, so a reviewer is not left wondering
 * why a matching user survived; a pattern that names the user outright is a warning, as it
 * cannot mean anything. When the action runs as root@pam, that is one user and one finding.
 * Offline only root@pam is known, and only a pattern naming it outright is worth a word.
 */
import { finding, type Finding } from '../model/finding.js';
import { ROOT_USER, splitTokenId } from '../model/identity.js';
import { matchingPattern } from './glob.js';
import type { LoadedSpec } from './model.js';
import { positionOf } from './positions.js';
import type { ServerFacts, SpecRule } from './rule-input.js';

const ACTING_REASON = 'it is the user this action authenticates as';

/** Each protected user once, with every reason it is kept. */
function protectedUsers(server: ServerFacts): ReadonlyMap<string, string> {
  const users = new Map<string, string>([[ROOT_USER, 'root@pam is never deleted']]);
  if (server.acting !== undefined) {
    const actingUser = splitTokenId(server.acting)?.userid ?? server.acting;
    const other = users.get(actingUser);
    users.set(actingUser, other === undefined ? ACTING_REASON : `${other}, and ${ACTING_REASON}`);
  }
  return users;
}

function keptOnServer(loaded: LoadedSpec, server: ServerFacts): Finding[] {
  const out: Finding[] = [];
  for (const [userid, why] of protectedUsers(server)) {
    if (!(userid in server.live.users) || Object.hasOwn(loaded.spec.users, userid)) continue;
    const pattern = matchingPattern(loaded.spec.prune.users, userid);
    if (pattern === undefined) continue;
    const named = pattern === userid;
    out.push(
      finding(
        named ? 'warning' : 'notice',
        'prune-kept',
        `prune pattern "${pattern}" ${named ? 'names' : 'matches'} ${userid}, which is kept: ${why}`,
        {
          address: `user:${userid}`,
          position: positionOf(loaded, `prune.users[${pattern}]`, 'prune.users', 'prune'),
        },
      ),
    );
  }
  return out;
}

function namesRoot(loaded: LoadedSpec): Finding[] {
  return loaded.spec.prune.users
    .filter((pattern) => pattern === ROOT_USER)
    .map((pattern) =>
      finding('warning', 'prune-kept', `prune pattern "${pattern}" names root@pam, which is never deleted; remove the pattern`, {
        address: `user:${ROOT_USER}`,
        position: positionOf(loaded, `prune.users[${pattern}]`, 'prune.users'),
      }),
    );
}

export const pruneKept: SpecRule = {
  code: 'prune-kept',
  needs: 'spec',
  check: ({ loaded, server }) => (server ? keptOnServer(loaded, server) : namesRoot(loaded)),
};
