/**
 * A usage metric in words. The keys are the product's own (`app.plan_limits.metric`,
 * `app.usage_events.kind`), written for code: `api_calls`, `storage_mb`. A trailing unit
 * becomes the number's unit and common abbreviations keep their capitals; anything else
 * reads as its words.
 */
const UNITS: Record<string, string> = { kb: 'KB', mb: 'MB', gb: 'GB', tb: 'TB', ms: 'ms', seconds: 's', minutes: 'min', hours: 'h' };
const ACRONYMS = new Set(['api', 'sso', 'url', 'ip', 'sms', 'ai', 'cpu', 'gpu', 'id']);

export interface UsageMetricWords {
  label: string;
  /** Shown after the numbers ("226 of 1,000 MB"); null when the metric counts things. */
  unit: string | null;
}

export function usageMetricWords(metric: string): UsageMetricWords {
  const words = metric.split(/[_\s.-]+/).filter(Boolean);
  const last = words.at(-1)?.toLowerCase();
  const unit = words.length > 1 && last && UNITS[last] ? UNITS[last] : null;
  const named = (unit ? words.slice(0, -1) : words).map((word) => (ACRONYMS.has(word.toLowerCase()) ? word.toUpperCase() : word.toLowerCase()));
  if (named.length === 0) return { label: metric, unit: null };
  const text = named.join(' ');
  return { label: text.charAt(0).toUpperCase() + text.slice(1), unit };
}

/** "API calls: 6,735 (no limit)", "Storage: 226 of 1,000 MB". */
export function usageLine(metric: string, used: number, limit: number | null): string {
  const { label, unit } = usageMetricWords(metric);
  const suffix = unit ? ` ${unit}` : '';
  const count = (n: number) => n.toLocaleString('en-US');
  return limit === null ? `${label}: ${count(used)}${suffix} (no limit)` : `${label}: ${count(used)} of ${count(limit)}${suffix}`;
}
