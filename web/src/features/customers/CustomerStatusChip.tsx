import type { TCustomerPage } from '@opsdesk/shared';
import { Chip, type ChipProps } from '@mui/material';
import { formatDateTime } from '../../app/formatDateTime';
import { accountStatusLabel } from '../../app/productWords';

type Status = TCustomerPage['user']['status'];

const COLORS: Record<Status, ChipProps['color']> = { active: 'success', suspended: 'warning', banned: 'error', deleted: 'default' };

/** A product user's status, coloured so a banned account stands out in any list. */
export function CustomerStatusChip({ status, until }: { status: Status; until?: string | null }) {
  const label = status === 'suspended' && until ? `Suspended until ${formatDateTime(until)}` : accountStatusLabel(status);
  return <Chip size="small" color={COLORS[status] ?? 'default'} label={label} />;
}
