import { describe, expect, it } from 'vitest';
import { toJobsListInput } from './jobsDataHandler';

describe('the jobs list input', () => {
  it('passes known filters and the page size through, and drops what the server would refuse', () => {
    expect(toJobsListInput({ filter: { status: 'running', kind: 'jobs.selfCheck' }, pagination: { page: 2, perPage: 25 } })).toEqual({
      query: { status: 'running', kind: 'jobs.selfCheck', limit: 25 },
      page: 2,
    });
    expect(toJobsListInput({ filter: { status: 'exploded', kind: '' }, pagination: { page: 1, perPage: 500 } }).query).toEqual({ status: undefined, kind: undefined, limit: 100 });
  });
});
