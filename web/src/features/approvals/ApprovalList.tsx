import { formatMoney } from '@opsdesk/shared';
import { Box, Tab, Tabs, Typography } from '@mui/material';
import { Datagrid, FunctionField, List, SimpleList, TextField, useListContext } from 'react-admin';
import { PageHeading } from '../../app/PageHeading';
import { FREE_TEXT_CELL } from '../../app/freeTextCell';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { TargetLabel } from '../customers/CustomerTargetLink';
import { formatDateTime } from '../../app/formatDateTime';
import { DateTimeField } from '../../app/DateTimeField';
import { ApprovalStatusChip } from './ApprovalStatusChip';
import { actionLabel, type ApprovalScope, type TApprovalRecord } from './approvalTypes';
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
 * Emails have no spaces: without this one long address keeps the table wider than a 1280 px
 * window. Applied to the name inside too (PersonLabel keeps its parts whole elsewhere): this
 * nine-column table needs every column to give way.
 */
const BREAKABLE = { overflowWrap: 'anywhere', '& *': { overflowWrap: 'anywhere !important' } } as const;

function ApprovalDatagrid() {
  return (
    <Datagrid rowClick="show" bulkActionButtons={false} empty={<ApprovalsEmpty />}>
      <DateTimeField source="createdAt" label="Requested" sortable={false} />
      <FunctionField<TApprovalRecord> label="Action" sortable={false} render={(row) => <RecordLink to={`/approvals/${row.id}/show`}>{actionLabel(row.action)}</RecordLink>} />
      <FunctionField<TApprovalRecord> label="Amount" textAlign="right" sortable={false} render={(row) => <Box component="span" sx={{ whiteSpace: 'nowrap' }}>{row.money ? formatMoney(row.money.amount, row.money.currency) : '—'}</Box>} />
      <FunctionField<TApprovalRecord> label="Target" sortable={false} render={(row) => <Box component="span" sx={BREAKABLE}><TargetLabel targetType={row.targetType} targetId={row.targetId} /></Box>} />
      <FunctionField<TApprovalRecord> label="Requested by" sortable={false} render={(row) => <Box component="span" sx={BREAKABLE}>{row.requester.email}</Box>} />
      <TextField source="reason" emptyText="—" sortable={false} sx={FREE_TEXT_CELL} />
      <TextField source="approvalReason" label="Why approval" sortable={false} sx={FREE_TEXT_CELL} />
      <FunctionField<TApprovalRecord> label="Status" sortable={false} render={(row) => <ApprovalStatusChip status={row.status} />} />
      <DateTimeField source="expiresAt" label="Expires" sortable={false} />
    </Datagrid>
  );
}
