import { describe, expect, it } from 'vitest';
import { isUuid, UUID_SOURCE } from './uuid.js';

describe('isUuid', () => {
  it('accepts a uuid in either case', () => {
    expect(isUuid('0b7e4a52-8c1f-4d6e-9a3b-2f5c6d7e8f90')).toBe(true);
    expect(isUuid('0B7E4A52-8C1F-4D6E-9A3B-2F5C6D7E8F90')).toBe(true);
  });

  it('refuses what is not exactly one uuid', () => {
    for (const text of ['', 'cus_123', '0b7e4a52-8c1f-4d6e-9a3b-2f5c6d7e8f9', '0b7e4a52-8c1f-4d6e-9a3b-2f5c6d7e8f900', ' 0b7e4a52-8c1f-4d6e-9a3b-2f5c6d7e8f90', '0b7e4a52-8c1f-4d6e-9a3b-2f5c6d7e8f90\n', 'gb7e4a52-8c1f-4d6e-9a3b-2f5c6d7e8f90', "0b7e4a52-8c1f-4d6e-9a3b-2f5c6d7e8f90' or 1=1"]) {
      expect(isUuid(text), text).toBe(false);
    }
  });

  it('composes into a larger pattern without anchors of its own', () => {
    expect(new RegExp(`^x\\|(${UUID_SOURCE})$`).exec('x|0b7e4a52-8c1f-4d6e-9a3b-2f5c6d7e8f90')?.[1]).toBe('0b7e4a52-8c1f-4d6e-9a3b-2f5c6d7e8f90');
  });
});
