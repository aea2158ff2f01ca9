import { z } from 'zod';
import { staffProcedure } from '../../trpc/procedures.js';
import { findFlags } from './flags.queries.js';

/**
 * `flags.stale` (docs/flags.md "Stale flags"): the list's own stale rule (flags.queries.ts,
 * from FLAG_STALE_AFTER_DAYS), filtered to one owner or to the caller's flags.
 */
export const ZFlagStaleRequestSchema = z
  .strictObject({
    ownerId: z.uuid().optional(),
    /** The caller's own stale flags ("my stale flags"). */
    mine: z.boolean().default(false),
    limit: z.number().int().min(1).max(500).default(200),
  })
  .refine((input) => !(input.mine && input.ownerId), { message: 'Give ownerId or mine, not both.' });

export const flagStaleQuery = staffProcedure
  .meta({ permission: 'flags.read' })
  .input(ZFlagStaleRequestSchema)
  .query(({ ctx, input }) =>
    findFlags(ctx.db, { stale: true, ownerId: input.mine ? ctx.session.staff.id : input.ownerId, includeArchived: false, limit: input.limit }),
  );
