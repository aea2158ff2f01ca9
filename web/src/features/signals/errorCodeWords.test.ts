import { describe, expect, it } from 'vitest';
import { errorCodeWords } from './errorCodeWords';

describe('error codes in words', () => {
  it('names tRPC codes as on-call reads them, 5xx outside tRPC apart, and leaves an unknown code as sent', () => {
    expect(errorCodeWords('UNAUTHORIZED')).toBe('Not signed in');
    expect(errorCodeWords('TOO_MANY_REQUESTS')).toBe('Rate limited');
    expect(errorCodeWords('INTERNAL_SERVER_ERROR')).toBe('Server error');
    expect(errorCodeWords('http_5xx')).toBe('Other 5xx (not tRPC)');
    expect(errorCodeWords('CSRF_REJECTED')).toBe('CSRF_REJECTED');
    // Not an own key: an inherited name is a code like any other unknown one.
    expect(errorCodeWords('constructor')).toBe('constructor');
  });
});
