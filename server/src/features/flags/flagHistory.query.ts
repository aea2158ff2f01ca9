import { TRPCError } from '@trpc/server';
import { ZFlagHistoryRequestSchema, type TFlagHistoryPage } from '@opsdesk/shared/flags/flagsApi.schemas';
import { staffProcedure } from '../../trpc/procedures.js';
import { openAuditRows } from '../audit/auditOpen.js';
import { findEnvironments } from './flags.queries.js';
import { findFlagAuditRows } from './flagHistory.queries.js';

/** A change request's preview (TFlagChangePreview), as an approved change's audit row holds it in `before`. */
function isChangePreview(value: unknown): value is { before: unknown; after: unknown; impact: unknown } {
  return typeof value === 'object' && value !== null && 'before' in value && 'after' in value && 'impact' in value;
}

/**
 * The rules replaced and the rules applied. A direct edit records them as they are; an
 * approved request records its whole preview (diff and impact) in `before` and the
 * outcome in `after`, so its entry reads the diff out of the preview: every entry of the
 * history compares the same things.
 */
function changeOf(before: unknown, after: unknown): { before: unknown; after: unknown } {
  return isChangePreview(before) ? { before: before.before, after: before.after } : { before, after };
}

/**
 * `flags.history` (docs/flags.md "History"): the successful audited changes of one flag
 * (`key`: the flag itself; `key@env`: one environment's rules, whoever made them — the
 * console, a schedule, an approved request, the CLI's import), newest first.
 */
export const flagHistoryQuery = staffProcedure
  .meta({ permission: 'flags.read' })
  .input(ZFlagHistoryRequestSchema)
  .query(async ({ ctx, input }): Promise<TFlagHistoryPage> => {
    if (input.cursor !== undefined && !/^[1-9][0-9]{0,18}$/.test(input.cursor)) throw new TRPCError({ code: 'BAD_REQUEST', message: 'cursor: not a cursor this list gave.' });
    const targetIds = input.environment
      ? [`${input.key}@${input.environment}`]
      : [input.key, ...(await findEnvironments(ctx.db)).map((env) => `${input.key}@${env.name}`)];
    const rows = await findFlagAuditRows(ctx.db, { targetIds, beforeId: input.cursor, limit: input.limit + 1 });
    const page = rows.slice(0, input.limit);
    // Through the audit log's reader: a row sealed by an erasure reads with its values gone.
    const opened = await openAuditRows(ctx.db, page);
    return {
      entries: opened.map((row) => ({
          id: row.id,
          at: row.occurredAt.toISOString(),
          action: row.action,
          // Exact targets were asked for, so anything but the key itself is `key@env`.
          environment: row.targetId === input.key || !row.targetId ? null : row.targetId.slice(input.key.length + 1),
          actor: row.actorEmail ? { name: row.actorName ?? row.actorEmail, email: row.actorEmail } : null,
          approver: row.approverEmail ? { name: row.approverName ?? row.approverEmail, email: row.approverEmail } : null,
          ...changeOf(row.before, row.after),
      })),
      nextCursor: rows.length > input.limit ? page.at(-1)!.id : null,
    };
  });
