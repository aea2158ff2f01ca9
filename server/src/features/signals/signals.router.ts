import { ZSignalsQueryRequestSchema } from '@opsdesk/shared';
import { router, staffProcedure } from '../../trpc/procedures.js';
import { builtinSignalSource } from './builtinSignalSource.js';
import { findSignalTableSize } from './signalSamples.queries.js';

/**
 * The Signals page's reads (docs/observability.md): the four signals of one service over
 * a range, the services known, and what the samples cost. Read-only: support may look.
 * The source is the built-in one until a Prometheus source is configured.
 */
const signalsRead = staffProcedure.meta({ permission: 'signals.read' });

export const signalsRouter = router({
  services: signalsRead.query(({ ctx }) => builtinSignalSource(ctx.db).listServices()),
  query: signalsRead.input(ZSignalsQueryRequestSchema).query(({ ctx, input }) => builtinSignalSource(ctx.db).query(input)),
  storage: signalsRead.query(async ({ ctx }) => {
    const size = await findSignalTableSize(ctx.db);
    return { ...size, oldestSample: size.oldestSample?.toISOString() ?? null };
  }),
});
