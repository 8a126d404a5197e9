/**
 * The spec file format (README, "The spec") as written by people: kebab-case keys, durations and dates
 * as text, most keys optional. Every object is strict so a misspelt key is an error rather than a
 * silently ignored setting. Identifier formats, references between sections and privilege names
 * are checked by validate.ts, which can point at the offending line with a useful message; this
 * schema only fixes the shape. The JSON Schema for editors is generated from it.
 */
import { z } from 'zod';
import { DATE_PATTERN, DURATION_PATTERN, parseDate, parseDuration } from './duration.js';
import { LAST_REPRESENTABLE_DATE, MAX_EXPIRE_EPOCH } from './limits.js';
import { poolsSchema, prunePoolsSchema } from './pools-schema.js';
import { realmsSchema } from './realms-schema.js';

const DURATION_HELP = 'a duration: seconds, or a number with a unit s, m, h, d or w (e.g. 90d, 12h, 30m, 2w)';
const DURATION_TOO_LONG = `is too long: at most ${MAX_EXPIRE_EPOCH} seconds, as an expiry after ${LAST_REPRESENTABLE_DATE} cannot be represented`;

// Each value gets one message: a check that fails stops the ones after it (abort), so a bad
// value is not also reported as, say, "not a real date".
export const durationSchema = z
  .union([
    z
      .number()
      .max(MAX_EXPIRE_EPOCH, { error: DURATION_TOO_LONG, abort: true })
      .int()
      .min(1, { error: `must be ${DURATION_HELP}, greater than zero` }),
    z
      .string()
      .regex(DURATION_PATTERN, { error: `must be ${DURATION_HELP}`, abort: true })
      .refine((text) => (parseDuration(text) ?? Infinity) <= MAX_EXPIRE_EPOCH, { error: DURATION_TOO_LONG, abort: true })
      .refine((text) => parseDuration(text) !== 0, { error: 'must be greater than zero' }),
  ])
  .meta({ description: `Length of time: ${DURATION_HELP}.` });

export const expireSchema = z
  .union([
    z
      .number()
      .max(MAX_EXPIRE_EPOCH, {
        error: `must be a date before ${LAST_REPRESENTABLE_DATE}, the last date that can be represented, or 0 (never)`,
        abort: true,
      })
      .int()
      .min(0, { error: 'must be 0 (never), a date such as 2027-12-31, or epoch seconds' }),
    z.literal('never'),
    z
      .string()
      .regex(DATE_PATTERN, { error: 'must be 0 / never, a date such as 2027-12-31, or an ISO date-time', abort: true })
      .refine((text) => parseDate(text) !== undefined, { error: 'is not a real date or time' }),
  ])
  .meta({ description: 'Absolute expiry: 0 or never (default), a date (2027-12-31, midnight UTC) or an ISO date-time.' });

const stringList = (description: string) => z.array(z.string().min(1)).meta({ description });

const githubSecretTarget = z
  .strictObject({
    name: z.string().min(1).meta({ description: 'Secret name.' }),
    repository: z
      .string()
      .regex(/^[^/\s]+\/[^/\s]+$/, { error: 'must be owner/repo' })
      .optional()
      .meta({ description: 'owner/repo; default: the repository the workflow runs in.' }),
    environment: z.string().min(1).optional().meta({ description: 'Deployment environment secret instead of a repository secret.' }),
    org: z.string().min(1).optional().meta({ description: 'Organization secret instead of a repository secret.' }),
    visibility: z.enum(['all', 'private', 'selected']).optional().meta({ description: 'Organization secret visibility.' }),
    'selected-repositories': stringList('Repositories (names) that may read an organization secret with visibility selected.').optional(),
  })
  .meta({ description: 'A GitHub Actions secret in another repository, an environment or an organization.' });

const vaultTarget = z
  .strictObject({
    path: z.string().min(1).meta({ description: "The secret's path inside the mount, e.g. proxmox/terraform." }),
    mount: z.string().min(1).optional().meta({ description: 'The KV version 2 mount (default: secret).' }),
    field: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'The field that holds the token (default: token); token_id and expires_at are written beside it.' }),
  })
  .meta({ description: 'A secret in a HashiCorp Vault / OpenBao KV version 2 mount (needs the vault-url input).' });

export const deliverSchema = z
  .union([
    z.strictObject({ output: z.string().min(1).meta({ description: 'Masked step output of this name.' }) }),
    z.strictObject({
      'github-secret': z.union([
        z.string().min(1).meta({ description: 'Secret of this name in the repository the workflow runs in.' }),
        githubSecretTarget,
      ]),
    }),
    z.strictObject({ vault: vaultTarget }),
  ])
  .meta({ description: 'Where a new token secret goes.' });

export const tokenFormatSchema = z
  .enum(['full', 'secret', 'header', 'json'])
  .meta({ description: 'full: user@realm!id=secret (default); secret: the UUID only; header: PVEAPIToken=...; json: {"id","secret"}.' });

export const tokenSchema = z
  .strictObject({
    comment: z.string().optional(),
    privsep: z
      .boolean()
      .optional()
      .meta({ description: 'Privilege separation (default true, as in PVE): the token needs ACLs of its own.' }),
    lifetime: durationSchema.optional().meta({ description: 'The token expires this long after it is (re)created; omitted: never.' }),
    'rotate-before': durationSchema.optional().meta({ description: 'Rotate when less than this remains (default: a sixth of lifetime).' }),
    deliver: z.array(deliverSchema).optional(),
    format: tokenFormatSchema.optional(),
    rotation: z.enum(['regenerate', 'recreate', 'overlap']).optional().meta({
      description:
        'How a new secret is made: regenerate (default on PVE 9.1 and later; before, recreate), recreate (delete, create, re-grant), or overlap (a new token id beside the old one, which expires after overlap).',
    }),
    overlap: durationSchema.optional().meta({
      description: 'With rotation: overlap, how long the previous token keeps working after the new one is delivered (default 7d).',
    }),
  })
  .meta({ description: 'An API token of the user.' });

const externalFlag = z
  .literal(true)
  .optional()
  .meta({ description: 'Owned by realm sync or another system: referenced, never created, changed or deleted.' });

export const userSchema = z
  .strictObject({
    external: externalFlag,
    comment: z.string().optional(),
    enable: z.boolean().optional().meta({ description: 'Default true.' }),
    expire: expireSchema.optional(),
    groups: stringList('Exact group membership.').optional(),
    email: z.string().optional(),
    firstname: z.string().optional(),
    lastname: z.string().optional(),
    tokens: z
      .record(z.string(), tokenSchema.nullable())
      .optional()
      .meta({ description: "Present: exactly these tokens ({} for none). Absent: the user's tokens are not managed." }),
  })
  .meta({ description: 'A user, keyed by name@realm.' });

export const roleSchema = z
  .strictObject({ privileges: stringList('Privileges of the role, e.g. VM.Audit.') })
  .meta({ description: 'A custom role. Built-in roles (PVEVMAdmin, ...) need no declaration.' });

export const groupSchema = z
  .strictObject({
    external: externalFlag,
    comment: z.string().optional(),
  })
  .meta({ description: 'A group.' });

export const aclSchema = z
  .strictObject({
    path: z.string().min(1).meta({ description: 'ACL path, e.g. /, /vms/100, /storage/local, /pool/dev.' }),
    roles: z.array(z.string().min(1)).min(1, { error: 'needs at least one role' }),
    users: stringList('user@realm ids.').optional(),
    groups: stringList('Group ids.').optional(),
    tokens: stringList('Full token ids user@realm!token.').optional(),
    propagate: z.boolean().optional().meta({ description: 'Default true.' }),
  })
  .refine((entry) => (entry.users?.length ?? 0) + (entry.groups?.length ?? 0) + (entry.tokens?.length ?? 0) > 0, {
    error: 'an ACL entry needs at least one subject in users, groups or tokens',
  })
  .meta({ description: 'Grants roles on a path to users, groups and tokens.' });

const PRUNE_GLOBS =
  'Glob patterns: * matches any run of characters (also none), ? exactly one character, anything else only itself (not regular expressions).';

export const pruneSchema = z
  .strictObject({
    users: stringList(`${PRUNE_GLOBS} Matched against user ids (name@realm).`).optional(),
    roles: stringList(`${PRUNE_GLOBS} Matched against role ids.`).optional(),
    groups: stringList(`${PRUNE_GLOBS} Matched against group ids.`).optional(),
    pools: prunePoolsSchema,
    realms: stringList(`${PRUNE_GLOBS} Matched against realm ids (never pam or pve).`).optional(),
  })
  .meta({
    description:
      'Undeclared objects matching these patterns are deleted; never root@pam, a built-in role or the identity the action runs as.',
  });

export const specSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'Editor hint; ignored.' }),
    version: z.literal(1, { error: 'must be 1 (the only spec version this release reads)' }),
    realms: realmsSchema,
    roles: z.record(z.string(), roleSchema).nullable().optional(),
    groups: z.record(z.string(), groupSchema.nullable()).nullable().optional(),
    users: z.record(z.string(), userSchema.nullable()).nullable().optional(),
    acl: z.array(aclSchema).nullable().optional(),
    pools: poolsSchema,
    prune: pruneSchema.nullable().optional(),
  })
  .meta({ title: 'proxmox-access spec', description: 'Proxmox VE roles, groups, users, API tokens and ACLs as code.' });

export type SpecInput = z.input<typeof specSchema>;
export type TokenInput = z.input<typeof tokenSchema>;
export type UserInput = z.input<typeof userSchema>;
export type DeliverInput = z.input<typeof deliverSchema>;

/** The legacy `token_setup.json` of older Ansible setups; see legacy.ts for what each field means. */
export const legacyEntrySchema = z.strictObject({
  name: z.string().min(1),
  ugid: z.string().min(1),
  role: z.string().min(1).optional(),
  comment: z.string().optional(),
  expire: z.union([z.number().int().min(0), z.string()]).optional(),
  privsep: z.union([z.boolean(), z.literal(0), z.literal(1), z.enum(['0', '1', 'true', 'false', 'yes', 'no'])]).optional(),
  privileges: z.union([z.array(z.string().min(1)), z.string()]).optional(),
});

export const legacySchema = z.strictObject({ token_setup: z.array(legacyEntrySchema) });

export type LegacyEntryInput = z.input<typeof legacyEntrySchema>;
