/** Steps a person reads at a glance, times a power of ten: 1, 2, 2.5, 5. */
const NICE_STEPS = [1, 2, 2.5, 5, 10];

/**
 * About `count` axis ticks at one round step covering `low`..`high`, zero always among
 * them, never closer than `minimumStep` (a currency's unit). Recharts rounds an axis in the
 * numbers it is given, or, given a domain, ends it at the data's maximum: a latency chart
 * read 0, 65, 130, 195, 241 ms with its line touching the frame; here it reads 0, 100,
 * 200, 300 ms. Nothing to scale (all zero) gives 0 and 1.
 */
export function niceTicks(low: number, high: number, count = 5, minimumStep = 0): number[] {
  const min = Math.min(0, low);
  const max = Math.max(0, high);
  const rough = Math.max((max - min) / Math.max(count - 1, 1), minimumStep);
  if (!(rough > 0) || !Number.isFinite(rough)) return [0, 1];
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = NICE_STEPS.map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude;
  const first = Math.floor(min / step);
  const last = Math.max(Math.ceil(max / step), first + 1);
  // toPrecision: 3 × 0.05 is 0.15000000000000002 in floating point.
  return Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toPrecision(12)));
}
