import { Box, Card, CardActionArea, CardContent, Link, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { flagHref } from './flagLinks';
import { FlagArchivedChip, FlagEnvironmentChips, FlagStaleChip, FlagTypeChip } from './FlagChips';
import { formatDateTime } from './flagText';
import type { useFlagList } from './useFlags';

export type FlagListRow = NonNullable<ReturnType<typeof useFlagList>['data']>[number];

/** A table on wide screens (a row opens the flag); on a phone, one stacked card per flag. */
export function FlagListContent({ flags, environments }: { flags: FlagListRow[]; environments: string[] }) {
  const phone = usePhoneLayout();
  const navigate = useNavigate();
  if (phone) {
    return (
      <Stack spacing={1} aria-label="Flags">
        {flags.map((flag) => (
          <Card key={flag.id} variant="outlined" component="article" aria-label={flag.key}>
            <CardActionArea component={RouterLink} to={flagHref(flag.key)}>
              <CardContent>
                <Typography variant="subtitle1" sx={{ overflowWrap: 'anywhere' }} color="primary">
                  {flag.key}
                </Typography>
                <Stack direction="row" flexWrap="wrap" useFlexGap gap={0.5} my={0.5}>
                  <FlagTypeChip type={flag.type} />
                  {flag.stale && <FlagStaleChip updatedAt={flag.updatedAt} />}
                  {flag.archivedAt && <FlagArchivedChip />}
                </Stack>
                <FlagEnvironmentChips states={flag.environments} order={environments} />
                <Typography variant="body2" color="text.secondary" mt={0.5} sx={{ overflowWrap: 'anywhere' }}>
                  Owner: {flag.ownerName ?? 'nobody'} · last changed {formatDateTime(flag.updatedAt)}
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
      <Table size="small" aria-label="Flags">
        <TableHead>
          <TableRow>
            {['Key', 'Type', 'Owner', 'Environments', 'Last changed'].map((label) => (
              <TableCell key={label}>{label}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {flags.map((flag) => (
            <TableRow key={flag.id} hover sx={{ cursor: 'pointer' }} onClick={() => navigate(flagHref(flag.key))}>
              <TableCell sx={{ overflowWrap: 'anywhere', maxWidth: 320 }}>
                <Link component={RouterLink} to={flagHref(flag.key)} onClick={(event) => event.stopPropagation()}>
                  {flag.key}
                </Link>
                {flag.description && (
                  <Typography variant="body2" color="text.secondary" noWrap title={flag.description}>
                    {flag.description}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <FlagTypeChip type={flag.type} />
              </TableCell>
              <TableCell>{flag.ownerName ?? '—'}</TableCell>
              <TableCell>
                <FlagEnvironmentChips states={flag.environments} order={environments} />
              </TableCell>
              <TableCell>
                <Stack spacing={0.5} alignItems="flex-start">
                  <span>{formatDateTime(flag.updatedAt)}</span>
                  {flag.stale && <FlagStaleChip updatedAt={flag.updatedAt} />}
                  {flag.archivedAt && <FlagArchivedChip />}
                </Stack>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
