import type { TModerationEventKind } from '@opsdesk/shared';
import { EVENT_LABELS } from './moderationText';

/**
 * One event-log line in words. Shadow rule hits are logged for the record (issue 13 §4)
 * but read as what they are — a verdict nobody acted on — so the page shows them muted
 * and says so, instead of letting an untested rule look like a finding.
 */
export interface EventLine {
  text: string;
  /** A shadow rule hit: shown muted and collapsed, its matches behind a toggle. */
  shadow: boolean;
  /** What the rule matched ("keyword: pills"), for a rule hit. */
  because: string[];
}

/** What a rule would have done, after "would have". */
export const SHADOW_ACTION_WORDS: Record<string, string> = {
  label: 'labelled it',
  hide_pending_review: 'hidden it pending review',
  raise_priority: 'raised its queue priority',
  open_queue_entry: 'opened a queue entry',
};

interface LoggedEvent {
  kind: TModerationEventKind;
  automated: boolean;
  actorLabel: string;
  data: Record<string, unknown>;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

export function eventLine(event: LoggedEvent): EventLine {
  const because = Array.isArray(event.data.because) ? event.data.because.filter((item): item is string => typeof item === 'string') : [];
  if (event.kind === 'rule_hit' && event.data.mode === 'shadow') {
    const name = text(event.data.ruleName) ?? event.actorLabel.replace(/^rule: /, '');
    const action = text(event.data.action);
    const wouldHave = (action && SHADOW_ACTION_WORDS[action]) ?? 'acted';
    return { text: `Shadow rule ${name} would have ${wouldHave} (no action taken)`, shadow: true, because };
  }
  return { text: `${EVENT_LABELS[event.kind] ?? event.kind}${event.automated ? ' (automated)' : ''}`, shadow: false, because: event.kind === 'rule_hit' ? because : [] };
}
