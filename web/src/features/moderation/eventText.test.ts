import { describe, expect, it } from 'vitest';
import { eventLine } from './eventText';

describe('event log lines', () => {
  const ruleHit = (data: Record<string, unknown>) => ({ kind: 'rule_hit' as const, automated: true, actorLabel: 'rule: Pill spam', data });

  it('reads a shadow hit as what the rule would have done, marked as no action', () => {
    expect(eventLine(ruleHit({ mode: 'shadow', ruleName: 'Pill spam', action: 'hide_pending_review', acted: false, because: ['keyword: pills'] }))).toEqual({
      text: 'Shadow rule Pill spam would have hidden it pending review (no action taken)',
      shadow: true,
      because: ['keyword: pills'],
    });
    expect(eventLine(ruleHit({ mode: 'shadow', ruleName: 'Crowd', action: 'raise_priority' })).text).toBe('Shadow rule Crowd would have raised its queue priority (no action taken)');
  });

  it('falls back on the actor label and plain words when the data is incomplete', () => {
    expect(eventLine(ruleHit({ mode: 'shadow', action: 'something_new', because: [42, 'regex: x'] }))).toEqual({
      text: 'Shadow rule Pill spam would have acted (no action taken)',
      shadow: true,
      because: ['regex: x'],
    });
  });

  it('keeps live hits and other events as before', () => {
    expect(eventLine(ruleHit({ mode: 'live', action: 'hide_pending_review', because: ['keyword: pills'] }))).toEqual({ text: 'Rule hit (automated)', shadow: false, because: ['keyword: pills'] });
    // Hits logged before the mode was recorded were all live.
    expect(eventLine(ruleHit({ action: 'label' })).shadow).toBe(false);
    expect(eventLine({ kind: 'claimed', automated: false, actorLabel: 'Mo', data: { because: ['x'] } })).toEqual({ text: 'Claimed', shadow: false, because: [] });
  });
});
