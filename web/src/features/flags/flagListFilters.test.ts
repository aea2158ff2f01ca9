import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, filtersFromParams, filtersInForce, hasFilters, listRequestOf, paramsFromFilters } from './flagListFilters';

const ME = '7d4c5a52-1f0e-4d7a-9c1b-2f9e8a6b3c10';

describe('flag list filters', () => {
  it('round-trips through the address', () => {
    const filters = { ...EMPTY_FILTERS, type: 'kill-switch' as const, environment: 'production', state: 'on' as const, stale: true, search: 'checkout' };
    expect(filtersFromParams(paramsFromFilters(filters))).toEqual(filters);
  });

  it('drops values the server would refuse instead of sending them', () => {
    const filters = filtersFromParams(new URLSearchParams('type=bogus&ownerId=nope&environment=Prod!&state=maybe&stale=yes'));
    expect(filters).toEqual(EMPTY_FILTERS);
    expect(hasFilters(filters)).toBe(false);
  });

  it('asks for an environment only with a state, and "mine" as the signed-in owner', () => {
    const request = listRequestOf({ ...EMPTY_FILTERS, environment: 'staging', mine: true, stale: true, search: '  new ' }, ME);
    expect(request).toMatchObject({ environment: undefined, state: undefined, ownerId: ME, stale: true, search: 'new', includeArchived: false });
    expect(listRequestOf({ ...EMPTY_FILTERS, environment: 'staging', state: 'off' }, ME)).toMatchObject({ environment: 'staging', state: 'off', ownerId: undefined });
  });

  it('counts the filters in force beside the search, for the phone\'s "Filters" button', () => {
    expect(filtersInForce({ ...EMPTY_FILTERS, search: 'checkout' })).toBe(0);
    expect(filtersInForce({ ...EMPTY_FILTERS, type: 'release', stale: true, archived: true, search: 'checkout' })).toBe(3);
  });
});
