import { Box, Card, CardActionArea, CardContent, Link, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { TPrivacyRequest } from '@opsdesk/shared';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { formatDateTime } from '../../app/formatDateTime';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { DueText, PrivacyStatusChip } from './PrivacyStatusChip';
import { CHANNEL_LABELS, KIND_LABELS, requestHref, subjectText } from './privacyText';

/** A table on wide screens (a row opens the request); on a phone, one stacked card per request. */
export function PrivacyRequestTable({ rows }: { rows: TPrivacyRequest[] }) {
  const phone = usePhoneLayout();
  const navigate = useNavigate();
  if (phone) {
    return (
      <Stack spacing={1} aria-label="Privacy requests">
        {rows.map((row) => (
          <Card key={row.id} variant="outlined" component="article" aria-label={subjectText(row)}>
            <CardActionArea component={RouterLink} to={requestHref(row.id)}>
              <CardContent>
                <Stack direction="row" flexWrap="wrap" useFlexGap gap={0.5} mb={0.5} alignItems="center">
                  <PrivacyStatusChip status={row.status} />
                  <Typography variant="body2">{KIND_LABELS[row.kind]}</Typography>
                </Stack>
                <Typography variant="subtitle1" color="primary" sx={{ overflowWrap: 'anywhere' }}>
                  {subjectText(row)}
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  Due <DueText request={row} />
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  Received {formatDateTime(row.receivedAt)} · {CHANNEL_LABELS[row.channel]}
                </Typography>
              </CardContent>
            </CardActionArea>
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <Box sx={{ overflowX: 'auto', contain: 'inline-size' }}>
      <Table size="small" aria-label="Privacy requests">
        <TableHead>
          <TableRow>
            {['Subject', 'Kind', 'Status', 'Received', 'Due', 'Channel'].map((label) => (
              <TableCell key={label}>{label}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id} hover sx={{ cursor: 'pointer' }} onClick={() => navigate(requestHref(row.id))}>
              <TableCell sx={{ maxWidth: 360, overflowWrap: 'anywhere' }}>
                <Link component={RouterLink} to={requestHref(row.id)} onClick={(event) => event.stopPropagation()}>
                  {subjectText(row)}
                </Link>
              </TableCell>
              <TableCell>{KIND_LABELS[row.kind]}</TableCell>
              <TableCell>
                <PrivacyStatusChip status={row.status} />
              </TableCell>
              <TableCell>{formatDateTime(row.receivedAt)}</TableCell>
              <TableCell>
                <DueText request={row} />
              </TableCell>
              <TableCell>{CHANNEL_LABELS[row.channel]}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
