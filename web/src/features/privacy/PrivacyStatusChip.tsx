import { Chip, Typography } from '@mui/material';
import type { TPrivacyRequest, TPrivacyRequestStatus } from '@opsdesk/shared';
import { daysLeftText, formatDay, STATUS_COLORS, STATUS_LABELS } from './privacyText';

export function PrivacyStatusChip({ status }: { status: TPrivacyRequestStatus }) {
  return <Chip size="small" color={STATUS_COLORS[status]} label={STATUS_LABELS[status]} />;
}

/** The due date with the days left beside it; overdue in the error colour (and said in words, not only by colour). */
export function DueText({ request }: { request: Pick<TPrivacyRequest, 'dueOn' | 'daysLeft'> }) {
  const overdue = request.daysLeft !== null && request.daysLeft < 0;
  const days = daysLeftText(request.daysLeft);
  return (
    <Typography component="span" variant="body2" color={overdue ? 'error' : undefined} fontWeight={overdue ? 600 : undefined} sx={{ whiteSpace: 'nowrap' }}>
      {formatDay(request.dueOn)}
      {days && ` · ${days}`}
    </Typography>
  );
}
