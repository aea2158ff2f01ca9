import { TRPCError } from '@trpc/server';
import { formatMoney, type FlagStrategy, type FlagVariant } from '@opsdesk/shared';
import type { FlagType, TFlagChangePreview, TFlagImpact } from '@opsdesk/shared/flags/flagsApi.schemas';
import type { Config } from '../../config/config.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import { findRevenueSeries } from '../revenue/revenue.service.js';
import { previewFlagImpact } from './flagImpact.service.js';
import { findEnvironment, findFlagByKey, findState } from './flags.queries.js';

/**
 * When a flag change in a protected environment needs a second person (docs/flags.md,
 * "Approvals"): flags of a risky type (FLAG_APPROVAL_TYPES: kill-switch and permission by
 * default), or a change whose impact flips more than FLAG_APPROVAL_MRR_SHARE of total
 * MRR. One rule, read by the change request (flagChange.action.ts) and by the direct
 * edit's gate (flagsAccess.ts), so saving directly is never a way around it.
 */
export type FlagApprovalConfig = Pick<Config, 'FLAG_APPROVAL_TYPES' | 'FLAG_APPROVAL_MRR_SHARE'>;

export interface ProposedFlagState {
  key: string;
  environment: string;
  enabled: boolean;
  strategies: FlagStrategy[];
  variants: FlagVariant[];
}

/** Current total MRR under the Stripe policy (the revenue rollups), the figure the impact's MRR is a share of. */
async function currentTotalMrr(db: DbOrTrx): Promise<number> {
  const today = new Date().toISOString().slice(0, 10);
  const series = await findRevenueSeries(db, { policy: 'stripe', from: today, to: today, interval: 'day', filter: {} }, { retention: false });
  return series.periods.at(-1)?.mrr ?? 0;
}

function typeReason(config: FlagApprovalConfig, flagType: FlagType, environment: string): string | null {
  return config.FLAG_APPROVAL_TYPES.includes(flagType) ? `Changes to ${flagType} flags in ${environment} need a second person.` : null;
}

/** An empty revenue (no product, no subscriptions) never triggers the share rule. */
async function mrrShareReason(db: DbOrTrx, config: FlagApprovalConfig, impact: TFlagImpact, environment: string): Promise<string | null> {
  if (impact.mrrAffectedCents <= 0) return null;
  const total = await currentTotalMrr(db);
  if (total <= 0) return null;
  const share = impact.mrrAffectedCents / total;
  if (share <= config.FLAG_APPROVAL_MRR_SHARE) return null;
  const percent = (value: number) => `${Number((value * 100).toFixed(2))} %`;
  return `This change flips ${percent(share)} of MRR in ${environment} (${formatMoney(impact.mrrAffectedCents, impact.currency)} of ${formatMoney(total, impact.currency)}): above ${percent(config.FLAG_APPROVAL_MRR_SHARE)}, so a second person must approve.`;
}

/** The reason a change request is held for approval, from its preview; null when it applies at once. */
export async function flagChangeApprovalReason(db: DbOrTrx, config: FlagApprovalConfig, preview: Pick<TFlagChangePreview, 'environment' | 'flagType' | 'impact'>): Promise<string | null> {
  const env = await findEnvironment(db, preview.environment);
  if (!env?.protected) return null;
  return typeReason(config, preview.flagType, preview.environment) ?? mrrShareReason(db, config, preview.impact, preview.environment);
}

/**
 * The same rule for a direct edit, before anything is computed it does not need: the
 * type is checked first, and the impact is only previewed when there is revenue to share.
 */
export async function directChangeApprovalReason(db: Db, config: FlagApprovalConfig, change: ProposedFlagState): Promise<string | null> {
  const flag = await findFlagByKey(db, change.key);
  // An unknown or archived flag is refused by the change itself, with its own message.
  if (!flag || flag.archivedAt) return null;
  const byType = typeReason(config, flag.type, change.environment);
  if (byType) return byType;
  const current = await findState(db, flag.id, change.environment);
  const unchanged = JSON.stringify({ enabled: current?.enabled ?? false, strategies: current?.strategies ?? [], variants: current?.variants ?? [] }) === JSON.stringify({ enabled: change.enabled, strategies: change.strategies, variants: change.variants });
  if (unchanged || (await currentTotalMrr(db)) <= 0) return null;
  const impact = await previewFlagImpact(db, change);
  return mrrShareReason(db, config, impact, change.environment);
}

export function needsApprovalError(reason: string): TRPCError {
  return new TRPCError({ code: 'PRECONDITION_FAILED', message: `${reason} Request this change for approval (flags.requestChange) instead of saving it directly.` });
}
