/**
 * The `/access` directory index, and the TFA methods. TFA itself is not simulated (nobody has a
 * second factor, as on the nodes the golden vectors describe); the routes exist so that routing
 * and the API-token refusal of the TFA-changing calls behave like PVE.
 */
import { die } from './errors.js';
import type { PermissionCheck } from './checks.js';
import type { Route } from './route.js';

const SUBDIRS = ['users', 'groups', 'roles', 'acl', 'domains', 'openid', 'tfa', 'ticket', 'password'];

const selfOrAdmin: PermissionCheck = [
  'or',
  ['userid-param', 'self'],
  ['and', ['userid-param', 'Realm.AllocateUser'], ['userid-group', ['User.Modify']]],
];

const userid = { type: 'string', format: 'pve-userid', maxLength: 64 } as const;
const optionalText = { type: 'string', optional: true } as const;

const notSimulated = (): never => {
  throw die('TFA configuration is not simulated');
};

/** The `/access` index and the TFA methods. */
export const accessRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/access',
    permissions: { user: 'all' },
    schema: () => ({}),
    handler: () => SUBDIRS.map((subdir) => ({ subdir })),
  },
  { method: 'GET', path: '/access/tfa', permissions: { user: 'all' }, schema: () => ({}), handler: () => [] },
  {
    method: 'GET',
    path: '/access/tfa/{userid}',
    permissions: { check: selfOrAdmin },
    schema: () => ({ userid }),
    handler: () => [],
  },
  {
    method: 'POST',
    path: '/access/tfa/{userid}',
    permissions: { check: selfOrAdmin },
    allowtoken: false,
    schema: () => ({
      userid,
      type: { type: 'string' },
      description: optionalText,
      totp: optionalText,
      value: optionalText,
      challenge: optionalText,
      password: optionalText,
    }),
    handler: notSimulated,
  },
  {
    method: 'PUT',
    path: '/access/tfa/{userid}/{id}',
    permissions: { check: selfOrAdmin },
    allowtoken: false,
    schema: () => ({
      userid,
      id: { type: 'string' },
      description: optionalText,
      enable: { type: 'boolean', optional: true },
      password: optionalText,
    }),
    handler: notSimulated,
  },
  {
    method: 'DELETE',
    path: '/access/tfa/{userid}/{id}',
    permissions: { check: selfOrAdmin },
    allowtoken: false,
    schema: () => ({ userid, id: { type: 'string' }, password: optionalText }),
    handler: notSimulated,
  },
];
