import { ZSignalsQueryRequestSchema } from '@opsdesk/shared';
import { router, staffProcedure } from '../../trpc/procedures.js';
import { SIGNAL_RETENTION } from './signalRetention.queries.js';
import { findSignalTableSize } from './signalSamples.queries.js';
import { signalSourceFor } from './signalSource.js';

/**
 * The Signals page's reads (docs/observability.md): the four signals of one service over
 * a range, the services known, and what the built-in samples cost. Read-only: support
 * may look. The source (built-in or Prometheus) comes from configuration (signalSource.ts).
 */
const signalsRead = staffProcedure.meta({ permission: 'signals.read' });

export const signalsRouter = router({
  services: signalsRead.query(({ ctx }) => signalSourceFor(ctx.deps.config, ctx.db).listServices()),
  query: signalsRead.input(ZSignalsQueryRequestSchema).query(({ ctx, input }) => signalSourceFor(ctx.deps.config, ctx.db).query(input)),
  storage: signalsRead.query(async ({ ctx }) => {
    const size = await findSignalTableSize(ctx.db);
    // The retention with the size: what bounds the table (signals.prune drops rows past it hourly).
    return { ...size, oldestSample: size.oldestSample?.toISOString() ?? null, retention: SIGNAL_RETENTION };
  }),
});
