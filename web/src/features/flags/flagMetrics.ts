/** Hourly evaluation counts summed per environment (the metrics card's bars), in the server's environment order. */
export interface EnvironmentEvaluations {
  environment: string;
  yes: number;
  no: number;
}

export function evaluationsByEnvironment(buckets: readonly { environment: string; yes: number; no: number }[], order: readonly string[] = []): EnvironmentEvaluations[] {
  const sums = new Map<string, EnvironmentEvaluations>();
  for (const bucket of buckets) {
    const sum = sums.get(bucket.environment) ?? { environment: bucket.environment, yes: 0, no: 0 };
    sum.yes += bucket.yes;
    sum.no += bucket.no;
    sums.set(bucket.environment, sum);
  }
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return [...sums.values()].sort((a, b) => rank(a.environment) - rank(b.environment) || a.environment.localeCompare(b.environment));
}

/** "72 % yes" of the evaluations, or nothing to say when there were none. */
export function yesShareText(totals: { yes: number; no: number }): string {
  const all = totals.yes + totals.no;
  if (all === 0) return 'no evaluations';
  return `${Math.round((totals.yes / all) * 100)} % yes`;
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-GB');
}
