import { Button, Card, CardContent, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteIcon from '@mui/icons-material/Delete';
import { strategyInWords } from '../changes/ruleWords';
import { moveItem } from './environmentDraft';
import { KIND_LABELS, StrategyEditor, type SegmentOption } from './StrategyEditor';
import { EDITABLE_KINDS, formToStrategy, newStrategyForm, type TStrategyForm } from './strategyForm';

/**
 * The ordered strategies of an environment (the first that applies turns the flag on):
 * each in its card with its summary in words, moved and removed with buttons, added by kind.
 */
export function StrategyList(props: { environment: string; flagKey: string; strategies: TStrategyForm[]; onChange: (next: TStrategyForm[]) => void; segments: SegmentOption[] }) {
  const { strategies, onChange } = props;
  const segmentNames = new Map(props.segments.map((s) => [s.id, s.name]));
  return (
    <Stack spacing={2} component="section" aria-label={`Strategies in ${props.environment}`}>
      <Typography variant="subtitle1" component="h3">
        Strategies
      </Typography>
      {strategies.length === 0 && <Typography color="text.secondary">No strategies: when on, the flag is on for everyone.</Typography>}
      {strategies.map((form, index) => {
        const label = `Strategy ${index + 1}`;
        return (
          <Card key={index} variant="outlined" role="group" aria-label={label}>
            <CardContent>
              <Stack direction="row" spacing={1} alignItems="center" mb={2}>
                <Typography sx={{ flex: 1 }}>
                  <strong>{label}:</strong> {strategyInWords(formToStrategy(form), segmentNames)}
                </Typography>
                <Tooltip title="Move up">
                  <span>
                    <IconButton aria-label={`Move strategy ${index + 1} up`} disabled={index === 0} onClick={() => onChange(moveItem(strategies, index, -1))}>
                      <ArrowUpwardIcon />
                    </IconButton>
                  </span>
                </Tooltip>
                <Tooltip title="Move down">
                  <span>
                    <IconButton aria-label={`Move strategy ${index + 1} down`} disabled={index === strategies.length - 1} onClick={() => onChange(moveItem(strategies, index, 1))}>
                      <ArrowDownwardIcon />
                    </IconButton>
                  </span>
                </Tooltip>
                <Tooltip title="Remove">
                  <IconButton aria-label={`Remove strategy ${index + 1}`} onClick={() => onChange(strategies.filter((_, i) => i !== index))}>
                    <DeleteIcon />
                  </IconButton>
                </Tooltip>
              </Stack>
              <StrategyEditor form={form} label={`${props.environment} ${label}`} segments={props.segments} onChange={(next) => onChange(strategies.map((s, i) => (i === index ? next : s)))} />
            </CardContent>
          </Card>
        );
      })}
      <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap role="group" aria-label="Add a strategy">
        {EDITABLE_KINDS.map((kind) => (
          <Button key={kind} variant="outlined" onClick={() => onChange([...strategies, newStrategyForm(kind, props.flagKey)])}>
            Add {KIND_LABELS[kind].toLowerCase()}
          </Button>
        ))}
      </Stack>
    </Stack>
  );
}
