import { describe, expect, it } from 'vitest';
import { filtersFromParams, listRequestOf, paramsFromFilters } from './privacyListFilters';

describe('privacy list filters', () => {
  it('reads the tab and kind from the address, ignoring what it does not know', () => {
    expect(filtersFromParams(new URLSearchParams('view=overdue&kind=erasure'))).toEqual({ tab: 'overdue', kind: 'erasure' });
    expect(filtersFromParams(new URLSearchParams('view=nope&kind=<b>'))).toEqual({ tab: 'open', kind: '' });
  });

  it('round-trips through the address and asks the server only for what it filters', () => {
    const filters = { tab: 'due_this_week', kind: 'access' } as const;
    expect(filtersFromParams(paramsFromFilters(filters))).toEqual(filters);
    expect(listRequestOf(filters)).toEqual({ view: 'due_this_week', kind: 'access' });
    expect(listRequestOf({ tab: 'open', kind: '' })).toEqual({ open: true });
    expect(paramsFromFilters({ tab: 'open', kind: '' }).toString()).toBe('');
  });
});
