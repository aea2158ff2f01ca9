import { formatMoney } from '@opsdesk/shared';
import { Box, Tab, Tabs, Typography } from '@mui/material';
import { Datagrid, FunctionField, List, SimpleList, TextField, useListContext } from 'react-admin';
import { PageHeading } from '../../app/PageHeading';
import { FREE_TEXT_CELL } from '../../app/freeTextCell';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { TargetLabel } from '../customers/CustomerTargetLink';
import { formatDateTime } from '../../app/formatDateTime';
import { EmailAddress } from '../../app/EmailAddress';
import { ApprovalStatusChip } from './ApprovalStatusChip';
import { actionLabel, requestTitle, type ApprovalScope, type TApprovalRecord } from './approvalTypes';
import { RecordLink } from '../../app/RecordLink';

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
      primaryText={(row) => `${requestTitle(row)} · ${row.requester.email}`}
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
 * Six columns, not nine: at 1280 px nine left each about 100 px, and names and addresses
 * came out broken mid-word ("support@o" over "psdesk.test"). What belongs together shares
 * a cell — the action with its amount and when it was asked, the status with its expiry or
 * its decision — so the people columns keep their parts whole (PersonLabel, EmailAddress)
 * and only the free-text columns give way.
 */
function ApprovalDatagrid() {
  return (
    <Datagrid rowClick="show" bulkActionButtons={false} empty={<ApprovalsEmpty />}>
      <FunctionField<TApprovalRecord> label="Request" sortable={false} render={(row) => <RequestCell row={row} />} />
      <FunctionField<TApprovalRecord> label="Target" sortable={false} render={(row) => <TargetLabel targetType={row.targetType} targetId={row.targetId} />} />
      <FunctionField<TApprovalRecord> label="Requested by" sortable={false} render={(row) => <EmailAddress email={row.requester.email} />} />
      <TextField source="reason" emptyText="—" sortable={false} sx={FREE_TEXT_CELL} />
      <TextField source="approvalReason" label="Why approval" sortable={false} sx={FREE_TEXT_CELL} />
      <FunctionField<TApprovalRecord> label="Status" sortable={false} render={(row) => <StatusCell row={row} />} />
    </Datagrid>
  );
}

const SECOND_LINE = { display: 'block', color: 'text.secondary', whiteSpace: 'nowrap' } as const;

/** "Refund 600.00 USD" (the link to the request), and when it was asked on the line below. */
function RequestCell({ row }: { row: TApprovalRecord }) {
  return (
    <>
      <RecordLink to={`/approvals/${row.id}/show`}>{actionLabel(row.action)}</RecordLink>
      {row.money && (
        <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
          {' '}
          {formatMoney(row.money.amount, row.money.currency)}
        </Box>
      )}
      <Typography component="span" variant="caption" sx={SECOND_LINE}>
        {formatDateTime(row.createdAt)}
      </Typography>
    </>
  );
}

/** The status, and under it what a decider needs next: until when it waits, or who decided and when. */
function StatusCell({ row }: { row: TApprovalRecord }) {
  return (
    <>
      <ApprovalStatusChip status={row.status} />
      {row.status === 'pending_approval' && row.expiresAt && (
        <Typography component="span" variant="caption" sx={SECOND_LINE}>
          Expires {formatDateTime(row.expiresAt)}
        </Typography>
      )}
      {row.approver && row.decidedAt && (
        <Typography component="span" variant="caption" sx={{ display: 'block', color: 'text.secondary' }}>
          by <EmailAddress email={row.approver.email} />, <Box component="span" sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.decidedAt)}</Box>
        </Typography>
      )}
    </>
  );
}
