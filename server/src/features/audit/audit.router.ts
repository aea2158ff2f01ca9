import { TRPCError } from '@trpc/server';
import { ZFindAuditRequestSchema, ZGetAuditRequestSchema } from '@opsdesk/shared';
import { router, staffProcedure } from '../../trpc/procedures.js';
import { findAuditEntries, findAuditEntryById } from './audit.queries.js';
import { verifyAuditChain } from './audit.verify.js';

export const auditRouter = router({
  find: staffProcedure
    .meta({ permission: 'audit.read' })
    .input(ZFindAuditRequestSchema)
    .query(({ ctx, input }) => findAuditEntries(ctx.db, input)),

  get: staffProcedure
    .meta({ permission: 'audit.read' })
    .input(ZGetAuditRequestSchema)
    .query(async ({ ctx, input }) => {
      const entry = await findAuditEntryById(ctx.db, input.id);
      if (!entry) throw new TRPCError({ code: 'NOT_FOUND', message: 'No audit entry with that id.' });
      return entry;
    }),

  // Checked against this server's anchor file too, so a log cut short or rewritten
  // since an anchor was published shows here, not only in `npm run audit:verify`.
  verify: staffProcedure
    .meta({ permission: 'audit.read' })
    .query(({ ctx }) => verifyAuditChain(ctx.deps.db, { anchorFile: ctx.deps.config.auditAnchorFile })),
});
