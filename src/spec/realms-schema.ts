/**
 * The `realms:` section as written: one object with every option any realm type takes, so a
 * misspelt key is a schema error while an option of the wrong type is reported by the realm
 * rules (rules-realms.ts) with a message that names the type. Secrets (bind password, client key)
 * have no key here on purpose: they come from the `realm-secrets` input only.
 */
import { z } from 'zod';
import { REALM_TYPES, REMOVE_VANISHED, SYNC_SCOPES } from '../model/realm.js';

const text = (description: string) => z.string().min(1).optional().meta({ description });
const flag = (description: string) => z.boolean().optional().meta({ description });

export const realmSyncSchema = z
  .strictObject({
    scope: z.enum(SYNC_SCOPES).optional().meta({ description: 'What a sync reads: users, groups or both.' }),
    'enable-new': flag('Enable users a sync creates (PVE default true).'),
    'remove-vanished': z
      .array(z.enum(REMOVE_VANISHED))
      .optional()
      .meta({ description: 'What a sync removes when it is gone from the directory: acl, entry, properties; [] for none.' }),
  })
  .meta({ description: "The realm's sync defaults (PVE's sync-defaults-options); a sync runs when they change." });

export const realmTfaSchema = z
  .strictObject({
    type: z.enum(['oath', 'yubico']),
    id: text('Yubico API id.'),
    key: text('Yubico API key.'),
    url: text('Yubico API URL.'),
    digits: z.number().int().min(6).max(8).optional(),
    step: z.number().int().min(10).optional(),
  })
  .meta({ description: 'A second factor every user of the realm must use.' });

export const realmSchema = z
  .strictObject({
    type: z.enum(REALM_TYPES).meta({ description: 'pam, pve, ldap, ad or openid; never changes once created.' }),
    comment: z.string().optional(),
    default: flag('The realm preselected at login; at most one realm.'),
    tfa: realmTfaSchema.optional(),
    server1: text('ldap, ad: the directory server.'),
    server2: text('ldap, ad: a fallback server.'),
    port: z.number().int().min(1).max(65535).optional(),
    mode: z.enum(['ldap', 'ldaps', 'ldap+starttls']).optional(),
    secure: flag('ldap, ad: deprecated, use mode.'),
    sslversion: z.enum(['tlsv1', 'tlsv1_1', 'tlsv1_2', 'tlsv1_3']).optional(),
    verify: flag("ldap, ad: verify the server's certificate."),
    capath: text('ldap, ad: CA certificates path.'),
    cert: text('ldap, ad: client certificate path.'),
    certkey: text('ldap, ad: client certificate key path.'),
    domain: text('ad: the AD domain (required for ad).'),
    'base-dn': text('ldap (required), ad: where users are searched.'),
    'user-attr': text('ldap (required), ad: the attribute holding the user name.'),
    'bind-dn': text('ldap, ad: the account to bind as; its password comes from the realm-secrets input.'),
    filter: text('ldap, ad: user filter.'),
    'sync-attributes': text('ldap, ad: e.g. email=mail,firstname=givenName.'),
    'user-classes': text('ldap, ad: user object classes.'),
    'group-dn': text('ldap, ad: where groups are searched.'),
    'group-name-attr': text('ldap, ad: the attribute holding the group name.'),
    'group-filter': text('ldap, ad: group filter.'),
    'group-classes': text('ldap, ad: group object classes.'),
    'case-sensitive': flag('ldap, ad: user names are case-sensitive (PVE default true).'),
    sync: realmSyncSchema.optional(),
    'issuer-url': text('openid (required): the issuer URL.'),
    'client-id': text('openid (required): the client id; its key comes from the realm-secrets input.'),
    autocreate: flag('openid: create users on first login.'),
    'username-claim': text('openid: the claim that names the user; fixed once the realm exists.'),
    'groups-claim': text('openid: the claim that lists groups.'),
    'groups-autocreate': flag('openid: create groups on login.'),
    'groups-overwrite': flag("openid: replace a user's groups on login."),
    prompt: text('openid: the prompt parameter.'),
    scopes: text('openid: scopes to ask for.'),
    'acr-values': text('openid: authentication context class references.'),
    'query-userinfo': flag('openid: query the userinfo endpoint.'),
  })
  .meta({ description: 'An authentication realm, keyed by its id; each type takes only its own options.' });

export const realmsSchema = z.record(z.string(), realmSchema).nullable().optional();

export type RealmInput = z.input<typeof realmSchema>;
