import type { TFlagImpact } from '@opsdesk/shared/flags/flagsApi.schemas';
import { Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { answerInWords, asOfInWords, flipsInWords, payingInWords } from './impactWords';
import { planLabel } from '../../../app/productWords';

/**
 * What a change flips, in words and money: shown before saving, in the change dialog and
 * to the approver, so all three read the same figures the same way.
 */
export function ImpactSummary({ impact, title = 'Impact' }: { impact: TFlagImpact; title?: string }) {
  const asOf = asOfInWords(impact.asOf);
  return (
    <Stack spacing={1} component="section" aria-label={title}>
      <Typography variant="subtitle2" component="h3">
        {title}
      </Typography>
      <Typography>{flipsInWords(impact)}</Typography>
      <Typography fontWeight={600}>{payingInWords(impact)}</Typography>
      <Typography variant="body2" color="text.secondary">
        Of {impact.accounts.toLocaleString('en-US')} accounts evaluated{asOf ? `, ${asOf}` : ''}.
      </Typography>
      {impact.sample.length > 0 && <ImpactSample sample={impact.sample} />}
    </Stack>
  );
}

function ImpactSample({ sample }: { sample: TFlagImpact['sample'] }) {
  return (
    <Table size="small" aria-label="Sample of accounts that flip">
      <TableHead>
        <TableRow>
          <TableCell>Email</TableCell>
          <TableCell>Plan</TableCell>
          <TableCell>Before → after</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {sample.map((row) => (
          <TableRow key={row.userId}>
            <TableCell sx={{ wordBreak: 'break-all' }}>{row.email}</TableCell>
            <TableCell>{row.plan ? planLabel(row.plan) : '—'}</TableCell>
            <TableCell>
              {answerInWords(row.before)} → {answerInWords(row.after)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
