import { z } from 'zod';
import { ZFlagSegmentUpsertRequestSchema } from '@opsdesk/shared/flags/flagsApi.schemas';
import type { Trx } from '../../db/database.js';
import { router, staffProcedure } from '../../trpc/procedures.js';
import { listSegments, removeSegment, upsertSegment } from './flagSegments.service.js';

/** `flags.segments.*` (docs/flags.md, "Segments"): read with flags.read, changed with flags.edit, audited. */
const edit = (action: string) => staffProcedure.meta({ permission: 'flags.edit', audit: { action, targetType: 'flag_segment' } });

export const ZFlagSegmentDeleteRequestSchema = z.strictObject({ id: z.number().int().min(1).max(2_147_483_647) });

export const flagSegmentsRouter = router({
  list: staffProcedure.meta({ permission: 'flags.read' }).query(({ ctx }) => listSegments(ctx.db)),
  upsert: edit('flags.segment_saved')
    .input(ZFlagSegmentUpsertRequestSchema)
    .mutation(async ({ ctx, input }) => {
      const result = await upsertSegment(ctx.db as Trx, input);
      ctx.audit.target('flag_segment', String(result.after.id));
      ctx.audit.change(result.before, result.after);
      return { ...result.after, changed: result.changed };
    }),
  delete: edit('flags.segment_deleted')
    .input(ZFlagSegmentDeleteRequestSchema)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target('flag_segment', String(input.id));
      const before = await removeSegment(ctx.db as Trx, input.id);
      ctx.audit.change(before, null);
      return { id: input.id, deleted: true };
    }),
});
