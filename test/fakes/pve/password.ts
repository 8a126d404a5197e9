/**
 * `PUT /access/password`: self, or Realm.AllocateUser plus
 * group User.Modify; non-root callers confirm with their own current password (8.2+); only root
 * touches root@pam and pam accounts. Not available to API tokens.
 */
import { passwordMatches, userEnabled } from './auth.js';
import { die, paramError, permissionError } from './errors.js';
import { ROOT, verifyUsername } from './ids.js';
import type { Params } from './params.js';
import type { HandlerContext, Route } from './route.js';
import { setRealmPassword } from './users.js';

function changePassword(ctx: HandlerContext, params: Params): unknown {
  const caller = ctx.authid!;
  const { userid, realm } = verifyUsername(params.userid!);
  ctx.checks.userExists(userid, false);
  if (caller !== ROOT) {
    if (ctx.features.confirmationPassword) {
      const confirmation = params['confirmation-password'];
      if (confirmation === undefined) throw paramError({ 'confirmation-password': 'password is required to modify user' });
      if (!passwordMatches(ctx.state, caller, confirmation)) throw die('invalid credentials');
    }
    if (caller === userid) {
      if (!userEnabled(ctx.state, userid, ctx.now())) throw die(`user '${userid}' is disabled`);
    } else if (userid === ROOT || realm === 'pam') {
      throw permissionError();
    }
  }
  setRealmPassword(ctx, userid, realm, params.password!);
  return null;
}

/** `PUT /access/password`. */
export const passwordRoutes: readonly Route[] = [
  {
    method: 'PUT',
    path: '/access/password',
    permissions: {
      check: ['or', ['userid-param', 'self'], ['and', ['userid-param', 'Realm.AllocateUser'], ['userid-group', ['User.Modify']]]],
    },
    allowtoken: false,
    schema: (features) => ({
      userid: { type: 'string', format: 'pve-userid', maxLength: 64 },
      password: { type: 'string', minLength: features.passwordMinLength, maxLength: 64 },
      ...(features.confirmationPassword
        ? { 'confirmation-password': { type: 'string', minLength: 5, maxLength: 64, optional: true } }
        : {}),
    }),
    handler: changePassword,
  },
];
