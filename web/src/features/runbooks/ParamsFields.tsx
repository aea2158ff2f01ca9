import { Checkbox, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel, MenuItem, Stack, TextField } from '@mui/material';
import type { FormValues, ParamField } from './paramsForm';

/** The action's parameters as form fields (numbers, text, choices, yes/no, lists); the server's message per field shows under it. */
export function ParamsFields({ fields, values, errors, onChange }: { fields: ParamField[]; values: FormValues; errors: Record<string, string>; onChange: (values: FormValues) => void }) {
  const set = (name: string, value: FormValues[string]) => onChange({ ...values, [name]: value });
  if (fields.length === 0) return null;
  return (
    <Stack spacing={2}>
      {fields.map((field) => {
        const error = errors[`params.${field.name}`];
        const value = values[field.name];
        if (field.kind === 'boolean') {
          return (
            <FormControl key={field.name} error={Boolean(error)}>
              <FormControlLabel control={<Checkbox checked={value === true} onChange={(event) => set(field.name, event.target.checked)} />} label={field.label} />
              {error && <FormHelperText>{error}</FormHelperText>}
            </FormControl>
          );
        }
        if (field.kind === 'enumList') {
          const chosen = Array.isArray(value) ? value : [];
          return (
            <FormControl key={field.name} component="fieldset" error={Boolean(error)}>
              <FormLabel component="legend">{field.label}</FormLabel>
              <FormGroup row>
                {field.options.map((option) => (
                  <FormControlLabel
                    key={option}
                    label={option}
                    control={<Checkbox checked={chosen.includes(option)} onChange={(event) => set(field.name, event.target.checked ? [...chosen, option] : chosen.filter((c) => c !== option))} />}
                  />
                ))}
              </FormGroup>
              {error && <FormHelperText>{error}</FormHelperText>}
            </FormControl>
          );
        }
        const hint = field.kind === 'numberList' || field.kind === 'textList' ? 'Separate several with commas or spaces.' : rangeHint(field);
        return (
          <TextField
            key={field.name}
            select={field.kind === 'enum'}
            label={field.label}
            name={field.name}
            required={field.required}
            value={typeof value === 'string' ? value : ''}
            onChange={(event) => set(field.name, event.target.value)}
            error={Boolean(error)}
            helperText={error ?? hint ?? ' '}
            inputProps={field.kind === 'number' ? { inputMode: 'numeric' } : { maxLength: field.schema.maxLength }}
            fullWidth
          >
            {field.kind === 'enum' && [
              !field.required && (
                <MenuItem key="" value="">
                  <em>Default</em>
                </MenuItem>
              ),
              ...field.options.map((option) => (
                <MenuItem key={option} value={option}>
                  {option}
                </MenuItem>
              )),
            ]}
          </TextField>
        );
      })}
    </Stack>
  );
}

function rangeHint(field: ParamField): string | undefined {
  const { minimum, maximum } = field.schema;
  if (field.kind !== 'number' || (minimum === undefined && maximum === undefined)) return undefined;
  if (minimum !== undefined && maximum !== undefined) return `From ${minimum.toLocaleString('en-US')} to ${maximum.toLocaleString('en-US')}.`;
  return minimum !== undefined ? `At least ${minimum.toLocaleString('en-US')}.` : `At most ${maximum!.toLocaleString('en-US')}.`;
}
