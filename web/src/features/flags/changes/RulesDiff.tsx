import type { TFlagEnvironmentRules } from '@opsdesk/shared/flags/flagsApi.schemas';
import { Grid, List, ListItem, Typography } from '@mui/material';
import { rulesInWords } from './ruleWords';

/** One environment's rules before and after a change, side by side in words. */
export function RulesDiff({ before, after, segmentNames }: { before: TFlagEnvironmentRules; after: TFlagEnvironmentRules; segmentNames?: ReadonlyMap<number, string> }) {
  return (
    <Grid container spacing={2}>
      <RulesColumn title="Before" rules={before} segmentNames={segmentNames} />
      <RulesColumn title="After" rules={after} segmentNames={segmentNames} />
    </Grid>
  );
}

function RulesColumn({ title, rules, segmentNames }: { title: string; rules: TFlagEnvironmentRules; segmentNames: ReadonlyMap<number, string> | undefined }) {
  return (
    <Grid size={{ xs: 12, sm: 6 }} component="section" aria-label={title}>
      <Typography variant="subtitle2" component="h3">
        {title}
      </Typography>
      <List dense disablePadding>
        {rulesInWords(rules, segmentNames).map((line, index) => (
          <ListItem key={index} disableGutters>
            {line}
          </ListItem>
        ))}
      </List>
    </Grid>
  );
}
