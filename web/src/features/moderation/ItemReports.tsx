import { List, ListItem, ListItemText, Typography } from '@mui/material';
import type { ModerationItemData } from './itemTypes';
import { storedWordsLabel } from '../../app/productWords';
import { formatDateTime } from './moderationText';
import { useReasonLabel } from './useModeration';

/** Every report on the subject (content or account), newest as the server orders them. */
export function ItemReports({ reports }: { reports: ModerationItemData['reports'] }) {
  const reasonLabel = useReasonLabel();
  return (
    <>
      <Typography variant="subtitle1" component="h3" mt={2}>
        Reports ({reports.length})
      </Typography>
      <List dense disablePadding aria-label="Reports">
        {reports.map((report) => (
          <ListItem key={report.reportId} disableGutters>
            <ListItemText
              primary={`${reasonLabel(report.reasonCode)}${report.details ? `: ${report.details}` : ''}`}
              secondary={`${formatDateTime(report.createdAt)} · ${report.status ? storedWordsLabel(report.status) : 'Status unknown'}`}
              primaryTypographyProps={{ sx: { overflowWrap: 'anywhere' } }}
            />
          </ListItem>
        ))}
      </List>
    </>
  );
}
