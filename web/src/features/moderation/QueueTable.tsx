import { Box, Card, CardActionArea, CardContent, Checkbox, Chip, Link, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { TModerationPriorityBucket } from '@opsdesk/shared';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { BUCKET_COLORS, BUCKET_LABELS, formatDateTime, groupLabel } from './moderationText';
import { useReasonLabel } from './useModeration';
import { itemHref } from './useNextItem';

const TWO_LINES = { display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' } as const;

export interface QueueRow {
  id: string;
  title: string | null;
  excerpt: string | null;
  bucket: TModerationPriorityBucket;
  score: number;
  reasonGroup: string;
  reasonCodes: string[];
  reportCount: number;
  status: string;
  firstReportedAt: string;
}

const titleOf = (row: QueueRow) => row.title || row.excerpt || 'Untitled';
const statusText = (row: QueueRow) => (row.status === 'claimed' ? 'Claimed' : row.status === 'decided' ? 'Decided' : 'Waiting');

/**
 * `oneLine` in the table: chips wrap their labels console-wide (theme.ts), which squeezed
 * the queue's narrow first column into "Urgent ·" over "778"; the table scrolls inside its
 * card instead, and the stacked phone cards let it wrap.
 */
function PriorityChip({ row, oneLine = false }: { row: QueueRow; oneLine?: boolean }) {
  const label = `${BUCKET_LABELS[row.bucket]} · ${Math.round(row.score)}`;
  return <Chip size="small" color={BUCKET_COLORS[row.bucket]} label={label} sx={oneLine ? { '& .MuiChip-label': { whiteSpace: 'nowrap' } } : undefined} />;
}

export interface QueueSelection {
  selected: ReadonlySet<string>;
  toggle: (id: string) => void;
  setAll: (ids: string[]) => void;
}

/**
 * A table on wide screens (a row opens the item; with `selection`, a checkbox per row for
 * bulk decisions); on a phone, one stacked card per item (bulk goes by filter there).
 */
export function QueueTable({ rows, selection }: { rows: QueueRow[]; selection?: QueueSelection }) {
  const phone = usePhoneLayout();
  const navigate = useNavigate();
  const reasonLabel = useReasonLabel();
  const reasons = (row: QueueRow) => row.reasonCodes.map(reasonLabel).join(', ');
  if (phone) {
    return (
      <Stack spacing={1} aria-label="Queue">
        {rows.map((row) => (
          <Card key={row.id} variant="outlined" component="article" aria-label={titleOf(row)}>
            <CardActionArea component={RouterLink} to={itemHref(row.id)}>
              <CardContent>
                <Stack direction="row" flexWrap="wrap" useFlexGap gap={0.5} mb={0.5}>
                  <PriorityChip row={row} />
                  <Chip size="small" variant="outlined" label={groupLabel(row.reasonGroup)} />
                </Stack>
                <Typography variant="subtitle1" color="primary" sx={{ overflowWrap: 'anywhere' }}>
                  {titleOf(row)}
                </Typography>
                <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                  {row.reportCount} report{row.reportCount === 1 ? '' : 's'} ({reasons(row)}) · {statusText(row)} · since {formatDateTime(row.firstReportedAt)}
                </Typography>
              </CardContent>
            </CardActionArea>
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Queue">
        <TableHead>
          <TableRow>
            {selection && (
              <TableCell padding="checkbox">
                <Checkbox
                  checked={rows.length > 0 && rows.every((row) => selection.selected.has(row.id))}
                  indeterminate={rows.some((row) => selection.selected.has(row.id)) && !rows.every((row) => selection.selected.has(row.id))}
                  onChange={(event) => selection.setAll(event.target.checked ? rows.map((row) => row.id) : [])}
                  inputProps={{ 'aria-label': 'Select every item shown' }}
                />
              </TableCell>
            )}
            {['Priority', 'Content', 'Reasons', 'Reports', 'Status', 'First reported'].map((label) => (
              <TableCell key={label}>{label}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id} hover sx={{ cursor: 'pointer' }} onClick={() => navigate(itemHref(row.id))}>
              {selection && (
                <TableCell padding="checkbox" onClick={(event) => event.stopPropagation()}>
                  <Checkbox checked={selection.selected.has(row.id)} onChange={() => selection.toggle(row.id)} inputProps={{ 'aria-label': `Select ${titleOf(row)}` }} />
                </TableCell>
              )}
              <TableCell>
                <PriorityChip row={row} oneLine />
              </TableCell>
              <TableCell sx={{ maxWidth: 420, overflowWrap: 'anywhere' }}>
                {/* Two lines at most: an untitled post's whole text made one row five lines tall; the item's page shows it all. */}
                <Link component={RouterLink} to={itemHref(row.id)} onClick={(event) => event.stopPropagation()} title={titleOf(row)} sx={TWO_LINES}>
                  {titleOf(row)}
                </Link>
                {row.title && row.excerpt && (
                  <Typography variant="body2" color="text.secondary" noWrap title={row.excerpt}>
                    {row.excerpt}
                  </Typography>
                )}
              </TableCell>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>
                {groupLabel(row.reasonGroup)}
                {/* "Spam" under "Spam" says nothing twice. */}
                {reasons(row) !== groupLabel(row.reasonGroup) && (
                  <Typography variant="body2" color="text.secondary">
                    {reasons(row)}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{row.reportCount}</TableCell>
              <TableCell>{statusText(row)}</TableCell>
              <TableCell>{formatDateTime(row.firstReportedAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
