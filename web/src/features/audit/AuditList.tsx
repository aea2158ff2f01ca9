import { AUDIT_RESULTS } from '@opsdesk/shared';
import { Typography } from '@mui/material';
import {
  Datagrid,
  DateTimeInput,
  FilterButton,
  List,
  Pagination,
  SearchInput,
  SelectInput,
  SimpleList,
  TextField,
  TextInput,
  TopToolbar,
  FunctionField,
} from 'react-admin';
import { PageHeading } from '../../app/PageHeading';
import { FREE_TEXT_CELL } from '../../app/freeTextCell';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { TargetLabel } from '../customers/CustomerTargetLink';
import { formatDateTime } from '../../app/formatDateTime';
import { DateTimeField } from '../../app/DateTimeField';
import { AuditActionField } from './AuditActionField';
import { auditActionLabel } from './auditActionLabel';
import type { TAuditEntry } from './auditTypes';
import { AuditReasonField } from './AuditReasonField';
import { AUDIT_RESULT_LOOK, AuditResultChip, AuditResultField } from './AuditResultChip';
import { AuditVerifyButton } from './AuditVerifyButton';

const RESULT_CHOICES = AUDIT_RESULTS.map((result) => ({ id: result, name: AUDIT_RESULT_LOOK[result].label }));

const auditFilters = [
  // Wide enough for its placeholder, which says what it searches.
  <SearchInput key="q" source="q" alwaysOn placeholder="Search action, target, actor, reason" sx={{ width: { xs: '100%', sm: 380 } }} />,
  <TextInput key="actor" source="actor" label="Actor email" />,
  <TextInput key="action" source="action" label="Action" helperText="e.g. staff.created" />,
  <TextInput key="targetType" source="targetType" label="Target type" />,
  <TextInput key="targetId" source="targetId" label="Target id" />,
  <SelectInput key="result" source="result" label="Result" choices={RESULT_CHOICES} />,
  <DateTimeInput key="from" source="from" label="From" />,
  <DateTimeInput key="to" source="to" label="To" />,
];

function AuditListActions() {
  return (
    <TopToolbar>
      <AuditVerifyButton />
      <FilterButton />
    </TopToolbar>
  );
}

const NO_MATCH = <Typography p={2}>No audit entry matches these filters.</Typography>;

/** On a phone, one entry per line: the action and result, then who, when and on what. */
function AuditSimpleList() {
  return (
    <SimpleList<TAuditEntry>
      rowClick="show"
      primaryText={(entry) => auditActionLabel(entry.action)}
      secondaryText={(entry) => (
        // The target named as on wide screens, without its link: the whole row opens the entry.
        <span style={{ overflowWrap: 'anywhere' }}>
          {entry.actorEmail ?? '(system)'} · {formatDateTime(entry.occurredAt)}
          {entry.targetType && (
            <>
              {' · '}
              <TargetLabel targetType={entry.targetType} targetId={entry.targetId} plain />
            </>
          )}
        </span>
      )}
      tertiaryText={(entry) => <AuditResultChip result={entry.result} />}
      empty={NO_MATCH}
    />
  );
}

export default function AuditList() {
  const phone = usePhoneLayout();
  return (
    <>
      <PageHeading>Audit log</PageHeading>
      <List
        title="Audit log"
        filters={auditFilters}
        actions={<AuditListActions />}
        perPage={50}
        sort={{ field: 'occurredAt', order: 'DESC' }}
        // Keyset pages: previous/next only; the log is never counted.
        pagination={<Pagination rowsPerPageOptions={[25, 50, 100]} />}
        empty={<Typography p={2}>The audit log is empty.</Typography>}
      >
        {phone ? <AuditSimpleList /> : <AuditDatagrid />}
      </List>
    </>
  );
}

function AuditDatagrid() {
  return (
    <Datagrid rowClick="show" bulkActionButtons={false} sort={{ field: 'occurredAt', order: 'DESC' }} empty={NO_MATCH}>
      <DateTimeField source="occurredAt" label="When" sortable={false} />
      <TextField source="actorEmail" label="Actor" emptyText="(system)" sortable={false} />
      <AuditActionField label="Action" />
      <FunctionField<TAuditEntry> label="Target" sortable={false} render={(entry) => <TargetLabel targetType={entry.targetType} targetId={entry.targetId} />} />
      <AuditResultField label="Result" />
      <AuditReasonField label="Reason" emptyText="" sortable={false} sx={FREE_TEXT_CELL} />
    </Datagrid>
  );
}
