import { TRPCError } from '@trpc/server';
import { ZCustomerListRequestSchema, ZCustomerSearchRequestSchema, ZSavedFilterSchema, type TCustomerListResponse } from '@opsdesk/shared';
import { z } from 'zod';
import { router, staffProcedure } from '../../trpc/procedures.js';
import { estimateCustomerCount, findCustomerIdPage, findCustomerMrr } from './lookup.list.queries.js';
import { findRevenueSettings } from '../revenue/revenueRows.queries.js';
import { toSearchResults } from './lookup.results.queries.js';
import { searchCustomers } from './lookup.service.js';
import { deleteSavedFilter, findOwnSavedFilterByName, findSavedFilters, lockSavedFilter, upsertSavedFilter } from './savedFilters.queries.js';

/** Universal lookup, the customer list and its saved filters. CSV export: customerExport.route.ts. */
export const lookupRouter = router({
  search: staffProcedure
    .meta({ permission: 'customers.read' })
    .input(ZCustomerSearchRequestSchema)
    .query(({ ctx, input }) => searchCustomers(ctx.db, input.q, input.limit)),

  list: staffProcedure
    .meta({ permission: 'customers.read' })
    .input(ZCustomerListRequestSchema)
    .query(async ({ ctx, input }): Promise<TCustomerListResponse> => {
      const [page, estimatedTotal] = await Promise.all([findCustomerIdPage(ctx.db, input), estimateCustomerCount(ctx.db, input.filter)]);
      // The list has no search term: rows are labelled by the id they were listed by.
      const [rows, mrr] = await Promise.all([toSearchResults(ctx.db, page.userIds.map((userId) => ({ userId, matchedOn: 'user_id' as const }))), findCustomerMrr(ctx.db, page.userIds)]);
      return { rows: rows.map((row) => ({ ...row, mrr: mrr.get(row.userId) ?? 0 })), nextCursor: page.nextCursor, estimatedTotal };
    }),

  /** The currency the list's MRR (column, filter, sort) is counted in: the revenue dashboards' reporting currency. */
  mrrCurrency: staffProcedure
    .meta({ permission: 'customers.read' })
    .query(async ({ ctx }) => ({ currency: (await findRevenueSettings(ctx.db)).currency })),

  savedFilters: staffProcedure
    .meta({ permission: 'customers.read' })
    .query(({ ctx }) => findSavedFilters(ctx.db, ctx.session.staff.id)),

  saveFilter: staffProcedure
    .meta({ permission: 'customers.read', audit: { action: 'filter.saved', targetType: 'saved_filter' } })
    .input(ZSavedFilterSchema)
    .mutation(async ({ ctx, input }) => {
      const before = await findOwnSavedFilterByName(ctx.db, ctx.session.staff.id, input.name);
      const saved = await upsertSavedFilter(ctx.db, ctx.session.staff, input);
      ctx.audit.target('saved_filter', saved.id);
      ctx.audit.change(before ?? null, saved);
      return saved;
    }),

  deleteFilter: staffProcedure
    .meta({ permission: 'customers.read', audit: { action: 'filter.deleted', targetType: 'saved_filter' } })
    .input(z.strictObject({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target('saved_filter', input.id);
      const before = await lockSavedFilter(ctx.db, input.id, ctx.session.staff.id);
      if (!before || (!before.shared && !before.mine)) throw new TRPCError({ code: 'NOT_FOUND', message: 'No saved filter with that id.' });
      if (!before.mine) throw new TRPCError({ code: 'FORBIDDEN', message: `Only ${before.owner.email} can delete this filter.` });
      await deleteSavedFilter(ctx.db, input.id);
      ctx.audit.change(before, null);
      return { id: input.id, deleted: true as const };
    }),
});
