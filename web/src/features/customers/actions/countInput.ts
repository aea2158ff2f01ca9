import type { z } from 'zod';

/**
 * A whole number typed by hand (days, seats), checked as the person types against the
 * bounds of the shared schema the server applies, and said in the field's unit.
 */
export interface CountCheck {
  value: number | undefined;
  error: string | null;
}

export function boundsOf(schema: z.ZodType): { min: number; max: number } {
  const bounds = schema as unknown as { minValue?: number | null; maxValue?: number | null };
  if (typeof bounds.minValue !== 'number' || typeof bounds.maxValue !== 'number') throw new Error('This count schema declares no bounds.');
  return { min: bounds.minValue, max: bounds.maxValue };
}

export function checkCount(text: string, schema: z.ZodType, unit: string): CountCheck {
  const { min, max } = boundsOf(schema);
  const range = `From ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')} ${unit}.`;
  const trimmed = text.trim();
  if (trimmed === '') return { value: undefined, error: `Enter a number of ${unit}. ${range}` };
  if (trimmed.startsWith('-')) return { value: undefined, error: `The number of ${unit} cannot be negative. ${range}` };
  if (!/^\d+$/.test(trimmed)) return { value: undefined, error: `Enter a whole number of ${unit}. ${range}` };
  const value = Number(trimmed);
  if (value < min || value > max) return { value: undefined, error: range };
  return { value, error: null };
}
