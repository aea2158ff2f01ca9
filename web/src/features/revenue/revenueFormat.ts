import { formatMoney, formatMoneyCompact, REVENUE_POLICY_LABELS, type MovementKind, type RevenuePolicyName } from '@opsdesk/shared';
import type { Theme } from '@mui/material';
import { accentColour } from '../../app/theme';

/** Labels and colours shared by the Revenue page's cards, charts and lists. */
export { formatMoney, formatMoneyCompact };

export const MOVEMENT_LABELS: Record<MovementKind, string> = {
  new: 'New',
  expansion: 'Expansion',
  reactivation: 'Reactivation',
  contraction: 'Contraction',
  churn: 'Churn',
};

/**
 * Growth in green, blue and purple, losses in the theme's warning and error colours: five
 * hues a legend tells apart (reactivation was the info blue, beside expansion's primary
 * blue), readable in light and dark.
 */
export function movementColour(theme: Theme, kind: MovementKind): string {
  const colours: Record<MovementKind, string> = {
    new: theme.palette.success.main,
    expansion: theme.palette.primary.main,
    reactivation: accentColour(theme),
    contraction: theme.palette.warning.main,
    churn: theme.palette.error.main,
  };
  return colours[kind];
}

export const POLICY_LABELS: Record<RevenuePolicyName, string> = REVENUE_POLICY_LABELS;

/** A ratio (0.052) as a percentage ("5.2 %"); no ratio when there was nothing to divide by. */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return '—';
  return `${(ratio * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })} %`;
}

/** "+1,200.00 USD" / "−300.00 USD": the sign carries the meaning in change lines. */
export function formatSignedMoney(cents: number, currency: string): string {
  if (cents === 0) return formatMoney(0, currency);
  return `${cents > 0 ? '+' : '−'}${formatMoney(Math.abs(cents), currency)}`;
}
