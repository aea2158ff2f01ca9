import { ZPrivacyIdRequestSchema } from '@opsdesk/shared';
import type { Trx } from '../../../db/database.js';
import { staffProcedure } from '../../../trpc/procedures.js';
import { startExport } from './startExport.js';

/**
 * `privacy.*` procedures of the export (right of access). The archive itself is
 * downloaded through privacyExport.route.ts (a file, not a procedure's answer).
 */
export const privacyExportProcedures = {
  startExport: staffProcedure
    .meta({ permission: 'privacy.manage', audit: { action: 'privacy.export_started', targetType: 'privacy_request' } })
    .input(ZPrivacyIdRequestSchema)
    .mutation(({ ctx, input }) => startExport(ctx.db as Trx, ctx.deps, ctx.audit, ctx.session.staff.id, input.requestId)),
};
