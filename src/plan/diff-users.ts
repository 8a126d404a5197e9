/**
 * Users: declared ones are owned whole, `groups` being the exact membership. Undeclared users go
 * only when pruned, and never root@pam or the user the run acts as.
 */
import type { LiveUser } from '../model/live-state.js';
import type { UserSpec } from '../spec/model.js';
import { userAddress } from '../model/addresses.js';
import { compareText, sameSet, sortedUnique } from '../model/compare.js';
import { matchingPattern } from '../spec/glob.js';
import type { FieldChange, UserChange, UserFields } from './model.js';
import { type PlanContext } from './plan-context.js';
import { ROOT_USER } from '../model/identity.js';

const USER_FIELDS = ['enable', 'expire', 'comment', 'email', 'firstname', 'lastname', 'groups'] as const;

function desiredFields(user: UserSpec): UserFields {
  return {
    enable: user.enable,
    expire: user.expire,
    comment: user.comment,
    email: user.email,
    firstname: user.firstname,
    lastname: user.lastname,
    groups: sortedUnique(user.groups),
  };
}

function differs(field: (typeof USER_FIELDS)[number], live: LiveUser, want: UserFields): boolean {
  if (field === 'groups') return !sameSet(live.groups, want.groups);
  return live[field] !== want[field];
}

function userUpdate(live: LiveUser, want: UserFields): UserChange | undefined {
  const set: Record<string, unknown> = {};
  const fields: FieldChange[] = [];
  for (const field of USER_FIELDS) {
    if (!differs(field, live, want)) continue;
    set[field] = want[field];
    fields.push({ field, before: field === 'groups' ? [...live.groups] : live[field], after: want[field] });
  }
  if (fields.length === 0) return undefined;
  return {
    kind: 'user',
    userid: live.userid,
    address: userAddress(live.userid),
    action: 'update',
    fields,
    set,
  };
}

export function diffUsers(ctx: PlanContext): UserChange[] {
  const changes: UserChange[] = [];
  for (const user of Object.values(ctx.spec.users)) {
    if (user.external === true) continue;
    const want = desiredFields(user);
    const live = ctx.live.users[user.userid];
    if (live) {
      const update = userUpdate(live, want);
      if (update) changes.push(update);
      continue;
    }
    changes.push({
      kind: 'user',
      userid: user.userid,
      address: userAddress(user.userid),
      action: 'create',
      // Empty text and lists are PVE's defaults: listing them would only add noise to the review.
      fields: USER_FIELDS.filter((field) => want[field] !== '' && !(Array.isArray(want[field]) && want[field].length === 0)).map(
        (field) => ({ field, before: undefined, after: want[field] }),
      ),
      set: want,
    });
  }
  for (const live of Object.values(ctx.live.users)) {
    const { userid } = live;
    if (Object.hasOwn(ctx.spec.users, userid) || ctx.referenced.users.has(userid)) continue;
    if (userid === ROOT_USER || userid === ctx.actingUser) continue;
    const pattern = matchingPattern(ctx.spec.prune.users, userid);
    if (pattern === undefined) continue;
    changes.push({
      kind: 'user',
      userid,
      address: userAddress(userid),
      action: 'delete',
      fields: [],
      set: {},
      reason: `not in spec, matches prune "${pattern}"`,
    });
  }
  return changes.sort((a, b) => compareText(a.address, b.address));
}
