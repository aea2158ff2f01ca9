import { describe, expect, it } from 'vitest';
import { toJobsListInput } from './jobsDataHandler';

describe('the jobs list input', () => {
  it('passes known filters and the page size through, and drops what the server would refuse', () => {
    expect(toJobsListInput({ filter: { status: 'running', kind: 'jobs.selfCheck', startedBy: 'staff' }, pagination: { page: 2, perPage: 25 } })).toEqual({
      query: { status: 'running', kind: 'jobs.selfCheck', startedBy: 'staff', limit: 25 },
      page: 2,
    });
    expect(toJobsListInput({ filter: { startedBy: 'system' } }).query.startedBy).toBe('system');
    expect(toJobsListInput({ filter: { startedBy: '5d7dcf7b-0b8e-4c1a-9f3e-2a1b3c4d5e6f' } }).query.startedBy).toBe('5d7dcf7b-0b8e-4c1a-9f3e-2a1b3c4d5e6f');
    expect(toJobsListInput({ filter: { hideRoutine: true } }).query.hideRoutine).toBe(true);
    expect(toJobsListInput({ filter: { hideRoutine: false } }).query.hideRoutine).toBeUndefined();
    expect(toJobsListInput({ filter: { hideRoutine: 'yes' } }).query.hideRoutine).toBeUndefined();
    expect(toJobsListInput({ filter: { status: 'exploded', kind: '', startedBy: 'everyone' }, pagination: { page: 1, perPage: 500 } }).query).toEqual({ status: undefined, kind: undefined, startedBy: undefined, limit: 100 });
  });
});
