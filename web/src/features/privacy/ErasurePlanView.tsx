import { Box, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { TErasurePlan } from '@opsdesk/shared';
import { formatDateTime } from '../../app/formatDateTime';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { ErasureMentions } from './ErasureMentions';
import { planExtrasText, planStepText, planTotals } from './privacyText';

const ACTION_WORDS = { delete: 'Delete', mask: 'Mask', keep: 'Keep' } as const;

/**
 * An erasure plan in words: per table what is deleted, masked (which columns, how) or kept
 * (under which basis, for how long); the Stripe customers deleted; the audit keys destroyed;
 * the mentions elsewhere, which the erasure leaves to be removed by hand. The request page
 * and the approval page both show it, so the approver reads what the requester saw. The
 * plan's hash is shown because the approval binds it (the mentions are not part of it).
 */
export function ErasurePlanView({ plan }: { plan: TErasurePlan }) {
  const phone = usePhoneLayout();
  const totals = planTotals(plan);
  return (
    <Stack spacing={1.5} aria-label="Erasure plan">
      <Typography>
        For <strong>{plan.subject.label}</strong>: delete {totals.delete} rows, mask {totals.mask}, keep {totals.keep} under a legal basis.
      </Typography>
      {phone ? (
        <Stack component="ul" spacing={1} sx={{ pl: 2, m: 0 }} aria-label="Tables">
          {plan.steps.map((step) => (
            <Typography component="li" key={step.table} variant="body2" sx={{ overflowWrap: 'anywhere' }}>
              <strong>{step.table}</strong>: {planStepText(step)}
            </Typography>
          ))}
        </Stack>
      ) : (
        <Box sx={{ overflowX: 'auto', contain: 'inline-size' }}>
          <Table size="small" aria-label="Tables">
            <TableHead>
              <TableRow>
                <TableCell>Table</TableCell>
                <TableCell>Action</TableCell>
                <TableCell align="right">Rows</TableCell>
                <TableCell>What happens</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {plan.steps.map((step) => (
                <TableRow key={step.table}>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{step.table}</TableCell>
                  <TableCell>{ACTION_WORDS[step.action]}</TableCell>
                  <TableCell align="right">{step.rows.toLocaleString('en-US')}</TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{planStepText(step)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {planExtrasText(plan).map((line) => (
        <Typography key={line} sx={{ overflowWrap: 'anywhere' }}>
          {line}
        </Typography>
      ))}
      <ErasureMentions mentions={plan.mentions} />
      <Typography variant="caption" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
        Plan {plan.hash} · planned {formatDateTime(plan.plannedAt)}
      </Typography>
    </Stack>
  );
}
