import { describe, expect, it } from 'vitest';
import { roleListText } from './roleWords';

describe('roleListText', () => {
  it('reads roles as a sentence does, in the labels the console shows', () => {
    expect(roleListText(['admin'])).toBe('Admin');
    expect(roleListText(['oncall', 'admin'])).toBe('On-call and Admin');
    expect(roleListText(['support', 'finance', 'privacy'])).toBe('Support, Finance and Privacy');
  });
});
