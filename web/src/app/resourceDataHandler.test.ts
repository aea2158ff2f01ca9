import { describe, expect, it } from 'vitest';
import { pageInBrowser } from './resourceDataHandler';

const rows = Array.from({ length: 7 }, (_, index) => index + 1);

describe('pageInBrowser', () => {
  it('cuts react-admin’s page out of the whole list and reports the full length as total', () => {
    expect(pageInBrowser(rows, { page: 1, perPage: 3 }, 25)).toEqual({ data: [1, 2, 3], total: 7 });
    expect(pageInBrowser(rows, { page: 3, perPage: 3 }, 25)).toEqual({ data: [7], total: 7 });
  });

  it('answers an empty page past the end, still with the real total', () => {
    expect(pageInBrowser(rows, { page: 4, perPage: 3 }, 25)).toEqual({ data: [], total: 7 });
  });

  it('uses the feature’s page size when react-admin gives no pagination', () => {
    expect(pageInBrowser(rows, undefined, 2)).toEqual({ data: [1, 2], total: 7 });
  });
});
