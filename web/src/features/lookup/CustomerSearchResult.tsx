import type { TCustomerSearchResult, TSearchMatchKind } from '@opsdesk/shared';
import { Box, Chip, Stack, Typography } from '@mui/material';
import { CustomerStatusChip } from '../customers/CustomerStatusChip';
import { formatDate } from '../../app/formatDateTime';
import { planLabel } from '../../app/productWords';

const MATCH_LABELS: Record<TSearchMatchKind, string> = {
  user_id: 'user id',
  stripe_id: 'Stripe id',
  email: 'email',
  email_prefix: 'email start',
  email_substring: 'part of email',
  email_fuzzy: 'similar email',
  name: 'name',
  workspace: 'workspace',
  domain: 'email domain',
  card_last4: 'card last 4',
  invoice_number: 'invoice number',
};

/** One result, with enough to tell two John Smiths apart: email, plan, status, signup, workspaces. */
export function CustomerSearchResult({ result }: { result: TCustomerSearchResult }) {
  return (
    <Box sx={{ minWidth: 0, flex: 1 }}>
      <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
        <Typography fontWeight={600} noWrap data-testid="result-email">
          {result.email}
        </Typography>
        <Typography color="text.secondary" noWrap>
          {result.name}
        </Typography>
        <CustomerStatusChip status={result.status} />
        <Chip size="small" variant="outlined" label={planLabel(result.plan)} />
      </Stack>
      <Typography variant="body2" color="text.secondary" noWrap>
        Signed up {formatDate(result.signupAt)}
        {result.country ? ` · ${result.country}` : ''}
        {result.workspaceNames.length ? ` · ${result.workspaceNames.join(', ')}` : ''}
        {` · matched on ${MATCH_LABELS[result.matchedOn] ?? result.matchedOn}`}
      </Typography>
    </Box>
  );
}
