import type { RiskTier } from '@opsdesk/shared';

/** What each tier asks before a run (the server checks the same). */
export const RISK_LABELS: Record<RiskTier, string> = {
  low: 'Low risk: confirm',
  medium: 'Medium risk: reason',
  high: 'High risk: reason and target',
};
