import { formatMoney } from '@opsdesk/shared';
import { Box, Tab, Tabs, Typography } from '@mui/material';
import { Datagrid, FunctionField, List, SimpleList, useListContext } from 'react-admin';
import { PageHeading } from '../../app/PageHeading';
import { FREE_TEXT_CELL } from '../../app/freeTextCell';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { TargetLabel } from '../customers/CustomerTargetLink';
import { formatDateTime } from '../../app/formatDateTime';
import { DateTimeField } from '../../app/DateTimeField';
import { ApprovalStatusChip } from './ApprovalStatusChip';
import { actionLabel, type ApprovalScope, type TApprovalRecord } from './approvalTypes';
import { RecordLink } from '../../app/RecordLink';
import { EmailAddress } from '../../app/EmailAddress';

function ApprovalTabs() {
  const { filterValues, setFilters } = useListContext();
  const scope: ApprovalScope = filterValues.scope ?? 'to_decide';
  return (
    <Tabs value={scope} onChange={(_event, value: ApprovalScope) => setFilters({ ...filterValues, scope: value }, {})} aria-label="Which requests">
      <Tab value="to_decide" label="To decide" />
      <Tab value="mine" label="My requests" />
      <Tab value="all" label="All" />
    </Tabs>
  );
}

function ApprovalsEmpty() {
  const { filterValues } = useListContext();
  const text = (filterValues.scope ?? 'to_decide') === 'to_decide' ? 'Nothing waits for your decision.' : 'No request here.';
  return <Typography p={2}>{text}</Typography>;
}

/**
 * On a phone, one request per line: what and by whom, its target and its status. The
 * target is named as on wide screens but not linked here: the whole line is already the
 * link to the request.
 */
function ApprovalSimpleList() {
  return (
    <SimpleList<TApprovalRecord>
      rowClick="show"
      primaryText={(row) => `${actionLabel(row.action)}${row.money ? ` ${formatMoney(row.money.amount, row.money.currency)}` : ''} · ${row.requester.email}`}
      secondaryText={(row) => (
        <span style={{ overflowWrap: 'anywhere' }}>
          <TargetLabel targetType={row.targetType} targetId={row.targetId} plain /> · {formatDateTime(row.createdAt)}
        </span>
      )}
      tertiaryText={(row) => <ApprovalStatusChip status={row.status} />}
      empty={<ApprovalsEmpty />}
    />
  );
}

/** Four-eyes requests: those this staff member may decide, the ones they made, or all. */
export default function ApprovalList() {
  const phone = usePhoneLayout();
  return (
    <>
      <PageHeading>Approvals</PageHeading>
      <List title="Approvals" filterDefaultValues={{ scope: 'to_decide' }} perPage={25} exporter={false} empty={false} actions={false}>
        <ApprovalTabs />
        {phone ? <ApprovalSimpleList /> : <ApprovalDatagrid />}
      </List>
    </>
  );
}

/**
 * The status, and while a request waits, until when: a decided request's expiry says
 * nothing. The chip keeps its label on one line (the theme lets chips wrap, and the table
 * squeezed "Waiting for approval" into two) and the column takes its width.
 */
function ApprovalStatusCell({ request }: { request: TApprovalRecord }) {
  return (
    <>
      <ApprovalStatusChip status={request.status} sx={ONE_LINE_CHIP} />
      {request.status === 'pending_approval' && (
        <Typography component="span" variant="caption" color="text.secondary" sx={{ display: 'block', mt: 0.5 }}>
          Expires {formatDateTime(request.expiresAt)}
        </Typography>
      )}
    </>
  );
}

const ONE_LINE_CHIP = { '& .MuiChip-label': { whiteSpace: 'nowrap' } } as const;

const REASON_CELL = { ...FREE_TEXT_CELL, minWidth: '18ch' } as const;

/**
 * The requester's reason, and under it why the request needs a second person: one column
 * for both (the rule's sentence repeats down the list, and a column of its own squeezed
 * the others until addresses and statuses broke across lines).
 */
function ApprovalReasons({ request }: { request: TApprovalRecord }) {
  return (
    <Box component="span" sx={REASON_CELL}>
      {request.reason || '—'}
      {request.approvalReason && (
        <Typography component="span" variant="caption" color="text.secondary" sx={{ display: 'block', mt: 0.5 }}>
          {request.approvalReason}
        </Typography>
      )}
    </Box>
  );
}

function ApprovalDatagrid() {
  return (
    <Datagrid rowClick="show" bulkActionButtons={false} empty={<ApprovalsEmpty />}>
      <DateTimeField source="createdAt" label="Requested" sortable={false} />
      <FunctionField<TApprovalRecord> label="Action" sortable={false} render={(row) => <RecordLink to={`/approvals/${row.id}/show`}>{actionLabel(row.action)}</RecordLink>} />
      <FunctionField<TApprovalRecord> label="Amount" textAlign="right" sortable={false} render={(row) => <Box component="span" sx={{ whiteSpace: 'nowrap' }}>{row.money ? formatMoney(row.money.amount, row.money.currency) : '—'}</Box>} />
      <FunctionField<TApprovalRecord> label="Target" sortable={false} render={(row) => <TargetLabel targetType={row.targetType} targetId={row.targetId} />} />
      <FunctionField<TApprovalRecord> label="Requested by" sortable={false} render={(row) => <EmailAddress email={row.requester.email} />} />
      <FunctionField<TApprovalRecord> label="Reason" sortable={false} render={(row) => <ApprovalReasons request={row} />} />
      <FunctionField<TApprovalRecord> label="Status" sortable={false} render={(row) => <ApprovalStatusCell request={row} />} />
    </Datagrid>
  );
}
