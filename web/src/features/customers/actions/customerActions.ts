import type { RiskTier, TActionOutcome } from '@opsdesk/shared';
import { trpcClient } from '../../../app/trpcClient';

/**
 * Every account and billing action is a pair on the server: `customers.previewX` (what
 * would happen, how risky, whether a second person must approve) and `customers.X`.
 * This table lets one dialog drive them all.
 */
export interface TActionPreview<TPreview = unknown> {
  target: { type: string; id: string; confirmText?: string | null };
  risk: RiskTier;
  preview: TPreview;
  approvalReason: string | null;
}

interface ActionCalls<TInput> {
  preview(input: TInput): Promise<TActionPreview>;
  run(input: TInput): Promise<TActionOutcome<unknown>>;
}

function pair<TInput>(preview: { query: (input: TInput) => Promise<TActionPreview<unknown>> }, run: { mutate: (input: TInput) => Promise<TActionOutcome<unknown>> }): ActionCalls<TInput> {
  return { preview: (input) => preview.query(input), run: (input) => run.mutate(input) };
}

const customers = trpcClient.customers;

export const customerActions = {
  refund: pair(customers.previewRefund, customers.refund),
  suspend: pair(customers.previewSuspend, customers.suspend),
  ban: pair(customers.previewBan, customers.ban),
  unban: pair(customers.previewUnban, customers.unban),
  changePlan: pair(customers.previewChangePlan, customers.changePlan),
  cancel: pair(customers.previewCancel, customers.cancel),
  undoCancel: pair(customers.previewUndoCancel, customers.undoCancel),
  extendTrial: pair(customers.previewExtendTrial, customers.extendTrial),
  credit: pair(customers.previewCredit, customers.credit),
  pauseCollection: pair(customers.previewPauseCollection, customers.pauseCollection),
  resumeCollection: pair(customers.previewResumeCollection, customers.resumeCollection),
};

export type ActionName = keyof typeof customerActions;
type InputOf<N extends ActionName> = Parameters<(typeof customerActions)[N]['run']>[0];
/** What the caller supplies; the dialog adds `reason` and `confirmation`. */
export type ActionParams<N extends ActionName> = Omit<InputOf<N>, 'reason' | 'confirmation'>;

