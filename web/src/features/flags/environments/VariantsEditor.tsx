import { Button, IconButton, MenuItem, Stack, TextField, Typography } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import { percentOf } from '../changes/ruleWords';
import { evenWeights, newVariantForm, PAYLOAD_TYPES, VARIANT_WEIGHT_TOTAL, type TVariantForm } from './environmentDraft';

/**
 * The environment's variants: name, share (typed as %, stored per mille as Unleash
 * does), stickiness and payload. The sum is said in words, since Unleash's weights add
 * up to 1000, not 100.
 */
export function VariantsEditor({ variants, onChange, environment }: { variants: TVariantForm[]; onChange: (next: TVariantForm[]) => void; environment: string }) {
  const update = (index: number, patch: Partial<TVariantForm>) => onChange(variants.map((v, i) => (i === index ? { ...v, ...patch } : v)));
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  const add = () => {
    const next = [...variants, newVariantForm(`variant-${variants.length + 1}`)];
    const weights = evenWeights(next.length);
    onChange(next.map((v, i) => ({ ...v, weight: weights[i]! })));
  };
  return (
    <Stack spacing={1.5} component="section" aria-label={`Variants in ${environment}`}>
      <Typography variant="subtitle1" component="h3">
        Variants
      </Typography>
      {variants.length === 0 ? (
        <Typography color="text.secondary">No variants: the flag answers on or off only.</Typography>
      ) : (
        <Typography color={total === VARIANT_WEIGHT_TOTAL ? 'text.secondary' : 'error'}>
          {variants.map((v) => `${v.name || '(unnamed)'} ${percentOf(v.weight, VARIANT_WEIGHT_TOTAL)}`).join(', ')} — {total === VARIANT_WEIGHT_TOTAL ? 'together 100 % of those the flag is on for.' : `together ${total / 10} %; they must add up to 100 %.`}
        </Typography>
      )}
      {variants.map((variant, index) => (
        <Stack key={index} direction={{ xs: 'column', md: 'row' }} spacing={1} role="group" aria-label={`Variant ${index + 1}`}>
          <TextField size="small" label="Name" value={variant.name} onChange={(event) => update(index, { name: event.target.value })} />
          <TextField
            size="small"
            type="number"
            label="Share %"
            value={variant.weight / 10}
            onChange={(event) => update(index, { weight: Math.round(Number(event.target.value) * 10) })}
            slotProps={{ htmlInput: { min: 0, max: 100, step: 0.1 } }}
            sx={{ width: 110 }}
          />
          <TextField size="small" label="Stickiness" value={variant.stickiness} placeholder="default" onChange={(event) => update(index, { stickiness: event.target.value })} sx={{ width: 140 }} />
          <TextField select size="small" label="Payload" value={variant.payloadType} onChange={(event) => update(index, { payloadType: event.target.value as TVariantForm['payloadType'] })} sx={{ width: 120 }}>
            <MenuItem value="">None</MenuItem>
            {PAYLOAD_TYPES.map((type) => (
              <MenuItem key={type} value={type}>
                {type}
              </MenuItem>
            ))}
          </TextField>
          {variant.payloadType && <TextField size="small" label="Payload value" multiline value={variant.payloadValue} onChange={(event) => update(index, { payloadValue: event.target.value })} sx={{ flex: 1 }} />}
          <IconButton aria-label={`Remove variant ${index + 1}`} onClick={() => onChange(variants.filter((_, i) => i !== index))}>
            <DeleteIcon />
          </IconButton>
        </Stack>
      ))}
      <Stack direction="row" spacing={1}>
        <Button onClick={add}>Add variant</Button>
        {variants.length > 1 && (
          <Button
            onClick={() => {
              const weights = evenWeights(variants.length);
              onChange(variants.map((v, i) => ({ ...v, weight: weights[i]! })));
            }}
          >
            Split evenly
          </Button>
        )}
      </Stack>
    </Stack>
  );
}
