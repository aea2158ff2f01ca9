import { ZChangePlanRequestSchema, ZExtendTrialRequestSchema, ZSuspendRequestSchema } from '@opsdesk/shared';
import { describe, expect, it } from 'vitest';
import { boundsOf, checkCount } from './countInput';

describe('checkCount', () => {
  it('reads its bounds from the shared schema', () => {
    expect(boundsOf(ZSuspendRequestSchema.shape.days)).toEqual({ min: 1, max: 365 });
    expect(boundsOf(ZExtendTrialRequestSchema.shape.days)).toEqual({ min: 1, max: 90 });
  });

  it('accepts a whole number within the bounds', () => {
    expect(checkCount('30', ZExtendTrialRequestSchema.shape.days, 'days')).toEqual({ value: 30, error: null });
  });

  it('says what is wrong in the field’s unit', () => {
    expect(checkCount('91', ZExtendTrialRequestSchema.shape.days, 'days').error).toBe('From 1 to 90 days.');
    expect(checkCount('-3', ZSuspendRequestSchema.shape.days, 'days').error).toBe('The number of days cannot be negative. From 1 to 365 days.');
    expect(checkCount('2.5', ZChangePlanRequestSchema.shape.quantity, 'seats').error).toBe('Enter a whole number of seats. From 1 to 10,000 seats.');
    expect(checkCount('', ZSuspendRequestSchema.shape.days, 'days').error).toBe('Enter a number of days. From 1 to 365 days.');
  });
});
