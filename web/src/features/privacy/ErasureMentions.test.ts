import type { TErasureMentions } from '@opsdesk/shared';
import { describe, expect, it } from 'vitest';
import { mentionHref, mentionsCountText } from './ErasureMentions';

describe('mentionHref', () => {
  it('opens each kind of record at its console page', () => {
    expect(mentionHref({ resource: 'customers', id: '3f6c1d2e-0000-4000-8000-000000000001' })).toBe('/customers/3f6c1d2e-0000-4000-8000-000000000001/show');
    expect(mentionHref({ resource: 'approvals', id: 'a1' })).toBe('/approvals/a1/show');
    expect(mentionHref({ resource: 'moderation', id: '42' })).toBe('/moderation/42/show');
    expect(mentionHref({ resource: 'moderation-bulk', id: '7' })).toBe('/moderation-bulk/7');
    expect(mentionHref({ resource: 'privacy', id: 'p/1' })).toBe('/privacy/p%2F1/show');
    expect(mentionHref(null)).toBeNull();
  });
});

describe('mentionsCountText', () => {
  const list = (shown: number, total: number): TErasureMentions => ({ items: Array.from({ length: shown }, () => ({}) as never), total, limit: 50 });
  it('counts all, or says that only the newest are listed', () => {
    expect(mentionsCountText(list(1, 1))).toBe('1 mention.');
    expect(mentionsCountText(list(3, 3))).toBe('3 mentions.');
    expect(mentionsCountText(list(50, 1234))).toBe('1,234 mentions; the newest 50 are listed.');
  });
});
