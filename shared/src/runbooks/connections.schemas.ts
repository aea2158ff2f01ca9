import { z } from 'zod';

/**
 * Parameter schemas of the connection-pool runbook actions (docs/runbook.md,
 * "Connection-pool exhaustion"), shared by the server and the console's form.
 */

/** The states a backend may be terminated in: never `active` (cancel its query instead). */
export const TERMINABLE_BACKEND_STATES = ['idle', 'idle in transaction', 'idle in transaction (aborted)'] as const;
export type TerminableBackendState = (typeof TERMINABLE_BACKEND_STATES)[number];

/** Most backends one run acts on: a plan stays readable, and a bigger mess is several runs. */
export const MAX_BACKENDS_PER_RUN = 100;

const ONE_WEEK_SECONDS = 7 * 24 * 3600;
const seconds = (label: string) => z.number().int('Whole seconds').min(0, 'Not negative').max(ONE_WEEK_SECONDS, 'At most a week').describe(label);
const pids = z
  .array(z.number().int('A pid is a whole number').min(1, 'A pid is positive').max(2_147_483_647, 'Not a pid'))
  .max(MAX_BACKENDS_PER_RUN, `At most ${MAX_BACKENDS_PER_RUN} pids`);

export const ZConnectionsListParams = z.strictObject({
  longRunningSeconds: seconds('Highlight transactions and queries older than (seconds)').default(60),
});
export type TConnectionsListParams = z.infer<typeof ZConnectionsListParams>;

export const ZConnectionsTerminateParams = z
  .strictObject({
    pids: pids.optional().describe('Only these pids (from the list)'),
    idleLongerThanSeconds: seconds('Only backends in their state for longer than (seconds)').optional(),
    states: z
      .array(z.enum(TERMINABLE_BACKEND_STATES))
      .min(1, 'Choose at least one state')
      .max(TERMINABLE_BACKEND_STATES.length)
      .default(['idle in transaction', 'idle in transaction (aborted)'])
      .describe('States to terminate'),
  })
  .refine((p) => (p.pids?.length ?? 0) > 0 || p.idleLongerThanSeconds !== undefined, {
    error: 'Give pids, or "idle longer than" seconds (or both)',
    path: ['idleLongerThanSeconds'],
  });
export type TConnectionsTerminateParams = z.infer<typeof ZConnectionsTerminateParams>;

export const ZConnectionsCancelQueriesParams = z.strictObject({
  runningLongerThanSeconds: seconds('Cancel queries running longer than (seconds)').default(60),
  pids: pids.optional().describe('Only these pids (from the list)'),
});
export type TConnectionsCancelQueriesParams = z.infer<typeof ZConnectionsCancelQueriesParams>;
