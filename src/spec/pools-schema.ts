/**
 * The `pools:` section of the spec (README, "Pools"): pool id → comment and, optionally, the
 * exact members. VM ids are numbers; a guest name written where a VM id belongs passes the schema
 * so that the pool rules can name it at its line with a useful message.
 */
import { z } from 'zod';

const vmEntry = z.union([z.number(), z.string()]).meta({ description: 'A VM or container id (a number from 100), never a guest name.' });

export const poolMembersSchema = z
  .strictObject({
    vms: z.array(vmEntry).optional().meta({ description: 'VM and container ids, e.g. [101, 102].' }),
    storage: z.array(z.string().min(1)).optional().meta({ description: 'Storage ids, e.g. [local-lvm].' }),
  })
  .meta({ description: 'Present: exactly these members (a missing list means none). Absent: members are not managed.' });

export const poolSchema = z
  .strictObject({
    comment: z.string().optional(),
    members: poolMembersSchema.optional(),
    'allow-move': z
      .boolean()
      .optional()
      .meta({ description: 'Take declared guests out of the pool they are in on the cluster (PVE keeps a guest in one pool only).' }),
  })
  .meta({ description: 'A resource pool, keyed by its id (nested: parent/child, up to three levels on PVE 8.0.7 and later).' });

export const poolsSchema = z.record(z.string(), poolSchema.nullable()).nullable().optional();

export const prunePoolsSchema = z
  .array(z.string().min(1))
  .optional()
  .meta({ description: 'Glob patterns matched against pool ids: an undeclared pool that matches is emptied and deleted.' });

export type PoolInput = z.input<typeof poolSchema>;
