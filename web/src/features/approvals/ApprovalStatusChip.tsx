import { Chip, type ChipProps } from '@mui/material';
import type { TApprovalRecord } from './approvalTypes';

const LOOK: Record<TApprovalRecord['status'], { label: string; color: ChipProps['color'] }> = {
  pending_approval: { label: 'Waiting for approval', color: 'warning' },
  executing: { label: 'Approved, in progress', color: 'info' },
  succeeded: { label: 'Approved and done', color: 'success' },
  failed: { label: 'Failed', color: 'error' },
  void: { label: 'Void (requester disabled)', color: 'default' },
  rejected: { label: 'Rejected', color: 'error' },
  expired: { label: 'Expired', color: 'default' },
};

export function ApprovalStatusChip({ status }: { status: TApprovalRecord['status'] }) {
  const look = LOOK[status] ?? { label: status, color: 'default' };
  return <Chip size="small" color={look.color} label={look.label} />;
}
