import { Card, CardContent, Chip, Link, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import type { ModerationItemData } from './itemTypes';
import { DECISION_LABELS, formatDateTime } from './moderationText';
import { useReasonLabel } from './useModeration';
import { accountStatusLabel } from '../../app/productWords';

/** Who posted it: account status and age, plans, a paying customer marked as such, and their moderation record. */
export function ItemAuthorCard({ author }: { author: ModerationItemData['author'] }) {
  const reasonLabel = useReasonLabel();
  return (
    <Card variant="outlined" component="section" aria-label="Author">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          Author
        </Typography>
        {!author ? (
          <Typography color="text.secondary">The author is unknown.</Typography>
        ) : (
          <Stack spacing={1}>
            <Link component={RouterLink} to={`/customers/${author.id}/show`} sx={{ overflowWrap: 'anywhere' }}>
              {author.name || author.email}
            </Link>
            <Stack direction="row" flexWrap="wrap" useFlexGap gap={0.5}>
              {author.paying && <Chip size="small" color="success" label="Paying customer" />}
              <Chip size="small" variant="outlined" label={`Account: ${accountStatusLabel(author.status)}`} color={author.status === 'active' ? 'default' : 'warning'} />
              {author.plans.map((plan) => (
                <Chip key={plan} size="small" variant="outlined" label={`Plan: ${plan}`} />
              ))}
            </Stack>
            <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
              {author.email} · account {author.accountAgeDays} day{author.accountAgeDays === 1 ? '' : 's'} old
              {author.suspendedUntil ? ` · suspended until ${formatDateTime(author.suspendedUntil)}` : ''}
            </Typography>
            <Typography variant="body2">
              Reports received: {author.history.reportsReceived} ({author.history.openReports} open) · decisions: {author.history.decisions} ({author.history.upheldDecisions} restrictive, not reversed)
            </Typography>
            {author.history.recentDecisions.length > 0 && (
              <List dense disablePadding aria-label="The author's recent decisions">
                {author.history.recentDecisions.slice(0, 5).map((decision) => (
                  <ListItem key={decision.id} disableGutters>
                    <ListItemText primary={`${DECISION_LABELS[decision.decisionType as keyof typeof DECISION_LABELS] ?? decision.decisionType} · ${reasonLabel(decision.reasonCode)}${decision.reversedAt ? ' (reversed)' : ''}`} secondary={`${formatDateTime(decision.createdAt)} by ${decision.decidedBy}`} />
                  </ListItem>
                ))}
              </List>
            )}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
