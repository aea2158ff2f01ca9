import { Show, SimpleShowLayout, TextField, FunctionField } from 'react-admin';
import { PageHeading } from '../../app/PageHeading';
import { TargetLabel } from '../customers/CustomerTargetLink';
import { DateTimeField } from '../../app/DateTimeField';
import { AuditActionField } from './AuditActionField';
import { auditActionLabel } from './auditActionLabel';
import type { TAuditEntry } from './auditTypes';
import { AuditDiff } from './AuditDiff';
import { AuditJsonField } from './AuditJsonField';
import { AuditReasonField } from './AuditReasonField';
import { AuditResultField } from './AuditResultChip';

export default function AuditShow() {
  return (
    <>
      <PageHeading>Audit entry</PageHeading>
      <Show title={<AuditTitle />}>
        <SimpleShowLayout>
          <DateTimeField source="occurredAt" label="When" />
          <AuditActionField label="Action" />
          <AuditResultField label="Result" />
          <TextField source="actorEmail" label="Actor" emptyText="(system)" />
          <FunctionField<TAuditEntry> label="Target" render={(entry) => <TargetLabel targetType={entry.targetType} targetId={entry.targetId} />} />
          <AuditReasonField label="Reason" />
          <TextField source="error" emptyText="—" />
          <AuditDiff label="Changes" />
          <AuditJsonField source="input" label="Request input" />
          <TextField source="requestId" label="Request id" emptyText="—" />
          <TextField source="ip" label="IP address" emptyText="—" />
          <TextField source="userAgent" label="User agent" emptyText="—" />
          <TextField source="hash" label="Chain hash" />
        </SimpleShowLayout>
      </Show>
    </>
  );
}

function AuditTitle() {
  return <FunctionField<TAuditEntry> render={(entry) => `Audit entry ${entry.id}: ${auditActionLabel(entry.action)}`} />;
}
