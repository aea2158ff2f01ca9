import { minorUnitDigits } from '@opsdesk/shared';
import { niceTicks } from '../../app/niceTicks';

/**
 * Ticks for a money axis, in minor units, at round amounts of the currency's units, zero
 * always among them. Recharts rounds the axis in the numbers it is given (cents), so a
 * stacked chart whose bars reach 1,650 USD got ticks of 550 and "1.7K USD"; here the axis
 * reads 0, 500, 1,000, 1,500, 2,000 USD. `low` and `high` are the lowest and highest
 * values drawn (a stack's sums).
 */
export function moneyAxisTicks(low: number, high: number, currency: string | null | undefined, count = 5): number[] {
  return niceTicks(low, high, count, 10 ** minorUnitDigits(currency)).map(Math.round);
}

/** The lowest and highest point of stacked bars: each period's losses summed below zero, gains above. */
export function stackedExtent<K extends string>(rows: readonly Record<K, number>[], keys: readonly K[]): [number, number] {
  let low = 0;
  let high = 0;
  for (const row of rows) {
    const values = keys.map((key) => row[key]);
    low = Math.min(low, values.filter((v) => v < 0).reduce((sum, v) => sum + v, 0));
    high = Math.max(high, values.filter((v) => v > 0).reduce((sum, v) => sum + v, 0));
  }
  return [low, high];
}
