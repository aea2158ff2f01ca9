import { describe, expect, it } from 'vitest';
import { reasonLabeller } from './moderationText';

describe('reason codes in words', () => {
  it("uses the policy table's label, and makes a code it lacks (or before it loads) readable", () => {
    const label = reasonLabeller([
      { code: 'ip_violation', label: 'Intellectual property' },
      { code: 'repeat_offender', label: 'Repeat violations: suspend the author' },
    ]);
    expect(label('ip_violation')).toBe('Intellectual property');
    expect(label('repeat_offender')).toBe('Repeat violations: suspend the author');
    expect(label('new_code')).toBe('New code');
    expect(reasonLabeller(undefined)('sensitive_label')).toBe('Sensitive label');
  });
});
