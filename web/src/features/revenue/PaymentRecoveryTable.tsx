import { Table, TableBody, TableCell, TableRow } from '@mui/material';
import { formatMoney, formatRatio } from './revenueFormat';

/** Failed invoices in the range and how many were paid within 7, 14 and 30 days. */
interface PaymentRecovery {
  failedInvoices: number;
  recoveredWithin: { days7: number; days14: number; days30: number };
  recoveredShare: { days7: number | null; days14: number | null; days30: number | null };
  mrrRecovered: number;
  mrrLostToInvoluntaryChurn: number;
}

export function PaymentRecoveryTable({ recovery, currency }: { recovery: PaymentRecovery; currency: string }) {
  const rows: [string, string][] = [
    ['Failed invoices', recovery.failedInvoices.toLocaleString('en-US')],
    ['Recovered within 7 days', `${recovery.recoveredWithin.days7} (${formatRatio(recovery.recoveredShare.days7)})`],
    ['Recovered within 14 days', `${recovery.recoveredWithin.days14} (${formatRatio(recovery.recoveredShare.days14)})`],
    ['Recovered within 30 days', `${recovery.recoveredWithin.days30} (${formatRatio(recovery.recoveredShare.days30)})`],
    ['MRR recovered', formatMoney(recovery.mrrRecovered, currency)],
    ['MRR lost to involuntary churn', formatMoney(recovery.mrrLostToInvoluntaryChurn, currency)],
  ];
  return (
    <Table size="small" aria-label="Failed-payment recovery">
      <TableBody>
        {rows.map(([label, value]) => (
          <TableRow key={label}>
            <TableCell component="th" scope="row" sx={{ pl: 0 }}>{label}</TableCell>
            <TableCell align="right" sx={{ pr: 0 }}>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
