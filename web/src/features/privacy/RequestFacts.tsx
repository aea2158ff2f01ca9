import { Grid, Typography } from '@mui/material';
import type { TPrivacyRequest } from '@opsdesk/shared';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../app/formatDateTime';
import { SectionCard } from '../../app/SectionCard';
import { CHANNEL_LABELS, KIND_LABELS, SUBJECT_KIND_LABELS, VERIFICATION_LABELS } from './privacyText';

/** Who asked what, how it arrived, and how identity was checked. */
export function RequestFacts({ request }: { request: TPrivacyRequest }) {
  const { subject, verification } = request;
  return (
    <SectionCard title="Request">
      <Grid container spacing={2}>
        <Fact label="Kind">{KIND_LABELS[request.kind]}</Fact>
        <Fact label={SUBJECT_KIND_LABELS[subject.kind]}>{subject.value}</Fact>
        <Fact label="Product user">{subject.userId ?? 'None found'}</Fact>
        <Fact label="Stripe customers">{subject.customerIds.length > 0 ? subject.customerIds.join(', ') : 'None found'}</Fact>
        <Fact label="Channel">{CHANNEL_LABELS[request.channel]}</Fact>
        <Fact label="Received">{formatDateTime(request.receivedAt)}</Fact>
        <Fact label="Recorded by">{request.createdByLabel}</Fact>
        <Fact label="Identity">{verification ? `${VERIFICATION_LABELS[verification.method]} — ${verification.note} (${verification.byLabel}, ${formatDateTime(verification.at)})` : 'Not verified yet'}</Fact>
        {request.note && <Fact label="What the person asked">{request.note}</Fact>}
      </Grid>
    </SectionCard>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Grid size={{ xs: 12, sm: 6, md: 4 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography sx={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>{children}</Typography>
    </Grid>
  );
}
