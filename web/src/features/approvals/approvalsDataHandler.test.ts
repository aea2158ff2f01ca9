import { ZFindApprovalsRequestSchema } from '@opsdesk/shared';
import { describe, expect, it } from 'vitest';
import { toApprovalsFindInput } from './approvalsDataHandler';

describe('toApprovalsFindInput', () => {
  it('passes a known scope and status through as input the server accepts', () => {
    const input = toApprovalsFindInput({ scope: 'mine', status: 'succeeded' });
    expect(input).toEqual({ scope: 'mine', status: 'succeeded', limit: 200 });
    expect(ZFindApprovalsRequestSchema.parse(input)).toEqual(input);
  });

  it('shows what awaits a decision when the scope is missing or not one the inbox has', () => {
    expect(toApprovalsFindInput(undefined).scope).toBe('to_decide');
    expect(toApprovalsFindInput({}).scope).toBe('to_decide');
    expect(toApprovalsFindInput({ scope: 'everyone' }).scope).toBe('to_decide');
    expect(toApprovalsFindInput({ scope: 'all' }).scope).toBe('all');
  });

  it('sends a cleared status as absent', () => {
    const input = toApprovalsFindInput({ scope: 'all', status: '' });
    expect(input.status).toBeUndefined();
    expect(ZFindApprovalsRequestSchema.parse(input)).toEqual({ scope: 'all', limit: 200 });
  });
});
