import { Card, CardContent, Chip, Link, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import type { ModerationItemData } from './itemTypes';
import { ItemReports } from './ItemReports';
import { formatDateTime } from './moderationText';
import { accountStatusLabel } from '../../app/productWords';

/** A reported account (subject type account) in place of the content card: who it is, and every report on it in the reporters' words. */
export function ItemAccountCard({ item }: { item: ModerationItemData }) {
  const { account, reports } = item;
  return (
    <Card variant="outlined" component="section" aria-label="Reported account">
      <CardContent>
        <Stack direction="row" flexWrap="wrap" useFlexGap gap={1} alignItems="center" mb={1}>
          <Typography variant="h6" component="h2" sx={{ overflowWrap: 'anywhere' }}>
            {account ? account.name || account.email : 'Reported account'}
          </Typography>
          {account && <Chip size="small" label={`Account: ${accountStatusLabel(account.status)}`} color={account.status === 'active' ? 'default' : 'warning'} />}
          {account?.paying && <Chip size="small" color="success" label="Paying customer" />}
        </Stack>
        {account ? (
          <Stack spacing={0.5}>
            <Link component={RouterLink} to={`/customers/${account.id}/show`} sx={{ overflowWrap: 'anywhere' }}>
              {account.email}
            </Link>
            <Typography variant="body2" color="text.secondary">
              Account {account.accountAgeDays} day{account.accountAgeDays === 1 ? '' : 's'} old (since {formatDateTime(account.createdAt)})
              {account.plans.length > 0 ? ` · plans: ${account.plans.join(', ')}` : ' · no workspace of its own'}
              {account.suspendedUntil ? ` · suspended until ${formatDateTime(account.suspendedUntil)}` : ''}
            </Typography>
          </Stack>
        ) : (
          <Typography color="text.secondary">The account no longer exists in the product.</Typography>
        )}
        <ItemReports reports={reports} />
      </CardContent>
    </Card>
  );
}
