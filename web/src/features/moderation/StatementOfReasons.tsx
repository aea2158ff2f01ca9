import { Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { DSA_EEA_COUNTRIES, type TDsaStatement } from '@opsdesk/shared';
import type { ReactNode } from 'react';
import { countryLabel } from '../../app/countryName';
import { dsaWords, formatDateTime } from './moderationText';

/** Countries by name ("Germany (DE)"); a scope missing only a few reads as the exceptions. */
function scopeText(scope: readonly string[]): string {
  const missing = DSA_EEA_COUNTRIES.filter((code) => !scope.includes(code));
  if (missing.length === 0) return 'Every EU/EEA country';
  if (missing.length <= 3 && scope.length > missing.length) return `Every EU/EEA country except ${missing.map(countryLabel).join(', ')}`;
  return scope.map(countryLabel).join(', ');
}

/** The statement's fields in the DSA Transparency Database's terms, read as words; absent fields are left out. */
export function statementRows(s: TDsaStatement): [string, string][] {
  const rows: [string, string | undefined][] = [
    ['Restriction', s.decision_visibility?.map((v) => dsaWords(v, 'DECISION_VISIBILITY_')).join(', ')],
    ['Restriction described', s.decision_visibility_other],
    ['Monetary', s.decision_monetary && dsaWords(s.decision_monetary, 'DECISION_MONETARY_')],
    ['Service provision', s.decision_provision && dsaWords(s.decision_provision, 'DECISION_PROVISION_')],
    ['Account', s.decision_account && dsaWords(s.decision_account, 'DECISION_ACCOUNT_')],
    ['Ground', dsaWords(s.decision_ground, 'DECISION_GROUND_')],
    ['Legal ground', s.illegal_content_legal_ground],
    ['Why it is illegal', s.illegal_content_explanation],
    ['Contractual ground', s.incompatible_content_ground],
    ['Why it is incompatible', s.incompatible_content_explanation],
    ['Also illegal', s.incompatible_content_illegal],
    ['Category', dsaWords(s.category, 'STATEMENT_CATEGORY_')],
    ['Content type', s.content_type.map((t) => dsaWords(t, 'CONTENT_TYPE_')).join(', ')],
    ['Facts and circumstances', s.decision_facts],
    ['Content date', s.content_date],
    ['Applies from', s.application_date],
    ['Ends', s.end_date ?? 'Not timed'],
    ['Source', dsaWords(s.source_type, 'SOURCE_')],
    ['Automated detection', s.automated_detection],
    ['Automated decision', dsaWords(s.automated_decision, 'AUTOMATED_DECISION_')],
    ['Territorial scope', scopeText(s.territorial_scope)],
    ['Statement id (PUID)', s.puid],
  ];
  return rows.filter((row): row is [string, string] => Boolean(row[1]));
}

/** The statement of reasons as staff see it (and the author would receive it); a dismissal has none. */
export function StatementOfReasons({ statement, appealDeadline, heading, children }: { statement: TDsaStatement | null; appealDeadline?: string; heading?: ReactNode; children?: ReactNode }) {
  return (
    <Card variant="outlined" component="section" aria-label="Statement of reasons">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {heading ?? 'Statement of reasons'}
        </Typography>
        {statement === null ? (
          <Typography color="text.secondary">Dismissed: no restriction, so no statement of reasons. The reporters are told nothing was found.</Typography>
        ) : (
          <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'minmax(0, 12rem) minmax(0, 1fr)' }, columnGap: 2, rowGap: 0.5, m: 0 }}>
            {statementRows(statement).map(([label, value]) => (
              <Box key={label} sx={{ display: 'contents' }}>
                <Typography component="dt" variant="body2" color="text.secondary">
                  {label}
                </Typography>
                <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                  {value}
                </Typography>
              </Box>
            ))}
          </Box>
        )}
        {appealDeadline && (
          <Typography variant="body2" mt={1.5}>
            Open to appeal until {formatDateTime(appealDeadline)}.
          </Typography>
        )}
        {children && <Stack mt={1.5}>{children}</Stack>}
      </CardContent>
    </Card>
  );
}
